import { Injectable } from '@nestjs/common';
import type { ServiceGrade } from '@xianfeng/shared';
import type { Db } from '../database/db.js';
import { binder } from '../common/sql.js';

export interface ServiceTotals {
  minutes: number;
  deeds: number;
}

export interface RecordActivityRow {
  activity_id: string;
  title: string;
  org_id: string;
  org_name: string;
  starts_at: Date;
  ends_at: Date;
  checkin_at: Date | null;
  checkout_at: Date | null;
  minutes: number | null;
  confirmed: boolean;
}

export interface RatingRow {
  member_id: string;
  member_name: string;
  member_org_id: string;
  community_org_id: string;
  community_name: string;
  period: string;
  grade: ServiceGrade;
  comment: string | null;
  rated_at: Date;
}

/**
 * Confirmed minutes and deeds per member over [from, to] (Asia/Shanghai dates): minutes on the
 * activity's day, deeds on the day they were done, fulfilled micro-wishes on the day of fulfilment.
 */
const TOTALS = `
  SELECT ids.id AS member_id,
         COALESCE((SELECT sum(t.minutes) FROM attendance t JOIN activity a ON a.id = t.activity_id
                    WHERE t.member_id = ids.id AND t.confirmed_at IS NOT NULL AND shanghai_day(a.starts_at) BETWEEN $2::date AND $3::date), 0)::int AS minutes,
         ((SELECT count(*) FROM deed d WHERE d.member_id = ids.id AND d.status = 'confirmed' AND d.done_on BETWEEN $2::date AND $3::date)
          + (SELECT count(*) FROM service_wish_deed w WHERE w.member_id = ids.id AND w.done_on BETWEEN $2::date AND $3::date))::int AS deeds
    FROM unnest($1::uuid[]) AS ids(id)`;

/** A row of the ledger's service sheet: a confirmed attendance or a confirmed deed. */
export interface ServiceLedgerRow {
  kind: 'activity' | 'deed';
  day: string;
  row_key: string;
  member_name: string;
  org_name: string;
  title: string;
  place_org: string | null;
  checkin_at: Date | null;
  checkout_at: Date | null;
  minutes: number | null;
}

/** The member's service record and the 一卡反馈 ratings: named statements; the handle first. */
@Injectable()
export class RecordRepository {
  async totals(db: Db, memberIds: string[], from: string, to: string): Promise<Map<string, ServiceTotals>> {
    if (!memberIds.length) return new Map();
    const rows: Array<{ member_id: string; minutes: number; deeds: number }> = await db.query(TOTALS, [memberIds, from, to]);
    return new Map(rows.map((r) => [r.member_id, { minutes: r.minutes, deeds: r.deeds }]));
  }

  /** The member's live sign-ups to activities on days in [from, to], with attendance, soonest first. */
  async findActivities(db: Db, memberId: string, from: string, to: string): Promise<RecordActivityRow[]> {
    return db.query(
      `SELECT a.id AS activity_id, a.title, a.org_id, o.name AS org_name, a.starts_at, a.ends_at,
              t.checkin_at, t.checkout_at, t.minutes, (t.confirmed_at IS NOT NULL) AS confirmed
         FROM activity a
         JOIN org o ON o.id = a.org_id
         LEFT JOIN attendance t ON t.activity_id = a.id AND t.member_id = $1
        WHERE shanghai_day(a.starts_at) BETWEEN $2::date AND $3::date
          AND (t.member_id IS NOT NULL OR EXISTS (SELECT 1 FROM activity_signup s WHERE s.activity_id = a.id AND s.member_id = $1 AND s.cancelled_at IS NULL))
        ORDER BY a.starts_at, a.id`,
      [memberId, from, to],
    );
  }

