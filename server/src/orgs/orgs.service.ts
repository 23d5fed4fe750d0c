import { Inject, Injectable } from '@nestjs/common';
import type { Board, Org, OrgDetail, Page, StaffGrantResponse } from '@xianfeng/shared';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError, forbidden, notFound } from '../common/app-error.js';
import { AccessPolicy } from '../common/auth/access-policy.service.js';
import type { Actor } from '../common/auth/actor.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MemberEntity } from '../members/member.entity.js';
import { toMemberCard } from '../members/member.mapper.js';
import { UserEntity } from '../users/user.entity.js';
import { ErrorCode } from '@xianfeng/shared';
import { OrgEntity, StaffGrantEntity } from './org.entity.js';
import { boardUrl, renderPosterSvg } from './poster.js';
import { subtreeOrgIds } from './subtree.js';
import type { CreateOrgDto } from './orgs.dto.js';

export const toOrg = (o: OrgEntity): Org => ({ id: o.id, name: o.name, type: o.type, parentId: o.parentId });

@Injectable()
export class OrgsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get orgs() {
    return this.dataSource.getRepository(OrgEntity);
  }

  async findOrThrow(id: string): Promise<OrgEntity> {
    const org = await this.orgs.findOneBy({ id });
    if (!org) throw notFound('组织');
    return org;
  }

  /** Top-level organisations need an admin; anything below needs staff of the parent (or above). */
  async create(actor: Actor, dto: CreateOrgDto): Promise<Org> {
    let path: string;
    let depth: number;
    const id = randomUUID();
    if (!dto.parentId) {
      if (!actor.isAdmin) throw forbidden('只有系统管理员可以创建顶级组织');
      path = `/${id}/`;
      depth = 0;
    } else {
      const parent = await this.access.assertStaffOf(actor, dto.parentId);
      path = `${parent.path}${id}/`;
      depth = parent.depth + 1;
    }
    const org = this.orgs.create({ id, name: dto.name, type: dto.type, parentId: dto.parentId ?? null, path, depth });
    return toOrg(await this.orgs.save(org));
  }

  async detail(id: string, actor: Actor | null = null): Promise<OrgDetail> {
    const org = await this.findOrThrow(id);
    const ids = await subtreeOrgIds(this.dataSource.manager, org.path);
    const [counts] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM member WHERE org_id = ANY($1::uuid[])) AS members,
              (SELECT count(*) FROM org WHERE parent_id = $2) AS children,
              (SELECT name FROM org WHERE id = $3) AS parent_name`,
      [ids, org.id, org.parentId],
    );
    return {
      ...toOrg(org),
      parentName: counts.parent_name ?? null,
      counts: { members: counts.members, children: counts.children },
      viewer: { staff: this.access.isStaffOf(actor, org) },
    };
  }

  /** Direct children (or, with no parent, the top-level organisations), by name. */
  async children(parentId: string | null, limit: number, cursor?: string): Promise<Page<Org>> {
    if (parentId) await this.findOrThrow(parentId);
    const after = decodeCursor<[string, string]>(cursor, ['text', 'uuid']);
    const qb = this.orgs
      .createQueryBuilder('o')
      .where(parentId ? 'o.parent_id = :parentId' : 'o.parent_id IS NULL', { parentId })
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .take(limit + 1);
    if (after) qb.andWhere('(o.name, o.id) > (:n, :i)', { n: after[0], i: after[1] });
    return toPage(await qb.getMany(), limit, toOrg, (o) => [o.name, o.id]);
  }

  /** The 亮岗 wall: public cards of the members of the organisation and everything under it. */
  async board(id: string, limit: number, cursor?: string): Promise<Board> {
    const org = await this.findOrThrow(id);
    const after = decodeCursor<[number, string, string]>(cursor, ['int', 'text', 'uuid']);
    const ids = await subtreeOrgIds(this.dataSource.manager, org.path);
    // Members with a post (示范岗/先锋岗/责任区) first, then by name.
    const rows: Array<MemberEntity & { org_name: string; rank: number }> = await this.dataSource
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .innerJoin(OrgEntity, 'o', 'o.id = m.org_id')
      .addSelect('o.name', 'org_name')
      .addSelect('CASE WHEN m.post_kind IS NULL THEN 1 ELSE 0 END', 'rank')
      .where(`m.org_id = ANY(:ids)`, { ids })
      .andWhere(after ? `(CASE WHEN m.post_kind IS NULL THEN 1 ELSE 0 END, m.name, m.id) > (:r, :n, :i)` : 'TRUE', {
        r: after?.[0],
        n: after?.[1],
        i: after?.[2],
      })
      .orderBy('rank', 'ASC')
      .addOrderBy('m.name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit + 1)
      .getRawAndEntities()
      .then(({ raw, entities }) => entities.map((e, i) => Object.assign(e, { org_name: raw[i].org_name, rank: Number(raw[i].rank) })));
    const page = toPage(rows, limit, (m) => toMemberCard(m, m.org_name), (m) => [m.rank, m.name, m.id]);
    return { org: toOrg(org), ...page };
  }

  async poster(id: string): Promise<string> {
    const org = await this.findOrThrow(id);
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

  /** Grant or revoke the staff role on an organisation (and so its subtree). */
  async setStaff(actor: Actor, orgId: string, userId: string, revoke: boolean): Promise<StaffGrantResponse> {
    await this.access.assertStaffOf(actor, orgId);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw new AppError(404, ErrorCode.NOT_FOUND, '用户不存在');
    const grants = this.dataSource.getRepository(StaffGrantEntity);
    if (revoke) {
      await grants.delete({ userId, orgId });
    } else {
      await grants.createQueryBuilder().insert().values({ userId, orgId, grantedBy: actor.userId }).orIgnore().execute();
    }
    return { userId, orgId, staff: !revoke };
  }
}
