import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { cursorTimestamp } from '../common/pagination.js';
import { binder, returning } from '../common/sql.js';
import { inSubtree, type Subtree } from '../orgs/subtree.js';
import type { Db } from '../database/db.js';

export interface ActivityRow {
  id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  series_id: string | null;
  title: string;
  description: string;
  place: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  signed_up: number;
  lat: number | null;
  lng: number | null;
  radius_m: number | null;
  /** starts_at to the microsecond, for keyset cursors. */
  starts_key: string;
}

export interface NewActivity {
  orgId: string;
  seriesId: string | null;
  title: string;
  description: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  location: { lat: number; lng: number; radiusM: number } | null;
  createdBy: string;
}

export interface SignupRow {
  activity_id: string;
  signed_up_at: Date;
  checkin_at: Date | null;
  checkout_at: Date | null;
  computed_minutes: number | null;
  minutes: number | null;
  confirmed: boolean;
}

export interface ParticipantRow extends SignupRow {
  member_id: string;
  name: string;
  org_name: string;
  corrections: Array<{ fromMinutes: number | null; toMinutes: number; reason: string; byUserId: string; byName: string | null; at: string }>;
}

export interface AttendanceRow {
  activity_id: string;
  member_id: string;
  checkin_at: Date;
  checkout_at: Date | null;
  computed_minutes: number | null;
  minutes: number | null;
  confirmed_at: Date | null;
}

export interface ReminderRow {
  activity_id: string;
  title: string;
  place: string;
  starts_at: Date;
  member_id: string;
  user_id: string;
}

export interface ActivityFilter {
  /** The organisation's subtree (null: everywhere). */
  subtree: Subtree | null;
  from: Date;
  to: Date | null;
  memberId?: string;
  after: [string, string] | null;
  limit: number;
}

const SELECT_ACTIVITY = `
  SELECT a.id, a.org_id, o.name AS org_name, o.path AS org_path, a.series_id, a.title, a.description, a.place,
         a.starts_at, a.ends_at, a.capacity, a.signed_up, a.lat, a.lng, a.radius_m, ${cursorTimestamp('a.starts_at')} AS starts_key
    FROM activity a JOIN org o ON o.id = a.org_id`;

const SIGNUP_COLUMNS = `
  s.activity_id, s.created_at AS signed_up_at, t.checkin_at, t.checkout_at, t.computed_minutes, t.minutes, (t.confirmed_at IS NOT NULL) AS confirmed`;

