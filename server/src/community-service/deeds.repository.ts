import { Injectable } from '@nestjs/common';
import type { DeedSource, DeedStatus } from '@xianfeng/shared';
import { cursorTimestamp } from '../common/pagination.js';
import { binder, returning } from '../common/sql.js';
import type { Db } from '../database/db.js';
import { DEED_ACTIONS, type DeedAction } from './service-state.js';

export interface DeedRow {
  id: string;
  member_id: string;
  member_name: string;
  member_user_id: string | null;
  org_id: string;
  org_path: string;
  source: DeedSource;
  title: string;
  description: string;
  done_on: string;
  photos: string[];
  status: DeedStatus;
  return_reason: string | null;
  beneficiary: string | null;
  created_at: Date;
  created_key: string;
}

export interface DeedFilter {
  memberId?: string;
  orgIds?: string[];
  status?: DeedStatus;
  after: [string, string] | null;
  limit: number;
}

const SELECT_DEED = `
  SELECT d.id, d.member_id, m.name AS member_name, m.user_id AS member_user_id, d.org_id, o.path AS org_path, 'logged' AS source,
         d.title, d.description, to_char(d.done_on, 'YYYY-MM-DD') AS done_on, d.photos, d.status, d.return_reason, d.beneficiary,
         d.created_at, ${cursorTimestamp('d.created_at')} AS created_key
    FROM deed d JOIN member m ON m.id = d.member_id JOIN org o ON o.id = d.org_id`;

/** A fulfilled micro-wish, in the shape of a confirmed deed (through the service_wish_deed view). */
const SELECT_WISH_DEED = `
  SELECT w.id, w.member_id, m.name AS member_name, m.user_id AS member_user_id, w.org_id, o.path AS org_path, 'wish' AS source,
         w.title, w.description, to_char(w.done_on, 'YYYY-MM-DD') AS done_on, w.photos, 'confirmed' AS status, NULL AS return_reason,
         NULL AS beneficiary, w.created_at, ${cursorTimestamp('w.created_at')} AS created_key
    FROM service_wish_deed w JOIN member m ON m.id = w.member_id JOIN org o ON o.id = w.org_id`;

/** Every statement about 我为群众办实事 deeds, named for what it does; the handle first. */
@Injectable()
export class DeedsRepository {
  async insert(db: Db, d: { memberId: string; orgId: string; title: string; description: string; doneOn: string; photos: string[]; beneficiary: string | null }): Promise<string> {
    const [row]: Array<{ id: string }> = await db.query(
      `INSERT INTO deed (member_id, org_id, title, description, done_on, photos, beneficiary) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [d.memberId, d.orgId, d.title, d.description, d.doneOn, d.photos, d.beneficiary],
    );
    return row.id;
  }

  async findById(db: Db, id: string): Promise<DeedRow | null> {
    const rows: DeedRow[] = await db.query(`${SELECT_DEED} WHERE d.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Applies a move of the deed's table; false when the deed was no longer pending. */
  async move(db: Db, id: string, action: DeedAction, by: string, reason: string | null = null): Promise<boolean> {
    const rule = DEED_ACTIONS[action];
    const rows = await returning<{ id: string }>(
      db,
      `UPDATE deed SET status = $3, return_reason = $4, decided_by = $5, decided_at = now() WHERE id = $1 AND status = ANY($2) RETURNING id`,
      [id, rule.from, rule.to, reason, by],
    );
    return rows.length === 1;
  }

  /** Logged deeds, newest first, keyset-paginated on (created_at, id). */
  async findPage(db: Db, f: DeedFilter): Promise<DeedRow[]> {
    const params: unknown[] = [];
    const p = binder(params);
    const where: string[] = [];
    if (f.memberId) where.push(`d.member_id = ${p(f.memberId)}`);
    if (f.orgIds) where.push(`d.org_id = ANY(${p(f.orgIds)}::uuid[])`);
    if (f.status) where.push(`d.status = ${p(f.status)}`);
    if (f.after) where.push(`(d.created_at, d.id) < (${p(f.after[0])}::timestamptz, ${p(f.after[1])}::uuid)`);
    return db.query(`${SELECT_DEED} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.created_at DESC, d.id DESC LIMIT ${p(f.limit + 1)}`, params);
  }

  /** The member's logged deeds and fulfilled micro-wishes done in [from, to] (dates), newest first. */
  async findForMemberBetween(db: Db, memberId: string, from: string, to: string): Promise<DeedRow[]> {
    return db.query(
      `SELECT * FROM (${SELECT_DEED} WHERE d.member_id = $1 AND d.done_on BETWEEN $2::date AND $3::date
                      UNION ALL ${SELECT_WISH_DEED} WHERE w.member_id = $1 AND w.done_on BETWEEN $2::date AND $3::date) x
        ORDER BY done_on DESC, created_at DESC`,
      [memberId, from, to],
    );
  }
}
