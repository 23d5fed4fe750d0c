import { Inject, Injectable } from '@nestjs/common';
import type { Board, Org, OrgDetail, OrgHit, Page, StaffGrantResponse } from '@xianfeng/shared';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MemberDirectory } from '../members/member-directory.js';
import { UsersService } from '../users/users.service.js';
import { OrgDirectory, type OrgRef } from './org-directory.js';
import { OrgsRepository } from './orgs.repository.js';
import { boardUrl, renderPosterSvg } from './poster.js';
import type { CreateOrgDto } from './orgs.dto.js';

export const toOrg = (o: OrgRef): Org => ({ id: o.id, name: o.name, type: o.type, parentId: o.parentId });

@Injectable()
export class OrgsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: OrgsRepository,
    private readonly orgs: OrgDirectory,
    private readonly members: MemberDirectory,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Top-level organisations need an admin; anything below needs staff of the parent (or above). */
  async create(actor: Actor, dto: CreateOrgDto): Promise<Org> {
    const id = randomUUID();
    let parent: OrgRef | null = null;
    if (!dto.parentId) {
      if (!actor.isAdmin) throw forbidden('只有系统管理员可以创建顶级组织');
    } else {
      parent = await this.orgs.assertStaffOf(actor, dto.parentId);
    }
    const org = await this.repo.insert(this.dataSource.manager, {
      id,
      name: dto.name,
      type: dto.type,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
    });
    // Other instances hear of it from the trigger; this one forgets at once (read-your-writes).
    this.orgs.forget();
    return toOrg(org);
  }

  async detail(id: string, actor: Actor | null = null): Promise<OrgDetail> {
    const db = this.dataSource.manager;
    const org = await this.orgs.get(id);
    const [members, children, parent] = await Promise.all([
      this.members.countIn(await this.orgs.subtree(org)),
      this.repo.countChildren(db, org.id),
      org.parentId ? this.orgs.find(org.parentId) : null,
    ]);
    return { ...toOrg(org), parentName: parent?.name ?? null, counts: { members, children }, viewer: { staff: this.orgs.isStaffOf(actor, org) } };
  }

  /** Direct children (or, with no parent, the top-level organisations), by name. */
  async children(parentId: string | null, limit: number, cursor?: string): Promise<Page<Org>> {
    if (parentId) await this.orgs.get(parentId);
    const after = decodeCursor<[string, string]>(cursor, ['text', 'uuid']);
    const rows = await this.repo.findChildrenPage(this.dataSource.manager, parentId, after, limit);
    return toPage(rows, limit, toOrg, (o) => [o.name, o.id]);
  }

  /**
   * `GET /orgs`: with a query, organisations at any depth whose name holds each of its words (so a
   * resident finds their community); without, the top-level ones.
   */
  async list(q: string | undefined, limit: number, cursor?: string): Promise<Page<OrgHit>> {
    const terms = (q ?? '').split(/\s+/).filter(Boolean);
    if (terms.length === 0) {
      const page = await this.children(null, limit, cursor);
      return { ...page, items: page.items.map((o) => ({ ...o, parentName: null })) };
    }
    const after = decodeCursor<[number, string, string]>(cursor, ['int', 'text', 'uuid']);
    const rows = await this.repo.searchByName(this.dataSource.manager, terms, after, limit);
    return toPage(rows, limit, (r) => ({ ...toOrg(r), parentName: r.parentName }), (r) => [r.rank, r.name, r.id]);
  }

  /** The 亮岗 wall: public cards of the members of the organisation and everything under it. */
  async board(id: string, limit: number, cursor?: string): Promise<Board> {
    const org = await this.orgs.get(id);
    const page = await this.members.boardPage(await this.orgs.subtree(org), limit, cursor);
    return { org: toOrg(org), ...page };
  }

  async poster(id: string): Promise<string> {
    const org = await this.orgs.get(id);
    const board = await this.board(id, 12);
    const { members } = await this.detail(id).then((d) => d.counts);
    return renderPosterSvg({
      orgName: org.name,
      orgType: org.type,
      boardUrl: boardUrl(this.config.publicBaseUrl, org.id),
      members: board.items.map((c) => ({ name: c.name, postKind: c.postKind, postTitle: c.postTitle })),
      memberCount: members,
    });
  }

  /** Rename: admin, or staff of the organisation or an ancestor. */
  async rename(actor: Actor, id: string, name: string): Promise<Org> {
    await this.orgs.assertStaffOf(actor, id);
    const org = await this.repo.rename(this.dataSource.manager, id, name);
    if (!org) throw notFound('组织');
    this.orgs.forget(); // as on create: this instance at once, the others by NOTIFY
    return toOrg(org);
  }

  /** Grant or revoke the staff role on an organisation (and so its subtree). */
  async setStaff(actor: Actor, orgId: string, userId: string, revoke: boolean): Promise<StaffGrantResponse> {
    await this.orgs.assertStaffOf(actor, orgId);
    if (!(await this.users.exists(userId))) throw notFound('用户');
    if (revoke) await this.repo.revokeStaff(this.dataSource.manager, userId, orgId);
    else await this.repo.grantStaff(this.dataSource.manager, userId, orgId, actor.userId);
    return { userId, orgId, staff: !revoke };
  }
}