  /**
   * The ledger's service rows for members counted in these organisations (as the stats count them:
   * minutes for the organisation at confirmation, deeds for the organisation they were logged in),
   * by day, keyset-paginated on (day, row key).
   */
  async findLedgerPage(db: Db, orgIds: string[], p: { from: string | null; to: string | null }, after: [string, string] | null, limit: number): Promise<ServiceLedgerRow[]> {
    return db.query(
      `SELECT * FROM (
         SELECT 'activity' AS kind, to_char(shanghai_day(a.starts_at), 'YYYY-MM-DD') AS day, t.activity_id || ':' || t.member_id AS row_key,
                m.name AS member_name, o.name AS org_name, a.title, ao.name AS place_org, t.checkin_at, t.checkout_at, t.minutes
           FROM attendance t JOIN activity a ON a.id = t.activity_id JOIN member m ON m.id = t.member_id
           JOIN org o ON o.id = t.member_org_id JOIN org ao ON ao.id = a.org_id
          WHERE t.confirmed_at IS NOT NULL AND t.member_org_id = ANY($1::uuid[])
         UNION ALL
         SELECT 'deed', to_char(d.done_on, 'YYYY-MM-DD'), d.id::text, m.name, o.name, d.title, NULL, NULL, NULL, NULL
           FROM deed d JOIN member m ON m.id = d.member_id JOIN org o ON o.id = d.org_id
          WHERE d.status = 'confirmed' AND d.org_id = ANY($1::uuid[])
       ) x
       WHERE x.day::date BETWEEN COALESCE($2::date, '-infinity'::date) AND COALESCE($3::date, 'infinity'::date)
         AND ($4::text IS NULL OR (x.day, x.row_key) > ($4::text, $5::text))
       ORDER BY x.day, x.row_key LIMIT $6`,
      [orgIds, p.from, p.to, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  /** One rating per member, community and period: a second one replaces the first. */
  async upsertRating(db: Db, r: { memberId: string; communityOrgId: string; period: string; grade: ServiceGrade; comment: string | null; by: string }): Promise<void> {
    await db.query(
      `INSERT INTO service_rating (member_id, community_org_id, period, grade, comment, rated_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (member_id, community_org_id, period)
       DO UPDATE SET grade = EXCLUDED.grade, comment = EXCLUDED.comment, rated_by = EXCLUDED.rated_by, rated_at = now()`,
      [r.memberId, r.communityOrgId, r.period, r.grade, r.comment, r.by],
    );
  }

  /** Ratings of a period, given by a community or given to members of these organisations, by name. */
  async findRatings(db: Db, f: { period: string; communityOrgId?: string; memberOrgIds?: string[]; memberId?: string }): Promise<RatingRow[]> {
    const params: unknown[] = [f.period];
    const p = binder(params);
    const where = ['r.period = $1'];
    if (f.communityOrgId) where.push(`r.community_org_id = ${p(f.communityOrgId)}`);
    if (f.memberOrgIds) where.push(`m.org_id = ANY(${p(f.memberOrgIds)}::uuid[])`);
    if (f.memberId) where.push(`r.member_id = ${p(f.memberId)}`);
    return db.query(
      `SELECT r.member_id, m.name AS member_name, m.org_id AS member_org_id, r.community_org_id, c.name AS community_name,
              r.period, r.grade, r.comment, r.rated_at
         FROM service_rating r JOIN member m ON m.id = r.member_id JOIN org c ON c.id = r.community_org_id
        WHERE ${where.join(' AND ')}
        ORDER BY m.name, m.id, c.name
        LIMIT 5000`,
      params,
    );
  }
}

export interface MemberRef {
  id: string;
  name: string;
  org_id: string;
  org_path: string;
  user_id: string | null;
}

/** A member as this feature needs it (who they are, where they belong). */
export async function findMemberRef(db: Db, id: string): Promise<MemberRef | null> {
  const rows: MemberRef[] = await db.query(`SELECT m.id, m.name, m.org_id, o.path AS org_path, m.user_id FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $1`, [id]);
  return rows[0] ?? null;
}
