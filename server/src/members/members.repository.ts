import { Injectable } from '@nestjs/common';
import type { Gender, MemberStatus, PostKind } from '@xianfeng/shared';
import type { Db } from '../database/db.js';
import { binder, returning } from '../common/sql.js';
import { inSubtree, type Subtree } from '../orgs/subtree.js';

/** The fields of a member record a caller may set. `date` columns stay `YYYY-MM-DD` strings (see data-source.ts). */
export interface MemberFields {
  name: string;
  gender: Gender;
  birthday: string;
  joinedPartyOn: string;
  workStartedOn: string | null;
  status: MemberStatus;
  postKind: PostKind | null;
  postTitle: string | null;
  duties: string | null;
  photoUrl: string | null;
  phone: string | null;
  showPhone: boolean;
}

/** A member record with its organisation's name, as every read here returns it. */
export interface MemberRow extends MemberFields {
  id: string;
  orgId: string;
  orgName: string;
  userId: string | null;
  /** The day the member left (离开组织), or null while a member. */
  leftOn: string | null;
  leaveReason: string | null;
}

export interface MemberMoveRow {
  from_org_id: string;
  from_name: string;
  to_org_id: string;
  to_name: string;
  moved_at: Date;
}

export interface NewBindCode {
  codeHash: string;
  memberId: string;
  expiresAt: Date;
  createdBy: string;
}

const FIELD_COLUMNS: Array<[keyof MemberFields, string]> = [
  ['name', 'name'],
  ['gender', 'gender'],
  ['birthday', 'birthday'],
  ['joinedPartyOn', 'joined_party_on'],
  ['workStartedOn', 'work_started_on'],
  ['status', 'status'],
  ['postKind', 'post_kind'],
  ['postTitle', 'post_title'],
  ['duties', 'duties'],
  ['photoUrl', 'photo_url'],
  ['phone', 'phone'],
  ['showPhone', 'show_phone'],
];

const MEMBER_COLUMNS = [
  'm.id',
  'm.org_id AS "orgId"',
  'o.name AS "orgName"',
  'm.user_id AS "userId"',
  'm.left_on AS "leftOn"',
  'm.leave_reason AS "leaveReason"',
  ...FIELD_COLUMNS.map(([key, column]) => `m.${column} AS "${key}"`),
].join(', ');

const SELECT_MEMBER = `SELECT ${MEMBER_COLUMNS} FROM member m JOIN org o ON o.id = m.org_id`;

/**
 * Members who have not left. A leave is recorded on or before its day (never ahead), so from the
 * moment it is recorded the member is off boards, rosters, counts and the ledger.
 */
const ACTIVE = 'm.left_on IS NULL';

/** Multi-row VALUES placeholders: `($1, $2), ($3, $4)` for 2 rows of 2. */
const valuesList = (rows: number, width: number, first = 1) =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${first + r * width + c}`).join(', ')})`).join(', ');

/** A row of the ledger's members sheet. */
export interface MemberLedgerRow {
  id: string;
  name: string;
  org_name: string;
  gender: Gender;
  status: MemberStatus;
  joined_party_on: string;
  post_kind: PostKind | null;
  post_title: string | null;
  duties: string | null;
}

