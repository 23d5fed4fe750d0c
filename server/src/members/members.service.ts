import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type CreateMemberResponse,
  type ErrorDetail,
  type ImportResult,
  type Member,
  type MemberCard,
  type Page,
  type User,
} from '@xianfeng/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, badRequest, notFound } from '../common/app-error.js';
import { AccessPolicy } from '../common/auth/access-policy.service.js';
import type { Actor } from '../common/auth/actor.js';
import { todayInShanghai } from '../common/dates.js';
import { pgCode, returning } from '../common/sql.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import { OrgEntity } from '../orgs/org.entity.js';
import { subtreeOrgIds } from '../orgs/subtree.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { UsersService } from '../users/users.service.js';
import { BIND_CODE_TTL_DAYS, generateBindCode, hashBindCode } from './bind-code.js';
import { BindCodeEntity, MemberEntity, MemberOrgHistoryEntity } from './member.entity.js';
import { toMember, toMemberCard } from './member.mapper.js';
import type { CreateMemberDto, UpdateMemberDto, UpdateMyMemberDto } from './members.dto.js';
import { parseRoster, RosterFormatError, type RosterRow } from './roster-parser.js';

type DateFields = Pick<MemberEntity, 'birthday' | 'joinedPartyOn' | 'workStartedOn'>;

/** Rules across fields that a single-field validator cannot see. */
export function checkMemberDates(m: DateFields, today = todayInShanghai()): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (m.birthday > today) errors.push({ field: 'birthday', message: '出生日期不能晚于今天' });
  if (m.joinedPartyOn > today) errors.push({ field: 'joinedPartyOn', message: '入党日期不能晚于今天' });
  if (m.joinedPartyOn <= m.birthday) errors.push({ field: 'joinedPartyOn', message: '入党日期必须晚于出生日期' });
  if (m.workStartedOn && m.workStartedOn <= m.birthday) errors.push({ field: 'workStartedOn', message: '参加工作日期必须晚于出生日期' });
  if (m.workStartedOn && m.workStartedOn > today) errors.push({ field: 'workStartedOn', message: '参加工作日期不能晚于今天' });
  return errors;
}

