import { Injectable } from '@nestjs/common';
import { ErrorCode, Pages, pageLink, type Deed, type Page } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { AppError, badRequest, conflict, forbidden, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { todayInShanghai } from '../common/dates.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { serviceNotification } from '../notifications/templates.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { UploadsService } from '../uploads/uploads.service.js';
import type { CreateDeedDto, ListDeedsQuery } from './community-service.dto.js';
import { toDeed } from './community-service.mapper.js';
import { DeedsRepository, type DeedRow } from './deeds.repository.js';
import { deedStatusAfter, type DeedAction } from './service-state.js';

/**
 * 我为群众办实事: a member logs a deed; staff of the member's organisation confirm it or return it with a
 * reason. Deeds are never on a public route: the member, and staff of their organisation, see them
 * (the beneficiary included); the public card shows a count.
 */
@Injectable()
export class DeedsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    private readonly notifications: NotificationsService,
    private readonly uploads: UploadsService,
    private readonly repo: DeedsRepository,
  ) {}

  async create(actor: Actor, dto: CreateDeedDto): Promise<Deed> {
    if (dto.doneOn > todayInShanghai()) throw badRequest('日期不能晚于今天', [{ field: 'doneOn', message: 'doneOn 不能是将来的日期' }]);
    await this.uploads.assertOwnUploads(actor.userId, dto.photos);
    const id = await this.repo.insert(this.dataSource.manager, {
      memberId: actor.memberId!,
      orgId: actor.memberOrgId!,
      title: dto.title,
      description: dto.description,
      doneOn: dto.doneOn,
      photos: dto.photos,
      beneficiary: dto.beneficiary ?? null,
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<Deed> {
    const d = await this.repo.findById(this.dataSource.manager, id);
    if (!d || !this.maySee(actor, d)) throw notFound('办实事记录');
    return toDeed(d, true);
  }

  async list(actor: Actor, q: ListDeedsQuery): Promise<Page<Deed>> {
    const limit = q.limit ?? 20;
    if ((q.mine ? 1 : 0) + (q.orgId ? 1 : 0) !== 1) throw badRequest('请指定 mine=true 或 orgId 之一', [{ field: 'mine', message: '二者选一' }]);
    let orgIds: string[] | undefined;
    if (q.mine) {
      if (!actor.memberId) throw new AppError(403, ErrorCode.NOT_A_MEMBER, '仅限已绑定党员身份的用户');
    } else {
      orgIds = await this.orgs.subtreeIds(await this.orgs.assertStaffOf(actor, q.orgId!));
    }
    const rows = await this.repo.findPage(this.dataSource.manager, {
      memberId: q.mine ? actor.memberId! : undefined,
      orgIds,
      status: q.status,
      after: decodeCursor<[string, string]>(q.cursor, ['timestamp', 'uuid']),
      limit,
    });
    return toPage(rows, limit, (d) => toDeed(d, true), (d) => [d.created_key, d.id]);
  }

  confirm(actor: Actor, id: string): Promise<Deed> {
    return this.step(actor, id, 'confirm');
  }

  returnDeed(actor: Actor, id: string, reason: string): Promise<Deed> {
    return this.step(actor, id, 'return', reason);
  }

  private maySee(actor: Actor, d: DeedRow): boolean {
    return d.member_id === actor.memberId || this.orgs.isStaffOf(actor, { path: d.org_path });
  }

  private async step(actor: Actor, id: string, action: DeedAction, reason?: string): Promise<Deed> {
    const d = await this.repo.findById(this.dataSource.manager, id);
    if (!d || !this.maySee(actor, d)) throw notFound('办实事记录');
    if (!this.orgs.isStaffOf(actor, { path: d.org_path })) throw forbidden('只有党员所在组织的工作人员可以确认');
    if (!deedStatusAfter(action, d.status)) throw conflict(ErrorCode.INVALID_STATE_TRANSITION, '该记录已处理');
    await this.dataSource.transaction(async (db) => {
      if (!(await this.repo.move(db, id, action, actor.userId, reason ?? null))) throw conflict(ErrorCode.INVALID_STATE_TRANSITION, '该记录已处理');
      if (d.member_user_id) {
        await this.notifications.enqueue(
          db,
          serviceNotification({
            userId: d.member_user_id,
            subject: d.title,
            event: action === 'confirm' ? '已确认' : '被退回',
            note: action === 'confirm' ? '您的办实事记录已确认' : `原因：${reason}`,
            page: pageLink(Pages.serviceDeed, { id }),
            dedupeKey: `deed:${id}:${action}`,
          }),
        );
      }
    });
    return this.get(actor, id);
  }
}