/** Every statement about activities, sign-ups and attendance, named for what it does; the handle first. */
@Injectable()
export class ActivitiesRepository {
  async insert(db: Db, a: NewActivity): Promise<string> {
    const [row]: Array<{ id: string }> = await db.query(
      `INSERT INTO activity (org_id, series_id, title, description, place, starts_at, ends_at, capacity, lat, lng, radius_m, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [a.orgId, a.seriesId, a.title, a.description, a.place, a.startsAt, a.endsAt, a.capacity, a.location?.lat ?? null, a.location?.lng ?? null, a.location?.radiusM ?? null, a.createdBy],
    );
    return row.id;
  }

  async findById(db: Db, id: string): Promise<ActivityRow | null> {
    const rows: ActivityRow[] = await db.query(`${SELECT_ACTIVITY} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Activities starting in [from, to), soonest first, keyset-paginated on (starts_at, id). */
  async findPage(db: Db, f: ActivityFilter): Promise<ActivityRow[]> {
    const params: unknown[] = [];
    const p = binder(params);
    const where = [`a.starts_at >= ${p(f.from)}`];
    if (f.to) where.push(`a.starts_at < ${p(f.to)}`);
    if (f.subtree) where.push(inSubtree('a.org_id', f.subtree, p));
    if (f.memberId) where.push(`EXISTS (SELECT 1 FROM activity_signup s WHERE s.activity_id = a.id AND s.member_id = ${p(f.memberId)} AND s.cancelled_at IS NULL)`);
    if (f.after) where.push(`(a.starts_at, a.id) > (${p(f.after[0])}::timestamptz, ${p(f.after[1])}::uuid)`);
    return db.query(
      `${SELECT_ACTIVITY} WHERE ${where.join(' AND ')} ORDER BY a.starts_at, a.id LIMIT ${p(f.limit + 1)}`,
      params,
    );
  }

  /** The member's live sign-ups (and attendance) among these activities. */
  async findSignups(db: Db, memberId: string, activityIds: string[]): Promise<SignupRow[]> {
    if (!activityIds.length) return [];
    return db.query(
      `SELECT ${SIGNUP_COLUMNS}
         FROM activity_signup s LEFT JOIN attendance t ON t.activity_id = s.activity_id AND t.member_id = s.member_id
        WHERE s.member_id = $1 AND s.activity_id = ANY($2::uuid[]) AND s.cancelled_at IS NULL`,
      [memberId, activityIds],
    );
  }

  /** Everyone signed up (and anyone who checked in and cancelled since), with attendance and corrections. */
  async findParticipants(db: Db, activityId: string): Promise<ParticipantRow[]> {
    return db.query(
      `SELECT ${SIGNUP_COLUMNS}, m.id AS member_id, m.name, o.name AS org_name,
              COALESCE((SELECT json_agg(json_build_object('fromMinutes', c.from_minutes, 'toMinutes', c.to_minutes, 'reason', c.reason,
                                  'byUserId', c.by_user_id, 'byName', u.nickname, 'at', c.created_at) ORDER BY c.created_at)
                          FROM attendance_correction c LEFT JOIN app_user u ON u.id = c.by_user_id
                         WHERE c.activity_id = s.activity_id AND c.member_id = s.member_id), '[]') AS corrections
         FROM activity_signup s
         JOIN member m ON m.id = s.member_id
         JOIN org o ON o.id = m.org_id
         LEFT JOIN attendance t ON t.activity_id = s.activity_id AND t.member_id = s.member_id
        WHERE s.activity_id = $1 AND s.cancelled_at IS NULL
        ORDER BY s.created_at, s.id`,
      [activityId],
    );
  }

  /** A live sign-up; null when the member already has one (the partial unique index). */
  async insertSignup(db: Db, activityId: string, memberId: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO activity_signup (activity_id, member_id) VALUES ($1, $2)
       ON CONFLICT (activity_id, member_id) WHERE cancelled_at IS NULL DO NOTHING RETURNING id`,
      [activityId, memberId],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Takes one place: the one statement that decides who gets the last places. Concurrent callers
   * queue on the activity's row; each sees the count the previous one committed.
   */
  async takePlace(db: Db, activityId: string, now: Date): Promise<boolean> {
    const rows = await returning<{ id: string }>(
      db,
      `UPDATE activity SET signed_up = signed_up + 1 WHERE id = $1 AND signed_up < capacity AND starts_at > $2 RETURNING id`,
      [activityId, now],
    );
    return rows.length === 1;
  }

  /** Cancels the live sign-up and frees its place, before the start only; false when there was none to cancel. */
  async cancelSignup(db: Db, activityId: string, memberId: string, now: Date): Promise<boolean> {
    const rows = await returning<{ id: string }>(
      db,
      `UPDATE activity_signup s SET cancelled_at = $3
        WHERE s.activity_id = $1 AND s.member_id = $2 AND s.cancelled_at IS NULL
          AND EXISTS (SELECT 1 FROM activity a WHERE a.id = s.activity_id AND a.starts_at > $3)
          AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.activity_id = s.activity_id AND t.member_id = s.member_id)
        RETURNING s.id`,
      [activityId, memberId, now],
    );
    if (rows.length !== 1) return false;
    await db.query(`UPDATE activity SET signed_up = signed_up - 1 WHERE id = $1`, [activityId]);
    return true;
  }

  async isSignedUp(db: Db, activityId: string, memberId: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM activity_signup WHERE activity_id = $1 AND member_id = $2 AND cancelled_at IS NULL`, [activityId, memberId]);
    return rows.length > 0;
  }

