import { Injectable } from '@nestjs/common';
import type { WishAction, WishActorRole, WishCategory, WishStatus } from '@xianfeng/shared';
import { cursorTimestamp } from '../common/pagination.js';
import { binder, pgCode, returning } from '../common/sql.js';
import type { Db } from '../database/db.js';
import { inSubtree, type Subtree } from '../orgs/subtree.js';
import { countWaiting, waitingPage, type ReviewCursor, type WaitingRow } from '../review-queue/review-source.js';
import { WISH_ACTIONS, type WishMove } from './wish-state.js';

/** The default number of unfinished claims a member may hold, where no organisation up the tree sets one. */
export const DEFAULT_CLAIM_LIMIT = 3;

/**
 * The member and limit of a claim the database refused for taking the member past the limit
 * (SQLSTATE XF001, raised by the wish_claims_held trigger), or null for any other error.
 */
export function claimLimitReached(err: unknown): { held: number; limit: number } | null {
  if (pgCode(err) !== 'XF001') return null;
  const e = err as { driverError?: { detail?: string }; detail?: string };
  return JSON.parse(e.driverError?.detail ?? e.detail ?? '{}') as { held: number; limit: number };
}

/** A wish as read for the API: the row, its organisation and its claimer. */
export interface WishRow {
  id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  description: string;
  category: WishCategory;
  status: WishStatus;
  wisher_user_id: string | null;
  posted_by: string;
  wisher_name: string | null;
  wisher_phone: string | null;
  content_held: boolean;
  reject_reason: string | null;
  expires_on: string | null;
  claimant_member_id: string | null;
  claimant_name: string | null;
  claimant_user_id: string | null;
  claimed_at: Date | null;
  fulfil_note: string | null;
  fulfil_photos: string[];
  note_held: boolean;
  fulfilled_at: Date | null;
  thanks: string | null;
  thanks_held: boolean;
  rating: number | null;
  confirmed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  /** created_at to the microsecond, for keyset cursors (a JS Date would drop the microseconds). */
  created_key: string;
}

/** A row of the ledger's wishes sheet; `history` is one `YYYY-MM-DD HH:MM action` line per step. */
export interface WishLedgerRow {
  id: string;
  title: string;
  org_name: string;
  category: WishCategory;
  status: WishStatus;
  created_at: Date;
  claimant_name: string | null;
  claimed_at: Date | null;
  fulfilled_at: Date | null;
  confirmed_at: Date | null;
  rating: number | null;
  created_key: string;
  history: string | null;
}

export interface WishEventRow {
  id: string;
  action: WishAction;
  from_status: WishStatus | null;
  to_status: WishStatus | null;
  actor_role: WishActorRole;
  actor_member_name: string | null;
  on_behalf: boolean;
  note: string | null;
  created_at: Date;
}

/** A history step's columns as findWithHistory reads them beside the wish's (null: no step). */
type EventColumns = { [K in keyof WishEventRow as `e_${K}`]: WishEventRow[K] | null };

export interface NewWish {
  orgId: string;
  title: string;
  description: string;
  category: WishCategory;
  wisherUserId: string | null;
  postedBy: string;
  wisherName: string | null;
  wisherPhone: string | null;
  contentHeld: boolean;
}

export interface NewWishEvent {
  wishId: string;
  action: WishAction;
  from: WishStatus | null;
  to: WishStatus | null;
  actorUserId: string | null;
  role: WishActorRole;
  actorMemberId?: string | null;
  onBehalf?: boolean;
  note?: string | null;
}

/** Who makes a move, for its history row. */
export type MoveBy = Omit<NewWishEvent, 'wishId' | 'action' | 'from' | 'to'>;

/** A move's outcome: the wish's status now (null: no such wish); if it moved, the status it left and its history row. */
export interface MoveResult {
  status: WishStatus | null;
  left: WishStatus | null;
  eventId: string | null;
}

/** The wall's filters: the organisation's subtree (null: everywhere). */
export interface WallFilter {
  subtree: Subtree | null;
  statuses: readonly WishStatus[];
  postedBy?: string;
  claimantMemberId?: string;
  category?: WishCategory;
  after?: [string, string] | null;
  limit: number;
}

export interface ClaimContext {
  id: string;
  title: string;
  status: WishStatus;
  org_path: string;
  wisher_user_id: string | null;
  posted_by: string;
  /** expires_on is already behind us (the job has not run yet). */
  lapsed: boolean;
  claim_limit: number;
  /** The member's unfinished (claimed, not yet fulfilled) wishes, anywhere. */
  held: number;
  /** The claiming member's name, for the wisher's notification. */
  member_name: string | null;
}

