import { Injectable } from '@nestjs/common';
import type { GreetingKind } from '@xianfeng/shared';
import { cursorTimestamp } from '../common/pagination.js';
import { returning } from '../common/sql.js';
import type { Db } from '../database/db.js';
import type { OrgTemplates } from './greeting-templates.js';

/** A member as a greeting needs them: dates, WeChat user, organisation name and path. */
export interface GreetingMemberRow {
  id: string;
  name: string;
  user_id: string | null;
  org_id: string;
  org_name: string;
  path: string;
  birthday: string;
  joined_party_on: string;
}

export interface GreetingRow {
  id: string;
  member_id: string;
  member_name: string;
  kind: GreetingKind;
  occasion_on: string;
  years: number;
  message: string;
  org_name: string;
  sent_at: Date;
  read_at: Date | null;
  cursor_at?: string;
}

export interface NewGreeting {
  memberId: string;
  memberName: string;
  kind: GreetingKind;
  year: number;
  occasionOn: string;
  years: number;
  message: string;
  orgId: string;
  orgName: string;
  sentBy: string | null;
}

export interface GreetingSettingsValues {
  birthdayTemplate: string;
  politicalBirthdayTemplate: string;
  autoSend: boolean;
  sendHour: number;
  updatedBy: string;
}

const MEMBER_COLUMNS = `m.id, m.name, m.user_id, m.org_id, o.name AS org_name, o.path, m.birthday, m.joined_party_on`;
const GREETING_COLUMNS = `g.id, g.member_id, m.name AS member_name, g.kind, g.occasion_on, g.years, g.message, g.org_name, g.sent_at, g.read_at`;

/** Every statement about greetings and their settings, named for what it does; the handle first. */
/** A row of the ledger's greetings sheet. */
export interface GreetingLedgerRow {
  id: string;
  member_name: string;
  org_name: string;
  kind: GreetingKind;
  occasion_on: string;
  years: number;
  sent_at: Date;
  sent_key: string;
}

@Injectable()
export class GreetingsRepository {
  async findMember(db: Db, memberId: string): Promise<GreetingMemberRow | null> {
    const rows: GreetingMemberRow[] = await db.query(`SELECT ${MEMBER_COLUMNS} FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $1`, [memberId]);
    return rows[0] ?? null;
  }

  /** Members of the subtree at `orgPath` with a birthday, political birthday or work anniversary on one of `monthDays` (md(): month·100 + day). */
  async findMembersWithOccasionOn(db: Db, orgPath: string, monthDays: number[]): Promise<Array<GreetingMemberRow & { work_started_on: string | null }>> {
    return db.query(
      `SELECT ${MEMBER_COLUMNS}, m.work_started_on FROM member m JOIN org o ON o.id = m.org_id
        WHERE o.path LIKE $1 || '%'
          AND (md(m.birthday) = ANY($2) OR md(m.joined_party_on) = ANY($2) OR md(m.work_started_on) = ANY($2))
          AND m.left_on IS NULL`,
      [orgPath, monthDays],
    );
  }

  /**
   * The daily job's candidates: one row per member and kind whose (political) birthday falls on one
   * of `monthDays`, at least a year old, and not yet greeted in `year`. Found through the md() indexes.
   */
  async findUngreetedOn(db: Db, monthDays: number[], year: number): Promise<Array<GreetingMemberRow & { kind: GreetingKind }>> {
    return db.query(
      `SELECT ${MEMBER_COLUMNS}, k.kind
         FROM member m JOIN org o ON o.id = m.org_id
         CROSS JOIN LATERAL (VALUES ('birthday', m.birthday), ('political_birthday', m.joined_party_on)) AS k(kind, original)
        WHERE (md(m.birthday) = ANY($1) OR md(m.joined_party_on) = ANY($1))
          AND md(k.original) = ANY($1)
          AND m.left_on IS NULL
          AND extract(year FROM k.original) < $2
          AND NOT EXISTS (SELECT 1 FROM greeting g WHERE g.member_id = m.id AND g.kind = k.kind AND g.year = $2)`,
      [monthDays, year],
    );
  }

