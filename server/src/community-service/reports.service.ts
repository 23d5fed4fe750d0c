import { Injectable } from '@nestjs/common';
import { ErrorCode, Pages, pageLink, type Page, type ServiceReport } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { AppError, badRequest, conflict, forbidden, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import type { Db } from '../database/db.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { serviceNotification } from '../notifications/templates.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import type { CreateReportDto, ListReportsQuery } from './community-service.dto.js';
import { toReport } from './community-service.mapper.js';
import { ReportsRepository, type ReportFilter, type ReportRow } from './reports.repository.js';
import { reportStatusAfter, type ReportAction } from './service-state.js';

const REPORT_LABELS: Record<ReportAction, string> = { accept: '接收', decline: '拒绝', end: '结束' };

/**
 * 进社区报到: a member reports to the community where they live; its staff accept or decline; the
 * member (to move) or the community ends it. One pending-or-active report per member is the
 * database's rule (a partial unique index), so twenty taps at once still make one report.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    private readonly notifications: NotificationsService,
    private readonly repo: ReportsRepository,
  ) {}

  async create(actor: Actor, dto: CreateReportDto): Promise<ServiceReport> {
    const community = await this.orgs.get(dto.communityOrgId);
    if (community.type !== 'community') {
      throw new AppError(400, ErrorCode.NOT_A_COMMUNITY, '只能向社区报到', [{ field: 'communityOrgId', message: '该组织不是社区' }]);
    }
    const id = await this.repo.insertIfNoneOpen(this.dataSource.manager, {
      memberId: actor.memberId!,
      communityOrgId: community.id,
      residentialArea: dto.residentialArea,
      skills: [...new Set(dto.skills ?? [])],
    });
    if (!id) throw conflict(ErrorCode.ALREADY_REPORTED, '您已向社区报到（或报到待确认）；如需变更，请先结束原报到');
    return this.get(id);
  }

  async list(actor: Actor, q: ListReportsQuery): Promise<Page<ServiceReport>> {
    const limit = q.limit ?? 20;
    const chosen = [q.mine, q.communityOrgId, q.memberOrgId].filter((v) => v !== undefined).length;
    if (chosen !== 1) throw badRequest('请指定 mine=true、communityOrgId 或 memberOrgId 之一', [{ field: 'mine', message: '三者选一' }]);
    const filter: ReportFilter = { status: q.status, after: decodeCursor<[string, string]>(q.cursor, ['timestamp', 'uuid']), limit };
    if (q.mine) {
      if (!actor.memberId) throw new AppError(403, ErrorCode.NOT_A_MEMBER, '仅限已绑定党员身份的用户');
      filter.memberId = actor.memberId;
    } else if (q.communityOrgId) {
      await this.orgs.assertStaffOf(actor, q.communityOrgId);
      filter.communityOrgId = q.communityOrgId;
    } else {
      const org = await this.orgs.assertStaffOf(actor, q.memberOrgId!);
      filter.memberOrgIds = await this.orgs.subtreeIds(org);
    }
    const rows = await this.repo.findPage(this.dataSource.manager, filter);
    return toPage(rows, limit, toReport, (r) => [r.created_key, r.id]);
  }

  accept(actor: Actor, id: string): Promise<ServiceReport> {
    return this.step(actor, id, 'accept');
  }

  decline(actor: Actor, id: string, reason: string): Promise<ServiceReport> {
    return this.step(actor, id, 'decline', reason);
  }

  end(actor: Actor, id: string): Promise<ServiceReport> {
    return this.step(actor, id, 'end');
  }

  private async get(id: string): Promise<ServiceReport> {
    const row = await this.repo.findById(this.dataSource.manager, id);
    if (!row) throw notFound('报到');
    return toReport(row);
  }

  /** Who may take each step: community staff accept and decline; the member or community staff end. */
  private async step(actor: Actor, id: string, action: ReportAction, reason?: string): Promise<ServiceReport> {
    const row = await this.repo.findById(this.dataSource.manager, id);
    const own = row?.member_id === actor.memberId && actor.memberId !== null;
    const staff = row ? this.orgs.isStaffOf(actor, { path: row.community_path }) : false;
    if (!row || !(own || staff)) throw notFound('报到');
    if (!(staff || (own && action === 'end'))) throw forbidden('只有该社区的工作人员可以处理报到');
    if (!reportStatusAfter(action, row.status)) throw conflict(ErrorCode.INVALID_STATE_TRANSITION, `该报到当前状态不能${REPORT_LABELS[action]}`);
    await this.dataSource.transaction(async (db) => {
      if (!(await this.repo.move(db, id, action, actor.userId, reason ?? null))) {
        throw conflict(ErrorCode.INVALID_STATE_TRANSITION, `该报到已被处理，不能${REPORT_LABELS[action]}`);
      }
      if (action !== 'end') await this.notifyMember(db, row, action, reason);
    });
    return this.get(id);
  }

  private async notifyMember(db: Db, row: ReportRow, action: 'accept' | 'decline', reason?: string): Promise<void> {
    if (!row.member_user_id) return;
    await this.notifications.enqueue(
      db,
      serviceNotification({
        userId: row.member_user_id,
        subject: `${row.community_name}报到`,
        event: action === 'accept' ? '已接收' : '未通过',
        note: action === 'accept' ? '社区已接收您的报到，欢迎参加社区服务活动' : `原因：${reason}`,
        page: pageLink(Pages.serviceReport),
        dedupeKey: `service-report:${row.id}:${action}`,
      }),
    );
  }
}