const SELECT_WISH = `
  SELECT w.id, w.org_id, o.name AS org_name, o.path AS org_path, w.title, w.description, w.category, w.status,
         w.wisher_user_id, w.posted_by, w.wisher_name, w.wisher_phone, w.content_held, w.reject_reason, w.expires_on,
         w.claimant_member_id, cm.name AS claimant_name, cm.user_id AS claimant_user_id, w.claimed_at,
         w.fulfil_note, w.fulfil_photos, w.note_held, w.fulfilled_at, w.thanks, w.thanks_held, w.rating, w.confirmed_at,
         w.created_at, w.updated_at,
         ${cursorTimestamp('w.created_at')} AS created_key
    FROM wish w
    JOIN org o ON o.id = w.org_id
    LEFT JOIN member cm ON cm.id = w.claimant_member_id`;

/**
 * Wishes waiting for staff: posted and not yet reviewed (since posted), or fulfilled / confirmed with
 * a note or thanks WeChat's check sent to a person (since that step). `$1`: the organisation ids.
 */
const WAITING_FOR_REVIEW = `
  SELECT w.id, 'pending_review' AS reason, w.title, w.description AS text, w.org_id, w.created_at AS since
    FROM wish w WHERE w.org_id = ANY($1::uuid[]) AND w.status = 'pending_review'
  UNION ALL
  SELECT w.id, 'content_held', w.title, CASE WHEN w.note_held THEN w.fulfil_note ELSE w.thanks END, w.org_id,
         CASE WHEN w.note_held THEN w.fulfilled_at ELSE w.confirmed_at END
    FROM wish w WHERE w.org_id = ANY($1::uuid[]) AND w.status <> 'pending_review' AND (w.note_held OR w.thanks_held)`;

/** What each move takes besides the wish: who acts, and what they hand in. */
export interface MoveArgs extends Record<Exclude<WishMove, 'expire'>, object> {
  approve: { reviewer: string; expiresOn: string | null };
  reject: { reviewer: string; reason: string };
  claim: { memberId: string; today: string };
  release: { memberId: string };
  fulfil: { memberId: string; note: string; photos: string[]; held: boolean };
  confirm: { by: string; thanks: string | null; rating: number | null; held: boolean };
}

/**
 * What each move writes besides the status, and its guards beyond the status it starts from. `p`
 * binds a value and returns its placeholder. Expiry runs in batches (expireDueBatch).
 */
const MOVE_WRITES: { [A in keyof MoveArgs]: (a: MoveArgs[A], p: (v: unknown) => string) => { set: string[]; where?: string[] } } = {
  // Approval also clears text WeChat sent to review: staff have just read it.
  approve: (a, p) => ({ set: [`expires_on = ${p(a.expiresOn)}`, 'content_held = false', `reviewed_by = ${p(a.reviewer)}`, 'reviewed_at = now()'] }),
  reject: (a, p) => ({ set: [`reject_reason = ${p(a.reason)}`, `reviewed_by = ${p(a.reviewer)}`, 'reviewed_at = now()'] }),
  claim: (a, p) => ({
    set: [`claimant_member_id = ${p(a.memberId)}`, 'claimed_at = now()'],
    where: [`(w.expires_on IS NULL OR w.expires_on >= ${p(a.today)}::date)`],
  }),
  release: (a, p) => ({ set: ['claimant_member_id = NULL', 'claimed_at = NULL'], where: [`w.claimant_member_id = ${p(a.memberId)}`] }),
  fulfil: (a, p) => ({
    set: [`fulfil_note = ${p(a.note)}`, `fulfil_photos = ${p(a.photos)}`, `note_held = ${p(a.held)}`, 'fulfilled_at = now()'],
    where: [`w.claimant_member_id = ${p(a.memberId)}`],
  }),
  confirm: (a, p) => ({
    set: [`thanks = ${p(a.thanks)}`, `rating = ${p(a.rating)}`, `thanks_held = ${p(a.held)}`, `confirmed_by = ${p(a.by)}`, 'confirmed_at = now()'],
  }),
};

/**
 * Every SQL statement about wishes, named for what it does. Each takes the handle (`db`) of the
 * caller's transaction (or the data source's manager) first, so the service decides what runs together.
 */