  /** Greetings already sent to these members, any year. */
  async findSentTo(db: Db, memberIds: string[]): Promise<Array<{ id: string; member_id: string; kind: string; year: number; sent_at: Date }>> {
    if (memberIds.length === 0) return [];
    return db.query(`SELECT id, member_id, kind, year, sent_at FROM greeting WHERE member_id = ANY($1)`, [memberIds]);
  }

  /** Every organisation's own settings, with its path (few rows: only organisations that set some). */
  async findAllSettings(db: Db): Promise<OrgTemplates[]> {
    return db.query(
      `SELECT s.org_id, o.path, s.birthday_template, s.political_birthday_template, s.auto_send, s.send_hour
         FROM greeting_settings s JOIN org o ON o.id = s.org_id`,
    );
  }

  async upsertSettings(db: Db, orgId: string, v: GreetingSettingsValues): Promise<void> {
    await db.query(
      `INSERT INTO greeting_settings (org_id, birthday_template, political_birthday_template, auto_send, send_hour, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (org_id) DO UPDATE SET birthday_template = $2, political_birthday_template = $3, auto_send = $4, send_hour = $5,
         updated_by = $6, updated_at = now()`,
      [orgId, v.birthdayTemplate, v.politicalBirthdayTemplate, v.autoSend, v.sendHour, v.updatedBy],
    );
  }

  /** Inserts the greeting unless the member already has one of this kind this year (then null). */
  async insertOncePerYear(db: Db, g: NewGreeting): Promise<GreetingRow | null> {
    const rows: GreetingRow[] = await db.query(
      `INSERT INTO greeting (member_id, kind, year, occasion_on, years, message, org_id, org_name, sent_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (member_id, kind, year) DO NOTHING
       RETURNING id, member_id, $10::text AS member_name, kind, occasion_on, years, message, org_name, sent_at, read_at`,
      [g.memberId, g.kind, g.year, g.occasionOn, g.years, g.message, g.orgId, g.orgName, g.sentBy, g.memberName],
    );
    return rows[0] ?? null;
  }

  /** One page of a member's cards, newest first, keyset-paginated on (sent_at, id). */
  async findPageForMember(db: Db, memberId: string | null, limit: number, after: [string, string] | null): Promise<GreetingRow[]> {
    return db.query(
      `SELECT ${GREETING_COLUMNS}, ${cursorTimestamp('g.sent_at')} AS cursor_at
         FROM greeting g JOIN member m ON m.id = g.member_id
        WHERE g.member_id = $1 ${after ? `AND (g.sent_at, g.id) < ($3::timestamptz, $4::uuid)` : ''}
        ORDER BY g.sent_at DESC, g.id DESC LIMIT $2`,
      after ? [memberId, limit + 1, after[0], after[1]] : [memberId, limit + 1],
    );
  }

  /** Marks the member's own card read (the first time only); false when it is not theirs or does not exist. */
  async markReadIfMemberOwns(db: Db, id: string, memberId: string | null): Promise<boolean> {
    const rows = await returning<{ id: string }>(db, `UPDATE greeting SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND member_id = $2 RETURNING id`, [id, memberId]);
    return rows.length === 1;
  }

  async findById(db: Db, id: string): Promise<GreetingRow | null> {
    const rows: GreetingRow[] = await db.query(`SELECT ${GREETING_COLUMNS} FROM greeting g JOIN member m ON m.id = g.member_id WHERE g.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The ledger's greetings sheet: greetings sent in the period to members of these organisations (keyset on sent_at, id). */
  async findLedgerPage(db: Db, orgIds: string[], p: { from: string | null; to: string | null }, after: [string, string] | null, limit: number): Promise<GreetingLedgerRow[]> {
    return db.query(
      `SELECT g.id, m.name AS member_name, g.org_name, g.kind, g.occasion_on, g.years, g.sent_at, ${cursorTimestamp('g.sent_at')} AS sent_key
         FROM greeting g JOIN member m ON m.id = g.member_id
        WHERE g.org_id = ANY($1::uuid[])
          AND shanghai_day(g.sent_at) BETWEEN COALESCE($2::date, '-infinity'::date) AND COALESCE($3::date, 'infinity'::date)
          AND ($4::timestamptz IS NULL OR (g.sent_at, g.id) > ($4::timestamptz, $5::uuid))
        ORDER BY g.sent_at, g.id LIMIT $6`,
      [orgIds, p.from, p.to, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }
}