/** Members, their bind codes and their moves between organisations: the only SQL that writes those tables. */
@Injectable()
export class MembersRepository {
  async findById(db: Db, id: string): Promise<MemberRow | null> {
    const rows: MemberRow[] = await db.query(`${SELECT_MEMBER} WHERE m.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The member row, locked until the transaction ends (edits of one member run one after another). */
  async findByIdForUpdate(db: Db, id: string): Promise<MemberRow | null> {
    const rows: MemberRow[] = await db.query(`${SELECT_MEMBER} WHERE m.id = $1 FOR UPDATE OF m`, [id]);
    return rows[0] ?? null;
  }

  async findByUserId(db: Db, userId: string): Promise<MemberRow | null> {
    const rows: MemberRow[] = await db.query(`${SELECT_MEMBER} WHERE m.user_id = $1`, [userId]);
    return rows[0] ?? null;
  }

  /** Inserts members with the given ids, all in one organisation. */
  async insertMany(db: Db, orgId: string, members: Array<MemberFields & { id: string }>): Promise<void> {
    if (members.length === 0) return;
    const columns = ['id', 'org_id', ...FIELD_COLUMNS.map(([, c]) => c)];
    const params = members.flatMap((m) => [m.id, orgId, ...FIELD_COLUMNS.map(([key]) => m[key])]);
    await db.query(`INSERT INTO member (${columns.join(', ')}) VALUES ${valuesList(members.length, columns.length)}`, params);
  }

  /** Writes every field, the organisation and updated_at. */
  async update(db: Db, id: string, orgId: string, fields: MemberFields): Promise<void> {
    const sets = FIELD_COLUMNS.map(([, column], i) => `${column} = $${i + 3}`);
    await db.query(`UPDATE member SET org_id = $2, ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      orgId,
      ...FIELD_COLUMNS.map(([key]) => fields[key]),
    ]);
  }

  /** Binds the user to the member if the record is still unbound; false if someone else has it. */
  async bindUserIfUnbound(db: Db, memberId: string, userId: string): Promise<boolean> {
    const rows = await returning<{ id: string }>(db, `UPDATE member SET user_id = $2, updated_at = now() WHERE id = $1 AND user_id IS NULL AND left_on IS NULL RETURNING id`, [
      memberId,
      userId,
    ]);
    return rows.length > 0;
  }

  async recordMove(db: Db, move: { memberId: string; fromOrgId: string; toOrgId: string; movedBy: string }): Promise<void> {
    await db.query(`INSERT INTO member_org_history (member_id, from_org_id, to_org_id, moved_by) VALUES ($1, $2, $3, $4)`, [
      move.memberId,
      move.fromOrgId,
      move.toOrgId,
      move.movedBy,
    ]);
  }

  async findMoves(db: Db, memberId: string): Promise<MemberMoveRow[]> {
    return db.query(
      `SELECT h.from_org_id, f.name AS from_name, h.to_org_id, t.name AS to_name, h.moved_at
         FROM member_org_history h JOIN org f ON f.id = h.from_org_id JOIN org t ON t.id = h.to_org_id
        WHERE h.member_id = $1 ORDER BY h.moved_at`,
      [memberId],
    );
  }

  /** The roster of the given organisations by name, optionally those whose name contains `q`. */
  async findRosterPage(db: Db, orgIds: string[], f: { after: [string, string] | null; q?: string; limit: number }): Promise<MemberRow[]> {
    const params: unknown[] = [orgIds, f.limit + 1];
    const where = [`m.org_id = ANY($1::uuid[])`, ACTIVE];
    if (f.after) where.push(`(m.name, m.id) > ($${params.push(f.after[0])}, $${params.push(f.after[1])}::uuid)`);
    if (f.q) where.push(`m.name LIKE $${params.push(`%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`)}`);
    return db.query(`${SELECT_MEMBER} WHERE ${where.join(' AND ')} ORDER BY m.name, m.id LIMIT $2`, params);
  }

  /** The 亮岗 wall's order: members with a post (示范岗/先锋岗/责任区) first, then by name. */
  async findBoardPage(db: Db, subtree: Subtree, after: [number, string, string] | null, limit: number): Promise<Array<MemberRow & { rank: number }>> {
    // The same expression as member_board_idx's first column: a page is one walk of that index.
    const rank = `CASE WHEN m.post_kind IS NULL THEN 1 ELSE 0 END`;
    const params: unknown[] = [limit + 1];
    const bind = binder(params);
    const where = [inSubtree('m.org_id', subtree, bind), ACTIVE];
    if (after) where.push(`(${rank}, m.name, m.id) > (${bind(after[0])}::int, ${bind(after[1])}, ${bind(after[2])}::uuid)`);
    return db.query(`${SELECT_MEMBER.replace(' FROM', `, ${rank} AS rank FROM`)} WHERE ${where.join(' AND ')} ORDER BY rank, m.name, m.id LIMIT $1`, params);
  }

  async countInSubtree(db: Db, subtree: Subtree): Promise<number> {
    const params: unknown[] = [];
    const [row]: Array<{ n: number }> = await db.query(
      `SELECT count(*)::int AS n FROM member m WHERE ${inSubtree('m.org_id', subtree, binder(params))} AND ${ACTIVE}`,
      params,
    );
    return row.n;
  }

  /** Name and birthday of everyone on one organisation's roster (how an import spots people already there). */
  async findNamesAndBirthdays(db: Db, orgId: string): Promise<Array<{ name: string; birthday: string }>> {
    return db.query(`SELECT m.name, m.birthday FROM member m WHERE m.org_id = $1 AND ${ACTIVE}`, [orgId]);
  }

  /** Ends the member's outstanding bind codes (a new one replaces them). */
  async expireOpenBindCodes(db: Db, memberId: string): Promise<void> {
    await db.query(`UPDATE bind_code SET expires_at = now() WHERE member_id = $1 AND used_at IS NULL AND expires_at > now()`, [memberId]);
  }

  async insertBindCodes(db: Db, codes: NewBindCode[]): Promise<void> {
    if (codes.length === 0) return;
    await db.query(
      `INSERT INTO bind_code (code_hash, member_id, expires_at, created_by) VALUES ${valuesList(codes.length, 4)}`,
      codes.flatMap((c) => [c.codeHash, c.memberId, c.expiresAt, c.createdBy]),
    );
  }

  /** Spends an unused, unexpired code: of two users racing with one code exactly one gets the member id. */
  async spendBindCode(db: Db, codeHash: string, userId: string): Promise<string | null> {
    const rows = await returning<{ member_id: string }>(
      db,
      `UPDATE bind_code SET used_at = now(), used_by = $2
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING member_id`,
      [codeHash, userId],
    );
    return rows[0]?.member_id ?? null;
  }

  /** The ledger's members sheet: the members of these organisations now, by name (keyset on name, id). */
  async findLedgerPage(db: Db, orgIds: string[], after: [string, string] | null, limit: number): Promise<MemberLedgerRow[]> {
    return db.query(
      `SELECT m.id, m.name, o.name AS org_name, m.gender, m.status, m.joined_party_on, m.post_kind, m.post_title, m.duties
         FROM member m JOIN org o ON o.id = m.org_id
        WHERE m.org_id = ANY($1::uuid[]) AND ${ACTIVE} AND ($2::text IS NULL OR (m.name, m.id) > ($2, $3::uuid))
        ORDER BY m.name, m.id LIMIT $4`,
      [orgIds, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  /**
   * Records a leave: the member stays (history, claims, commitments keep pointing at them) but the
   * binding ends (`former_user_id` keeps who it was). Only once: false if the member already left.
   */
  async recordLeave(db: Db, id: string, leave: { leftOn: string; reason: string; recordedBy: string }): Promise<boolean> {
    const rows = await returning<{ id: string }>(
      db,
      `UPDATE member SET left_on = $2, leave_reason = $3, left_recorded_by = $4, former_user_id = user_id, user_id = NULL, updated_at = now()
        WHERE id = $1 AND left_on IS NULL RETURNING id`,
      [id, leave.leftOn, leave.reason, leave.recordedBy],
    );
    return rows.length > 0;
  }

  /** A photo taken off public view (image check, staff) is no longer the member's photo. */
  async clearPhoto(db: Db, url: string): Promise<void> {
    await db.query(`UPDATE member SET photo_url = NULL WHERE photo_url = $1`, [url]);
  }
}