@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly users: UsersService,
    private readonly uploads: UploadsService,
  ) {}

  private async findOrThrow(id: string, manager: EntityManager = this.dataSource.manager): Promise<MemberEntity> {
    const m = await manager.findOneBy(MemberEntity, { id });
    if (!m) throw notFound('党员');
    return m;
  }

  async create(actor: Actor, orgId: string, dto: CreateMemberDto): Promise<CreateMemberResponse> {
    const org = await this.access.assertStaffOf(actor, orgId);
    const values = { ...this.fromDto(dto), orgId };
    const dateErrors = checkMemberDates(values);
    if (dateErrors.length) throw badRequest('请求参数有误', dateErrors);
    return this.dataSource.transaction(async (manager) => {
      const member = await manager.save(MemberEntity, manager.create(MemberEntity, values));
      const { code, expiresAt } = await this.issueBindCode(manager, member.id, actor.userId);
      return { member: toMember(member, org.name), bindCode: code, bindCodeExpiresAt: expiresAt.toISOString() };
    });
  }

  private fromDto(dto: CreateMemberDto) {
    return {
      name: dto.name,
      gender: dto.gender,
      birthday: dto.birthday,
      joinedPartyOn: dto.joinedPartyOn,
      workStartedOn: dto.workStartedOn ?? null,
      status: dto.status,
      postKind: dto.postKind ?? null,
      postTitle: dto.postTitle ?? null,
      duties: dto.duties ?? null,
      photoUrl: dto.photoUrl ?? null,
      phone: dto.phone ?? null,
      showPhone: dto.showPhone ?? false,
    };
  }

  /** A new code replaces any outstanding one for the member. */
  private async issueBindCode(manager: EntityManager, memberId: string, createdBy: string) {
    await manager.query(`UPDATE bind_code SET expires_at = now() WHERE member_id = $1 AND used_at IS NULL AND expires_at > now()`, [memberId]);
    const code = generateBindCode();
    const expiresAt = new Date(Date.now() + BIND_CODE_TTL_DAYS * 86_400_000);
    await manager.insert(BindCodeEntity, { codeHash: hashBindCode(code), memberId, expiresAt, createdBy });
    return { code, expiresAt };
  }

  async reissueBindCode(actor: Actor, memberId: string): Promise<{ bindCode: string; bindCodeExpiresAt: string }> {
    const member = await this.findOrThrow(memberId);
    await this.access.assertStaffOf(actor, member.orgId);
    if (member.userId) throw new AppError(409, ErrorCode.MEMBER_ALREADY_BOUND, '该党员已绑定微信账号');
    const { code, expiresAt } = await this.dataSource.transaction((m) => this.issueBindCode(m, memberId, actor.userId));
    return { bindCode: code, bindCodeExpiresAt: expiresAt.toISOString() };
  }

  /**
   * Binds the caller to the member record behind a one-time code. The code is spent by a conditional
   * UPDATE, so of two users racing with the same code exactly one gets the row; the unique
   * `member.user_id` keeps a user to one member record.
   */
  async bind(actor: Actor, bindCode: string): Promise<User> {
    if (actor.memberId) throw new AppError(409, ErrorCode.ALREADY_BOUND, '您已绑定党员身份');
    await this.dataSource.transaction(async (manager) => {
      const spent = await returning<{ member_id: string }>(
        manager,
        `UPDATE bind_code SET used_at = now(), used_by = $2
          WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING member_id`,
        [hashBindCode(bindCode), actor.userId],
      );
      if (spent.length === 0) throw new AppError(404, ErrorCode.BIND_CODE_INVALID, '绑定码无效、已过期或已被使用');
      const bound = await returning<{ id: string }>(
        manager,
        `UPDATE member SET user_id = $2, updated_at = now() WHERE id = $1 AND user_id IS NULL RETURNING id`,
        [spent[0].member_id, actor.userId],
      ).catch((e: unknown) => {
        // the unique member.user_id: this user bound another record meanwhile
        if (pgCode(e) === '23505') throw new AppError(409, ErrorCode.ALREADY_BOUND, '您已绑定党员身份');
        throw e;
      });
      if (bound.length === 0) throw new AppError(409, ErrorCode.MEMBER_ALREADY_BOUND, '该党员身份已被其他微信账号绑定');
    });
    return this.users.describe(actor.userId);
  }

  async updateMine(actor: Actor, dto: UpdateMyMemberDto): Promise<Member> {
    const member = await this.findOrThrow(actor.memberId!);
    if (dto.photoUrl && dto.photoUrl !== member.photoUrl) await this.uploads.assertOwnUploads(actor.userId, [dto.photoUrl], 'photoUrl');
    Object.assign(member, definedOnly(dto));
    if (member.showPhone && !member.phone) throw badRequest('请先填写手机号', [{ field: 'showPhone', message: '没有手机号时不能公开手机号' }]);
    const saved = await this.dataSource.getRepository(MemberEntity).save(member);
    return toMember(saved, await this.orgName(saved.orgId));
  }

  async update(actor: Actor, id: string, dto: UpdateMemberDto): Promise<Member> {
    return this.dataSource.transaction(async (manager) => {
      const member = await manager.findOne(MemberEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw notFound('党员');
      await this.access.assertStaffOf(actor, member.orgId);
      const { orgId, ...fields } = definedOnly(dto);
      const fromOrg = member.orgId;
      if (orgId && orgId !== fromOrg) {
        await this.access.assertStaffOf(actor, orgId);
        member.orgId = orgId;
        await manager.insert(MemberOrgHistoryEntity, { memberId: id, fromOrgId: fromOrg, toOrgId: orgId, movedBy: actor.userId });
      }
      Object.assign(member, fields);
      const dateErrors = checkMemberDates(member);
      if (dateErrors.length) throw badRequest('请求参数有误', dateErrors);
      const saved = await manager.save(MemberEntity, member);
      return toMember(saved, await this.orgName(saved.orgId, manager));
    });
  }

  async history(actor: Actor, id: string) {
    const member = await this.findOrThrow(id);
    await this.access.assertStaffOf(actor, member.orgId);
    const rows: Array<{ from_org_id: string; from_name: string; to_org_id: string; to_name: string; moved_at: Date }> = await this.dataSource.query(
      `SELECT h.from_org_id, f.name AS from_name, h.to_org_id, t.name AS to_name, h.moved_at
         FROM member_org_history h JOIN org f ON f.id = h.from_org_id JOIN org t ON t.id = h.to_org_id
        WHERE h.member_id = $1 ORDER BY h.moved_at`,
      [id],
    );
    return rows.map((r) => ({ fromOrgId: r.from_org_id, fromOrgName: r.from_name, toOrgId: r.to_org_id, toOrgName: r.to_name, movedAt: r.moved_at.toISOString() }));
  }

  async card(id: string): Promise<MemberCard> {
    const member = await this.findOrThrow(id);
    return toMemberCard(member, await this.orgName(member.orgId));
  }

  /** The roster with private fields, for staff: the organisation and its subtree, by name. */
  async roster(actor: Actor, orgId: string, limit: number, cursor?: string, q?: string): Promise<Page<Member>> {
    const org = await this.access.assertStaffOf(actor, orgId);
    const after = decodeCursor<[string, string]>(cursor, ['text', 'uuid']);
    const ids = await subtreeOrgIds(this.dataSource.manager, org.path);
    const qb = this.dataSource
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .innerJoin(OrgEntity, 'o', 'o.id = m.org_id')
      .addSelect('o.name', 'org_name')
      .where('m.org_id = ANY(:ids)', { ids })
      .orderBy('m.name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit + 1);
    if (after) qb.andWhere('(m.name, m.id) > (:n, :i)', { n: after[0], i: after[1] });
    if (q) qb.andWhere(`m.name LIKE :q`, { q: `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%` });
    const { raw, entities } = await qb.getRawAndEntities();
    const rows = entities.map((e, i) => ({ e, orgName: raw[i].org_name as string }));
    return toPage(rows, limit, (r) => toMember(r.e, r.orgName), (r) => [r.e.name, r.e.id]);
  }

  /**
   * Roster import: all or nothing. Every bad row and field is reported; nothing is written unless
   * every row is good. People already on the roster (same name and birthday) count as bad rows.
   */
  async importRoster(actor: Actor, orgId: string, file: { buffer: Buffer; originalname: string; mimetype?: string }): Promise<ImportResult> {
    await this.access.assertStaffOf(actor, orgId);
    let parsed;
    try {
      parsed = await parseRoster(file);
    } catch (err) {
      if (err instanceof RosterFormatError) throw badRequest(`无法导入：${err.message}`, [{ field: 'file', message: err.message }]);
      throw err;
    }
    const errors = [...parsed.errors];
    const existing: Array<{ name: string; birthday: string }> = await this.dataSource.query(
      `SELECT name, birthday FROM member WHERE org_id = $1`,
      [orgId],
    );
    const known = new Set(existing.map((m) => `${m.name}|${m.birthday}`));
    for (const r of parsed.rows) {
      if (known.has(`${r.name}|${r.birthday}`)) {
        errors.push({ row: r.row, field: 'name', message: `第 ${r.row} 行：${r.name}（${r.birthday}）已在花名册中` });
      }
    }
    if (errors.length) {
      errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      throw badRequest(`导入失败：${errors.length} 处错误，未导入任何数据`, errors);
    }
    return this.dataSource.transaction(async (manager) => {
      const out: ImportResult['members'] = [];
      const CHUNK = 500;
      for (let i = 0; i < parsed.rows.length; i += CHUNK) {
        const chunk = parsed.rows.slice(i, i + CHUNK);
        const result = await manager.insert(MemberEntity, chunk.map((r) => rowToValues(r, orgId)));
        const ids = result.identifiers.map((x) => x.id as string);
        const expiresAt = new Date(Date.now() + BIND_CODE_TTL_DAYS * 86_400_000);
        const codes = ids.map(() => generateBindCode());
        await manager.insert(
          BindCodeEntity,
          ids.map((memberId, k) => ({ codeHash: hashBindCode(codes[k]), memberId, expiresAt, createdBy: actor.userId })),
        );
        ids.forEach((id, k) => out.push({ id, name: chunk[k].name, bindCode: codes[k] }));
      }
      return { imported: out.length, members: out };
    });
  }

  private async orgName(orgId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const org = await manager.findOneBy(OrgEntity, { id: orgId });
    return org?.name ?? '';
  }
}

function rowToValues(r: RosterRow, orgId: string) {
  return {
    orgId,
    name: r.name,
    gender: r.gender,
    birthday: r.birthday,
    joinedPartyOn: r.joinedPartyOn,
    workStartedOn: r.workStartedOn,
    status: r.status,
    postKind: r.postKind,
    postTitle: r.postTitle,
    duties: r.duties,
    phone: r.phone,
    showPhone: r.showPhone,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