  /** Null when the member already checked in (attendance's primary key). */
  async insertCheckin(db: Db, activityId: string, memberId: string, at: Date): Promise<AttendanceRow | null> {
    const rows: AttendanceRow[] = await db.query(
      `INSERT INTO attendance (activity_id, member_id, checkin_at) VALUES ($1, $2, $3)
       ON CONFLICT (activity_id, member_id) DO NOTHING RETURNING *`,
      [activityId, memberId, at],
    );
    return rows[0] ?? null;
  }

  async findAttendance(db: Db, activityId: string, memberId: string): Promise<AttendanceRow | null> {
    const rows: AttendanceRow[] = await db.query(`SELECT * FROM attendance WHERE activity_id = $1 AND member_id = $2`, [activityId, memberId]);
    return rows[0] ?? null;
  }

  /** Records the check-out once; null when already checked out. */
  async checkout(db: Db, activityId: string, memberId: string, at: Date, computedMinutes: number): Promise<AttendanceRow | null> {
    const rows = await returning<AttendanceRow>(
      db,
      `UPDATE attendance SET checkout_at = $3, computed_minutes = $4
        WHERE activity_id = $1 AND member_id = $2 AND checkout_at IS NULL RETURNING *`,
      [activityId, memberId, at, computedMinutes],
    );
    return rows[0] ?? null;
  }

  /** Locks the attendance row for a confirmation, so two staff confirming at once record two corrections in order. */
  async lockAttendance(db: Db, activityId: string, memberId: string): Promise<AttendanceRow | null> {
    const rows: AttendanceRow[] = await db.query(`SELECT * FROM attendance WHERE activity_id = $1 AND member_id = $2 FOR UPDATE`, [activityId, memberId]);
    return rows[0] ?? null;
  }

  /** Sets the confirmed minutes; the stats trigger adds the difference to the member's organisation. */
  async confirm(db: Db, activityId: string, memberId: string, minutes: number, by: string): Promise<void> {
    await db.query(
      `UPDATE attendance SET minutes = $3, confirmed_at = now(), confirmed_by = $4,
              member_org_id = COALESCE(member_org_id, (SELECT org_id FROM member WHERE id = $2))
        WHERE activity_id = $1 AND member_id = $2`,
      [activityId, memberId, minutes, by],
    );
  }

  async insertCorrection(db: Db, c: { activityId: string; memberId: string; from: number | null; to: number; reason: string; by: string }): Promise<void> {
    await db.query(
      `INSERT INTO attendance_correction (activity_id, member_id, from_minutes, to_minutes, reason, by_user_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.activityId, c.memberId, c.from, c.to, c.reason, c.by],
    );
  }

  /** Live sign-ups of bound members to activities starting in [from, to): who gets the day-before reminder. */
  async findSignupsStartingBetween(db: Db, from: Date, to: Date): Promise<ReminderRow[]> {
    return db.query(
      `SELECT a.id AS activity_id, a.title, a.place, a.starts_at, m.id AS member_id, m.user_id
         FROM activity a
         JOIN activity_signup s ON s.activity_id = a.id AND s.cancelled_at IS NULL
         JOIN member m ON m.id = s.member_id
        WHERE a.starts_at >= $1 AND a.starts_at < $2 AND m.user_id IS NOT NULL
        ORDER BY a.starts_at, a.id, m.id`,
      [from, to],
    );
  }

  /** The WeChat user bound to the member, if any (who a notification goes to). */
  async findMemberUserId(db: Db, memberId: string): Promise<string | null> {
    const rows: Array<{ user_id: string | null }> = await db.query(`SELECT user_id FROM member WHERE id = $1`, [memberId]);
    return rows[0]?.user_id ?? null;
  }

  /**
   * The key check-in codes are signed with: random, made on first use and kept in app_setting, so
   * every instance on the database signs and accepts the same codes. Concurrent first uses agree:
   * the first insert wins and all read it.
   */
  async loadOrCreateCheckinSecret(db: Db): Promise<string> {
    await db.query(`INSERT INTO app_setting (key, value) VALUES ('checkin_secret', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(32).toString('base64url')]);
    const [row]: Array<{ value: string }> = await db.query(`SELECT value FROM app_setting WHERE key = 'checkin_secret'`);
    return row.value;
  }
}