@Injectable()
export class WishesRepository {
  async insert(db: Db, w: NewWish): Promise<string> {
    const [row]: Array<{ id: string }> = await db.query(
      `INSERT INTO wish (org_id, title, description, category, wisher_user_id, posted_by, wisher_name, wisher_phone, content_held)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [w.orgId, w.title, w.description, w.category, w.wisherUserId, w.postedBy, w.wisherName, w.wisherPhone, w.contentHeld],
    );
    return row.id;
  }

  async findById(db: Db, id: string): Promise<WishRow | null> {
    const rows: WishRow[] = await db.query(`${SELECT_WISH} WHERE w.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async recordEvent(db: Db, e: NewWishEvent): Promise<string> {
    const [row]: Array<{ id: string }> = await db.query(
      `INSERT INTO wish_event (wish_id, action, from_status, to_status, actor_user_id, actor_role, actor_member_id, on_behalf, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [e.wishId, e.action, e.from, e.to, e.actorUserId, e.role, e.actorMemberId ?? null, e.onBehalf ?? false, e.note ?? null],
    );
    return row.id;
  }

  /**
   * A wish and its history, oldest step first, in one statement: the wish's columns on every row of
   * its history (a wish has a handful of steps), the step's columns prefixed `e_`.
   */
  async findWithHistory(db: Db, id: string): Promise<{ row: WishRow; history: WishEventRow[] } | null> {
    const rows: Array<WishRow & EventColumns> = await db.query(
      `SELECT w.*, e.id AS e_id, e.action AS e_action, e.from_status AS e_from_status, e.to_status AS e_to_status,
              e.actor_role AS e_actor_role, am.name AS e_actor_member_name, e.on_behalf AS e_on_behalf, e.note AS e_note,
              e.created_at AS e_created_at
         FROM (${SELECT_WISH} WHERE w.id = $1) w
         LEFT JOIN wish_event e ON e.wish_id = w.id LEFT JOIN member am ON am.id = e.actor_member_id
        ORDER BY e.created_at, e.id`,
      [id],
    );
    if (!rows.length) return null;
    const row = Object.fromEntries(Object.entries(rows[0]!).filter(([column]) => !column.startsWith('e_'))) as unknown as WishRow;
    const history = rows
      .filter((r) => r.e_id !== null)
      .map((r) => ({
        id: r.e_id!,
        action: r.e_action!,
        from_status: r.e_from_status,
        to_status: r.e_to_status,
        actor_role: r.e_actor_role!,
        actor_member_name: r.e_actor_member_name,
        on_behalf: r.e_on_behalf!,
        note: r.e_note,
        created_at: r.e_created_at!,
      }));
    return { row, history };
  }

  /**
   * One page of the wall, newest first, keyset-paginated on (created_at, id). Over a large subtree
   * the planner walks wish_created_idx and stops after `limit + 1` matches; for a small organisation
   * (its ids bound, see inSubtree) it reads wish_org_status_idx and sorts the few rows, instead of
   * walking the whole wall looking for them.
   */
  async findPageInSubtree(db: Db, f: WallFilter): Promise<WishRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const where: string[] = [`w.status = ANY(${bind(f.statuses)}::text[])`];
    if (f.subtree) where.push(inSubtree('w.org_id', f.subtree, bind));
    if (f.postedBy) where.push(`w.posted_by = ${bind(f.postedBy)}`);
    if (f.claimantMemberId) where.push(`w.claimant_member_id = ${bind(f.claimantMemberId)}`);
    if (f.category) where.push(`w.category = ${bind(f.category)}`);
    if (f.after) where.push(`(w.created_at, w.id) < (${bind(f.after[0])}::timestamptz, ${bind(f.after[1])}::uuid)`);
    const limit = bind(f.limit + 1);
    return db.query(`${SELECT_WISH} WHERE ${where.join(' AND ')} ORDER BY w.created_at DESC, w.id DESC LIMIT ${limit}`, params);
  }

  async countByStatusInSubtree(db: Db, orgIds: string[]): Promise<Map<WishStatus, number>> {
    const rows: Array<{ status: WishStatus; n: number }> = await db.query(
      `SELECT status, count(*)::int AS n FROM wish WHERE org_id = ANY($1::uuid[]) GROUP BY status`,
      [orgIds],
    );
    return new Map(rows.map((r) => [r.status, r.n]));
  }

  // ---- claims --------------------------------------------------------------------------------

  /**
   * What a claim decision needs: the wish, the limit governing its organisation (wish_claim_limit,
   * the same function the claim trigger checks) and how many wishes the member holds claimed.
   */
  async findClaimContext(db: Db, wishId: string, memberId: string, today: string): Promise<ClaimContext | null> {
    const rows: ClaimContext[] = await db.query(
      `SELECT w.id, w.title, w.status, o.path AS org_path, w.wisher_user_id, w.posted_by,
              (w.expires_on IS NOT NULL AND w.expires_on < $3::date) AS lapsed,
              wish_claim_limit(o.path) AS claim_limit, m.claims_held AS held, m.name AS member_name
         FROM wish w JOIN org o ON o.id = w.org_id LEFT JOIN member m ON m.id = $2 WHERE w.id = $1`,
      [wishId, memberId, today],
    );
    return rows[0] ?? null;
  }

  // ---- the lifecycle: every move one conditional update on the status it starts from --------

  /**
   * Applies one move of WISH_ACTIONS and records it in the wish's history, in one statement: the
   * status it leads to, what the move records (MOVE_WRITES), only while the wish is still in one of
   * the statuses the move starts from — and for some moves a further guard (the claimer is still the
   * one acting, the last day has not passed). Of any number of concurrent requests the first to take
   * the row lock changes the row; the others re-check the guard after it commits and match nothing.
   * Answers the status the wish is in now (null: no such wish) and, if it moved, the status it left
   * and the history row's id. A claim past the member's limit fails with SQLSTATE XF001 (see
   * claimLimitReached).
   */
  async move<A extends keyof MoveArgs>(db: Db, id: string, action: A, args: MoveArgs[A], by: MoveBy): Promise<MoveResult> {
    const rule = WISH_ACTIONS[action];
    const params: unknown[] = [id, rule.from, rule.to];
    const p = binder(params);
    const w = MOVE_WRITES[action](args, p);
    // `prev` locks the row and reads its status as it is now (after any racing update committed).
    const rows: Array<{ status: WishStatus; left: WishStatus | null; event_id: string | null }> = await db.query(
      `WITH prev AS (SELECT id, status FROM wish WHERE id = $1 FOR UPDATE),
       moved AS (
         UPDATE wish w SET status = $3, ${w.set.join(', ')}, updated_at = now()
           FROM prev
          WHERE w.id = prev.id AND w.status = ANY($2::text[]) ${(w.where ?? []).map((c) => `AND ${c}`).join(' ')}
          RETURNING prev.status AS left_status),
       event AS (
         INSERT INTO wish_event (wish_id, action, from_status, to_status, actor_user_id, actor_role, actor_member_id, on_behalf, note)
         SELECT $1, ${p(action)}, left_status, $3, ${p(by.actorUserId)}, ${p(by.role)}, ${p(by.actorMemberId ?? null)}, ${p(by.onBehalf ?? false)}, ${p(by.note ?? null)}
           FROM moved RETURNING id)
       SELECT CASE WHEN m.left_status IS NULL THEN prev.status ELSE $3 END AS status, m.left_status AS left, e.id AS event_id
         FROM prev LEFT JOIN moved m ON true LEFT JOIN event e ON true`,
      params,
    );
    const r = rows[0];
    return { status: r?.status ?? null, left: r?.left ?? null, eventId: r?.event_id ?? null };
  }

  /** Lifts the holds on the fulfilment note and the thanks; false when there was none. */
  async clearHeld(db: Db, id: string): Promise<boolean> {
    return this.changed(
      db,
      `UPDATE wish SET note_held = false, thanks_held = false, updated_at = now()
        WHERE id = $1 AND (note_held OR thanks_held) RETURNING id`,
      [id],
    );
  }

  /**
   * Moves up to `batch` open wishes whose last day is before `today` to expired, with their history
   * rows, in one statement. SKIP LOCKED: a wish being claimed right now is left for the claim (if it
   * wins, the wish is no longer open; if it loses, the next run expires it).
   */
  async expireDueBatch(
    db: Db,
    today: string,
    batch: number,
  ): Promise<Array<{ id: string; title: string; wisher_user_id: string | null; posted_by: string; event_id: string }>> {
    const { from, to } = WISH_ACTIONS.expire;
    return db.query(
      `WITH due AS (
         SELECT id FROM wish WHERE status = $3 AND expires_on < $1::date
          ORDER BY expires_on, id LIMIT $2 FOR UPDATE SKIP LOCKED
       ), moved AS (
         UPDATE wish w SET status = $4, updated_at = now() FROM due
          WHERE w.id = due.id AND w.status = $3
          RETURNING w.id, w.title, w.wisher_user_id, w.posted_by
       ), ev AS (
         INSERT INTO wish_event (wish_id, action, from_status, to_status, actor_role)
         SELECT id, 'expire', $3, $4, 'system' FROM moved
         RETURNING id, wish_id
       )
       SELECT moved.*, ev.id AS event_id FROM moved JOIN ev ON ev.wish_id = moved.id`,
      [today, batch, from[0], to],
    );
  }

  /** The poster's WeChat nickname: the wisher's name when they give none. (Reads app_user; belongs behind what users/ exports.) */
  async findNickname(db: Db, userId: string): Promise<string | null> {
    const rows: Array<{ nickname: string | null }> = await db.query(`SELECT nickname FROM app_user WHERE id = $1`, [userId]);
    return rows[0]?.nickname ?? null;
  }

  // ---- settings ------------------------------------------------------------------------------

  /** The setting that governs an organisation and the organisation it belongs to (itself or an ancestor). */
  async findGoverningSettings(db: Db, orgPath: string): Promise<{ org_id: string; claim_limit: number } | null> {
    const rows: Array<{ org_id: string; claim_limit: number }> = await db.query(
      `SELECT s.org_id, s.claim_limit FROM wish_settings s JOIN org so ON so.id = s.org_id
        WHERE $1 LIKE so.path || '%' ORDER BY so.depth DESC LIMIT 1`,
      [orgPath],
    );
    return rows[0] ?? null;
  }

  async upsertSettings(db: Db, orgId: string, claimLimit: number, by: string): Promise<void> {
    await db.query(
      `INSERT INTO wish_settings (org_id, claim_limit, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (org_id) DO UPDATE SET claim_limit = $2, updated_by = $3, updated_at = now()`,
      [orgId, claimLimit, by],
    );
  }

  private async changed(db: Db, sql: string, params: unknown[]): Promise<boolean> {
    return (await returning<{ id: string }>(db, sql, params)).length === 1;
  }

  /**
   * The ledger's wishes sheet: wishes of these organisations with any step in the period, oldest
   * first, each with its history as one line per step (keyset on created_at, id).
   */
  async findLedgerPage(db: Db, orgIds: string[], p: { from: string | null; to: string | null }, after: [string, string] | null, limit: number): Promise<WishLedgerRow[]> {
    return db.query(
      `SELECT w.id, w.title, o.name AS org_name, w.category, w.status, w.created_at, cm.name AS claimant_name,
              w.claimed_at, w.fulfilled_at, w.confirmed_at, w.rating, ${cursorTimestamp('w.created_at')} AS created_key,
              (SELECT string_agg(to_char(e.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || ' ' || e.action, E'\n' ORDER BY e.created_at, e.id)
                 FROM wish_event e WHERE e.wish_id = w.id) AS history
         FROM wish w JOIN org o ON o.id = w.org_id LEFT JOIN member cm ON cm.id = w.claimant_member_id
        WHERE w.org_id = ANY($1::uuid[])
          AND EXISTS (SELECT 1 FROM wish_event e WHERE e.wish_id = w.id
                       AND shanghai_day(e.created_at) BETWEEN COALESCE($2::date, '-infinity'::date) AND COALESCE($3::date, 'infinity'::date))
          AND ($4::timestamptz IS NULL OR (w.created_at, w.id) > ($4::timestamptz, $5::uuid))
        ORDER BY w.created_at, w.id LIMIT $6`,
      [orgIds, p.from, p.to, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  // ---- the review queue and member leaves ----------------------------------------------------

  countWaitingForReview(db: Db, orgIds: string[]): Promise<number> {
    return countWaiting(db, WAITING_FOR_REVIEW, orgIds);
  }

  findWaitingForReviewPage(db: Db, orgIds: string[], after: ReviewCursor | null, limit: number): Promise<WaitingRow[]> {
    return waitingPage(db, WAITING_FOR_REVIEW, 'wish', orgIds, after, limit);
  }

  /** Ids of the wishes the member holds claimed (not yet fulfilled), locked for the caller's transaction. */
  async lockClaimedBy(db: Db, memberId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await db.query(
      `SELECT id FROM wish WHERE claimant_member_id = $1 AND status = 'claimed' ORDER BY claimed_at, id FOR UPDATE`,
      [memberId],
    );
    return rows.map((r) => r.id);
  }

  /** A photo taken off public view (image check, staff) leaves the fulfilments that show it. */
  async removeFulfilPhoto(db: Db, url: string): Promise<void> {
    await db.query(`UPDATE wish SET fulfil_photos = array_remove(fulfil_photos, $1) WHERE $1 = ANY(fulfil_photos)`, [url]);
  }
}
