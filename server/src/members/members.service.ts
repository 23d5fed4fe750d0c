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
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError, badRequest, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { todayInShanghai } from '../common/dates.js';
import { pgCode } from '../common/sql.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import type { Db } from '../database/db.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { UsersService } from '../users/users.service.js';
import { BIND_CODE_TTL_DAYS, generateBindCode, hashBindCode } from './bind-code.js';
import { ServiceCounts } from '../community-service/service-counts.js';
import { toMember, toMemberCard } from './member.mapper.js';
import type { CreateMemberDto, UpdateMemberDto, UpdateMyMemberDto } from './members.dto.js';
import { MembersRepository, type MemberFields, type MemberRow } from './members.repository.js';
import { parseRoster, RosterFormatError } from './roster-parser.js';

type DateFields = Pick<MemberFields, 'birthday' | 'joinedPartyOn' | 'workStartedOn'>;

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
    private readonly orgs: OrgDirectory,
    private readonly users: UsersService,
    private readonly repo: MembersRepository,
    private readonly uploads: UploadsService,
    private readonly serviceCounts: ServiceCounts,
  ) {}

  private async findOrThrow(id: string, db: Db = this.dataSource.manager): Promise<MemberRow> {
    const m = await this.repo.findById(db, id);
    if (!m) throw notFound('党员');
    return m;
  }

  async create(actor: Actor, orgId: string, dto: CreateMemberDto): Promise<CreateMemberResponse> {
    await this.orgs.assertStaffOf(actor, orgId);
    const values = memberFields(dto);
    const dateErrors = checkMemberDates(values);
    if (dateErrors.length) throw badRequest('请求参数有误', dateErrors);
    return this.dataSource.transaction(async (db) => {
      const id = randomUUID();
      await this.repo.insertMany(db, orgId, [{ ...values, id }]);
      const { code, expiresAt } = await this.issueBindCode(db, id, actor.userId);
      return { member: toMember((await this.repo.findById(db, id))!), bindCode: code, bindCodeExpiresAt: expiresAt.toISOString() };
    });
  }

  /** A new code replaces any outstanding one for the member. */
  private async issueBindCode(db: Db, memberId: string, createdBy: string) {
    await this.repo.expireOpenBindCodes(db, memberId);
    const code = generateBindCode();
    const expiresAt = bindCodeExpiry();
    await this.repo.insertBindCodes(db, [{ codeHash: hashBindCode(code), memberId, expiresAt, createdBy }]);
    return { code, expiresAt };
  }

  async reissueBindCode(actor: Actor, memberId: string): Promise<{ bindCode: string; bindCodeExpiresAt: string }> {
    const member = await this.findOrThrow(memberId);
    await this.orgs.assertStaffOf(actor, member.orgId);
    if (member.userId) throw new AppError(409, ErrorCode.MEMBER_ALREADY_BOUND, '该党员已绑定微信账号');
    const { code, expiresAt } = await this.dataSource.transaction((db) => this.issueBindCode(db, memberId, actor.userId));
    return { bindCode: code, bindCodeExpiresAt: expiresAt.toISOString() };
  }

  /**
   * Binds the caller to the member record behind a one-time code. The code is spent by a conditional
   * UPDATE, so of two users racing with the same code exactly one gets the row; the unique
   * `member.user_id` keeps a user to one member record.
   */
  async bind(actor: Actor, bindCode: string): Promise<User> {
    if (actor.memberId) throw new AppError(409, ErrorCode.ALREADY_BOUND, '您已绑定党员身份');
    await this.dataSource.transaction(async (db) => {
      const memberId = await this.repo.spendBindCode(db, hashBindCode(bindCode), actor.userId);
      if (!memberId) throw new AppError(404, ErrorCode.BIND_CODE_INVALID, '绑定码无效、已过期或已被使用');
      const bound = await this.repo.bindUserIfUnbound(db, memberId, actor.userId).catch((e: unknown) => {
        // the unique member.user_id: this user bound another record meanwhile
        if (pgCode(e) === '23505') throw new AppError(409, ErrorCode.ALREADY_BOUND, '您已绑定党员身份');
        throw e;
      });
      if (!bound) throw new AppError(409, ErrorCode.MEMBER_ALREADY_BOUND, '该党员身份已被其他微信账号绑定');
    });
    return this.users.describe(actor.userId);
  }

  async updateMine(actor: Actor, dto: UpdateMyMemberDto): Promise<Member> {
    const current = await this.findOrThrow(actor.memberId!);
    if (dto.photoUrl && dto.photoUrl !== current.photoUrl) await this.uploads.assertOwnUploads(actor.userId, [dto.photoUrl], 'photoUrl');
    const member = { ...current, ...definedOnly(dto) };
    if (member.showPhone && !member.phone) throw badRequest('请先填写手机号', [{ field: 'showPhone', message: '没有手机号时不能公开手机号' }]);
    await this.repo.update(this.dataSource.manager, member.id, member.orgId, member);
    return toMember(await this.findOrThrow(member.id));
  }

  async update(actor: Actor, id: string, dto: UpdateMemberDto): Promise<Member> {
    return this.dataSource.transaction(async (db) => {
      const found = await this.repo.findByIdForUpdate(db, id);
      if (!found) throw notFound('党员');
      await this.orgs.assertStaffOf(actor, found.orgId);
      const { orgId, ...fields } = definedOnly(dto);
      const member = { ...found, ...fields };
      if (orgId && orgId !== found.orgId) {
        await this.orgs.assertStaffOf(actor, orgId);
        member.orgId = orgId;
        await this.repo.recordMove(db, { memberId: id, fromOrgId: found.orgId, toOrgId: orgId, movedBy: actor.userId });
      }
      const dateErrors = checkMemberDates(member);
      if (dateErrors.length) throw badRequest('请求参数有误', dateErrors);
      await this.repo.update(db, id, member.orgId, member);
      return toMember((await this.repo.findById(db, id))!);
    });
  }

  async history(actor: Actor, id: string) {
    const member = await this.findOrThrow(id);
    await this.orgs.assertStaffOf(actor, member.orgId);
    const rows = await this.repo.findMoves(this.dataSource.manager, id);
    return rows.map((r) => ({ fromOrgId: r.from_org_id, fromOrgName: r.from_name, toOrgId: r.to_org_id, toOrgName: r.to_name, movedAt: r.moved_at.toISOString() }));
  }

  async card(id: string): Promise<MemberCard> {
    const member = await this.findOrThrow(id);
    return toMemberCard(member, await this.serviceCounts.of(member.id));
  }

  /** The roster with private fields, for staff: the organisation and its subtree, by name. */
  async roster(actor: Actor, orgId: string, limit: number, cursor?: string, q?: string): Promise<Page<Member>> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const after = decodeCursor<[string, string]>(cursor, ['text', 'uuid']);
    const rows = await this.repo.findRosterPage(this.dataSource.manager, await this.orgs.subtreeIds(org), { after, q, limit });
    return toPage(rows, limit, toMember, (m) => [m.name, m.id]);
  }

  /**
   * Roster import: all or nothing. Every bad row and field is reported; nothing is written unless
   * every row is good. People already on the roster (same name and birthday) count as bad rows.
   */
  async importRoster(actor: Actor, orgId: string, file: { buffer: Buffer; originalname: string; mimetype?: string }): Promise<ImportResult> {
    await this.orgs.assertStaffOf(actor, orgId);
    let parsed;
    try {
      parsed = await parseRoster(file);
    } catch (err) {
      if (err instanceof RosterFormatError) throw badRequest(`无法导入：${err.message}`, [{ field: 'file', message: err.message }]);
      throw err;
    }
    const errors = [...parsed.errors];
    const existing = await this.repo.findNamesAndBirthdays(this.dataSource.manager, orgId);
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
    return this.dataSource.transaction(async (db) => {
      const out: ImportResult['members'] = [];
      const CHUNK = 500;
      for (let i = 0; i < parsed.rows.length; i += CHUNK) {
        const chunk = parsed.rows.slice(i, i + CHUNK).map((r) => ({ ...memberFields(r), id: randomUUID(), code: generateBindCode() }));
        await this.repo.insertMany(db, orgId, chunk);
        const expiresAt = bindCodeExpiry();
        await this.repo.insertBindCodes(
          db,
          chunk.map((m) => ({ codeHash: hashBindCode(m.code), memberId: m.id, expiresAt, createdBy: actor.userId })),
        );
        for (const m of chunk) out.push({ id: m.id, name: m.name, bindCode: m.code });
      }
      return { imported: out.length, members: out };
    });
  }
}

const bindCodeExpiry = () => new Date(Date.now() + BIND_CODE_TTL_DAYS * 86_400_000);

type RequiredFields = 'name' | 'gender' | 'birthday' | 'joinedPartyOn' | 'status';

/** A record's fields from a create request or a roster row: optional fields left out are null (showPhone false). */
function memberFields(src: Pick<MemberFields, RequiredFields> & Partial<Omit<MemberFields, RequiredFields>>): MemberFields {
  return {
    name: src.name,
    gender: src.gender,
    birthday: src.birthday,
    joinedPartyOn: src.joinedPartyOn,
    workStartedOn: src.workStartedOn ?? null,
    status: src.status,
    postKind: src.postKind ?? null,
    postTitle: src.postTitle ?? null,
    duties: src.duties ?? null,
    photoUrl: src.photoUrl ?? null,
    phone: src.phone ?? null,
    showPhone: src.showPhone ?? false,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
