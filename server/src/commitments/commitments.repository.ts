import { Injectable } from '@nestjs/common';
import type { CommitmentOwnerType, CommitmentStatus, ReviewKind } from '@xianfeng/shared';
import { cursorTimestamp } from '../common/pagination.js';
import { binder, returning } from '../common/sql.js';
import type { Db } from '../database/db.js';
import { countWaiting, waitingPage, type ReviewCursor, type WaitingRow } from '../review-queue/review-source.js';
import type { CommitmentAction } from './commitment-state.js';

/** A commitment with what every view of it needs (owner's name, organisation's name and path). */
export interface CommitmentRow {
  id: string;
  owner_type: CommitmentOwnerType;
  owner_member_id: string | null;
  /** The owning member's name and WeChat user, for member commitments. */
  member_name: string | null;
  member_user_id: string | null;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  content: string;
  items: string[];
  due_on: string;
  status: CommitmentStatus;
  return_reason: string | null;
  content_held: boolean;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  published_at: Date | null;
  fulfilled_at: Date | null;
  /** created_at to the microsecond, for cursors (a JS Date keeps only milliseconds). */
  cursor_at: string;
}

/** A row of the ledger's commitments sheet; `reviews` is one `kind score comment` line per review. */
export interface CommitmentLedgerRow {
  id: string;
  title: string;
  org_name: string;
  owner_type: CommitmentOwnerType;
  owner_name: string | null;
  status: CommitmentStatus;
  due_on: string;
  created_at: Date;
  published_at: Date | null;
  fulfilled_at: Date | null;
  created_key: string;
  review_count: number;
  review_average: number | null;
  reviews: string | null;
}

export interface ProgressRow {
  id: string;
  text: string;
  photos: string[];
  content_held: boolean;
  created_at: Date;
}

export interface ReviewRow {
  id: string;
  kind: ReviewKind;
  reviewer_user_id: string;
  score: number;
  comment: string;
  content_held: boolean;
  created_at: Date;
}

export interface ReviewStatsRow {
  commitment_id: string;
  kind: ReviewKind;
  n: number;
  average: number;
}

const SELECT_COMMITMENT = `
  SELECT c.id, c.owner_type, c.owner_member_id, m.name AS member_name, m.user_id AS member_user_id,
         c.org_id, o.name AS org_name, o.path AS org_path, c.title, c.content, c.items, c.due_on, c.status,
         c.return_reason, c.content_held, c.created_by, c.created_at, c.updated_at, c.submitted_at,
         c.published_at, c.fulfilled_at,
         ${cursorTimestamp('c.created_at')} AS cursor_at
    FROM commitment c
    JOIN org o ON o.id = c.org_id
    LEFT JOIN member m ON m.id = c.owner_member_id`;

/** Who is asking, for the visibility rule of lists. `staffPaths` are the paths of the orgs the caller is staff of. */
export interface ListViewer {
  isAdmin: boolean;
  memberId: string | null;
  userId: string | null;
  staffPaths: string[];
}

export interface ListFilter {
  /** Path of the organisation whose subtree to list. */
  orgPath?: string;
  ownerType?: CommitmentOwnerType;
  status?: CommitmentStatus;
  /** true: published and past due; false: anything else. */
  overdue?: boolean;
  today: string;
  mine?: boolean;
  /** Keyset: rows strictly after (created_at, id) in (created_at DESC, id DESC) order. */
  after?: [string, string] | null;
  limit: number;
}

/**
 * Commitments waiting for staff: submitted and not yet reviewed (since submitted), or public with text
 * WeChat's check sent to a person — the commitment, a progress entry or a review — since the first
 * held text. `$1`: the organisation ids.
 */
const WAITING_FOR_REVIEW = `
  SELECT c.id, 'pending_review' AS reason, c.title, c.content AS text, c.org_id, c.submitted_at AS since
    FROM commitment c WHERE c.org_id = ANY($1::uuid[]) AND c.status = 'pending_review'
  UNION ALL
  SELECT c.id, 'content_held', c.title, COALESCE(hp.text, hr.comment, c.content), c.org_id,
         LEAST(hp.created_at, hr.created_at, CASE WHEN c.content_held THEN c.updated_at END)
    FROM commitment c
    LEFT JOIN LATERAL (SELECT p.text, p.created_at FROM commitment_progress p
                        WHERE p.commitment_id = c.id AND p.content_held ORDER BY p.created_at LIMIT 1) hp ON true
    LEFT JOIN LATERAL (SELECT r.comment, r.created_at FROM commitment_review r
                        WHERE r.commitment_id = c.id AND r.content_held ORDER BY r.created_at LIMIT 1) hr ON true
   WHERE c.org_id = ANY($1::uuid[]) AND c.status IN ('published', 'fulfilled')
     AND (c.content_held OR hp.created_at IS NOT NULL OR hr.created_at IS NOT NULL)`;

/** Every query the commitments feature runs, by what it returns; each takes the handle (`db`) first. */
@Injectable()
export class CommitmentsRepository {
  async findById(db: Db, id: string): Promise<CommitmentRow | null> {
    const rows: CommitmentRow[] = await db.query(`${SELECT_COMMITMENT} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async currentStatus(db: Db, id: string): Promise<CommitmentStatus | null> {
    const rows: Array<{ status: CommitmentStatus }> = await db.query(`SELECT status FROM commitment WHERE id = $1`, [id]);
    return rows[0]?.status ?? null;
  }

  async insertDraft(
    db: Db,
    v: { ownerType: CommitmentOwnerType; ownerMemberId: string | null; orgId: string; title: string; content: string; items: string[]; dueOn: string; contentHeld: boolean; createdBy: string },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO commitment (owner_type, owner_member_id, org_id, title, content, items, due_on, content_held, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) RETURNING id`,
      [v.ownerType, v.ownerMemberId, v.orgId, v.title, v.content, JSON.stringify(v.items), v.dueOn, v.contentHeld, v.createdBy],
    );
    return rows[0].id;
  }

  /** Rewrites a draft's text, only while it is still a draft. Returns false if it no longer is. */
  async updateDraftIfStillDraft(
    db: Db,
    id: string,
    v: { title: string; content: string; items: string[]; dueOn: string; contentHeld: boolean },
  ): Promise<boolean> {
    const rows = await returning<{ id: string }>(
      db,
      `UPDATE commitment SET title = $2, content = $3, items = $4::jsonb, due_on = $5, content_held = $6, updated_at = now()
        WHERE id = $1 AND status = 'draft' RETURNING id`,
      [id, v.title, v.content, JSON.stringify(v.items), v.dueOn, v.contentHeld],
    );
    return rows.length === 1;
  }

  /**
   * Moves the commitment from one of `from` to `to` — only if it is still in one of `from`, so of two
   * racing requests exactly one applies the step. Returns the status it left, or null if it was not
   * in any of `from` any more.
   */
  async moveIfIn(
    db: Db,
    id: string,
    from: readonly CommitmentStatus[],
    to: CommitmentStatus,
    returnReason: string | null,
  ): Promise<CommitmentStatus | null> {
    // `prev` locks the row and reads its status as it is now (after any racing update committed);
    // the `c.status = ANY(from)` condition is the guard that lets only one racing step through.
    const rows = await returning<{ old_status: CommitmentStatus }>(
      db,
      `WITH prev AS (SELECT id, status FROM commitment WHERE id = $1 FOR UPDATE)
       UPDATE commitment c SET status = $3, updated_at = now(), return_reason = $4,
              submitted_at = CASE WHEN $3 = 'pending_review' THEN now() ELSE c.submitted_at END,
              published_at = CASE WHEN $3 = 'published' THEN now() ELSE c.published_at END,
              fulfilled_at = CASE WHEN $3 = 'fulfilled' THEN now() ELSE c.fulfilled_at END
         FROM prev
        WHERE c.id = prev.id AND c.status = ANY($2::text[])
        RETURNING prev.status AS old_status`,
      [id, from, to, returnReason],
    );
    return rows[0]?.old_status ?? null;
  }

  async recordEvent(
    db: Db,
    e: { commitmentId: string; action: CommitmentAction | 'clear_content'; from: CommitmentStatus; to: CommitmentStatus; reason?: string | null; actorUserId: string },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO commitment_event (commitment_id, action, from_status, to_status, reason, actor_user_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [e.commitmentId, e.action, e.from, e.to, e.reason ?? null, e.actorUserId],
    );
    return rows[0].id;
  }

  /** Adds a progress entry only while the commitment is published (the share lock orders it against a racing fulfil). */
  async insertProgressIfPublished(
    db: Db,
    v: { commitmentId: string; text: string; photos: string[]; contentHeld: boolean; createdBy: string },
  ): Promise<string | null> {
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO commitment_progress (commitment_id, text, photos, content_held, created_by)
       SELECT id, $2, $3::jsonb, $4, $5 FROM commitment WHERE id = $1 AND status = 'published' FOR SHARE
       RETURNING id`,
      [v.commitmentId, v.text, JSON.stringify(v.photos), v.contentHeld, v.createdBy],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Adds a review only while the commitment is in one of `statuses`. A second review by the same
   * reviewer of the same kind fails on the unique constraint `commitment_review_once` (23505).
   */
  async insertReviewIfIn(
    db: Db,
    statuses: readonly CommitmentStatus[],
    v: { commitmentId: string; kind: ReviewKind; reviewerUserId: string; score: number; comment: string; contentHeld: boolean },
  ): Promise<string | null> {
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO commitment_review (commitment_id, kind, reviewer_user_id, score, comment, content_held)
       SELECT id, $3, $4, $5, $6, $7 FROM commitment WHERE id = $1 AND status = ANY($2::text[]) FOR SHARE
       RETURNING id`,
      [v.commitmentId, statuses, v.kind, v.reviewerUserId, v.score, v.comment, v.contentHeld],
    );
    return rows[0]?.id ?? null;
  }

  /** Lifts every hold on the commitment, its progress and its reviews. Returns how many holds were lifted. */
  async clearHeld(db: Db, id: string): Promise<number> {
    const [c] = await returning<{ id: string }>(db, `UPDATE commitment SET content_held = false, updated_at = now() WHERE id = $1 AND content_held RETURNING id`, [id]);
    const p = await returning<{ id: string }>(db, `UPDATE commitment_progress SET content_held = false WHERE commitment_id = $1 AND content_held RETURNING id`, [id]);
    const r = await returning<{ id: string }>(db, `UPDATE commitment_review SET content_held = false WHERE commitment_id = $1 AND content_held RETURNING id`, [id]);
    return (c ? 1 : 0) + p.length + r.length;
  }

  /**
   * What a commitment's detail shows besides the commitment, in one statement: its progress, oldest
   * first; its newest `reviewLimit` reviews, newest first; and its review counts and averages by kind.
   */
  async detailPartsOf(db: Db, id: string, reviewLimit: number): Promise<{ progress: ProgressRow[]; reviews: ReviewRow[]; stats: ReviewStatsRow[] }> {
    // Each row is one of the three parts (`part`), its columns in the part's own shape (the others null).
    const rows: Array<{ part: 1 | 2 | 3 } & ProgressRow & ReviewRow & Pick<ReviewStatsRow, 'n' | 'average'>> = await db.query(
      `SELECT * FROM (
       SELECT 1 AS part, id, text, photos, content_held, created_at,
              NULL::text AS kind, NULL::uuid AS reviewer_user_id, NULL::int AS score, NULL::text AS comment, NULL::int AS n, NULL::float8 AS average
         FROM commitment_progress WHERE commitment_id = $1
       UNION ALL
       SELECT 2, id, NULL, NULL, content_held, created_at, kind, reviewer_user_id, score, comment, NULL, NULL
         FROM (SELECT * FROM commitment_review WHERE commitment_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2) newest
       UNION ALL
       SELECT 3, NULL, NULL, NULL, NULL, NULL, kind, NULL, NULL, NULL, count(*)::int, round(avg(score), 2)::float8
         FROM commitment_review WHERE commitment_id = $1 GROUP BY kind) parts
       ORDER BY part,
                CASE WHEN part = 1 THEN created_at END, CASE WHEN part = 1 THEN id END,
                CASE WHEN part = 2 THEN created_at END DESC, CASE WHEN part = 2 THEN id END DESC`,
      [id, reviewLimit],
    );
    return {
      progress: rows.filter((r) => r.part === 1).map(({ id, text, photos, content_held, created_at }) => ({ id, text, photos, content_held, created_at })),
      reviews: rows
        .filter((r) => r.part === 2)
        .map(({ id, kind, reviewer_user_id, score, comment, content_held, created_at }) => ({ id, kind, reviewer_user_id, score, comment, content_held, created_at })),
      stats: rows.filter((r) => r.part === 3).map(({ kind, n, average }) => ({ commitment_id: id, kind, n, average })),
    };
  }

  async reviewStatsOf(db: Db, ids: string[]): Promise<ReviewStatsRow[]> {
    if (ids.length === 0) return [];
    return db.query(
      `SELECT commitment_id, kind, count(*)::int AS n, round(avg(score), 2)::float8 AS average
         FROM commitment_review WHERE commitment_id = ANY($1::uuid[]) GROUP BY commitment_id, kind`,
      [ids],
    );
  }

  /**
   * One page of the commitments the viewer may see, newest first. The caller sees published and
   * fulfilled ones not held for review; their own member commitments; and everything in the subtrees
   * they are staff of. Keyset paging on (created_at, id) — both never change — so rows added between
   * two pages land before the cursor and neither shift nor repeat what follows.
   */
  async findVisiblePage(db: Db, viewer: ListViewer, f: ListFilter): Promise<CommitmentRow[]> {
    const params: unknown[] = [];
    const p = binder(params);
    const where: string[] = [];
    if (!viewer.isAdmin) {
      const visible = [`(c.status IN ('published','fulfilled') AND NOT c.content_held)`];
      if (viewer.memberId) visible.push(`c.owner_member_id = ${p(viewer.memberId)}::uuid`);
      if (viewer.staffPaths.length) visible.push(`o.path LIKE ANY(${p(viewer.staffPaths.map((path) => `${path}%`))}::text[])`);
      where.push(`(${visible.join(' OR ')})`);
    }
    if (f.mine) {
      const mine = [`(c.owner_type = 'branch' AND c.created_by = ${p(viewer.userId)}::uuid)`];
      if (viewer.memberId) mine.push(`c.owner_member_id = ${p(viewer.memberId)}::uuid`);
      where.push(`(${mine.join(' OR ')})`);
    }
    if (f.orgPath) where.push(`o.path LIKE ${p(f.orgPath + '%')}`);
    if (f.ownerType) where.push(`c.owner_type = ${p(f.ownerType)}`);
    if (f.status) where.push(`c.status = ${p(f.status)}`);
    if (f.overdue !== undefined) {
      const late = `(c.status = 'published' AND c.due_on < ${p(f.today)}::date)`;
      where.push(f.overdue ? late : `NOT ${late}`);
    }
    if (f.after) where.push(`(c.created_at, c.id) < (${p(f.after[0])}::timestamptz, ${p(f.after[1])}::uuid)`);
    const sql = `${SELECT_COMMITMENT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY c.created_at DESC, c.id DESC LIMIT ${p(f.limit + 1)}`;
    return db.query(sql, params);
  }

  /**
   * The ledger's commitments sheet: commitments of these organisations with a step in the period
   * (created, published or fulfilled), each with its reviews as one line per review — kind, score and
   * comment, never the reviewer (keyset on created_at, id).
   */
  async findLedgerPage(db: Db, orgIds: string[], p: { from: string | null; to: string | null }, after: [string, string] | null, limit: number): Promise<CommitmentLedgerRow[]> {
    return db.query(
      `SELECT c.id, c.title, o.name AS org_name, c.owner_type, m.name AS owner_name, c.status, c.due_on, c.created_at,
              c.published_at, c.fulfilled_at, ${cursorTimestamp('c.created_at')} AS created_key,
              (SELECT count(*)::int FROM commitment_review r WHERE r.commitment_id = c.id) AS review_count,
              (SELECT round(avg(r.score), 2)::float8 FROM commitment_review r WHERE r.commitment_id = c.id) AS review_average,
              (SELECT string_agg(r.kind || ' ' || r.score || CASE WHEN r.comment <> '' THEN ' ' || r.comment ELSE '' END, E'\n' ORDER BY r.created_at, r.id)
                 FROM commitment_review r WHERE r.commitment_id = c.id AND NOT r.content_held) AS reviews
         FROM commitment c JOIN org o ON o.id = c.org_id LEFT JOIN member m ON m.id = c.owner_member_id
        WHERE c.org_id = ANY($1::uuid[]) AND c.status <> 'withdrawn'
          AND EXISTS (SELECT 1 FROM unnest(ARRAY[c.created_at, c.published_at, c.fulfilled_at]) AS t(at)
                       WHERE shanghai_day(t.at) BETWEEN COALESCE($2::date, '-infinity'::date) AND COALESCE($3::date, 'infinity'::date))
          AND ($4::timestamptz IS NULL OR (c.created_at, c.id) > ($4::timestamptz, $5::uuid))
        ORDER BY c.created_at, c.id LIMIT $6`,
      [orgIds, p.from, p.to, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  // ---- the review queue ----------------------------------------------------------------------

  countWaitingForReview(db: Db, orgIds: string[]): Promise<number> {
    return countWaiting(db, WAITING_FOR_REVIEW, orgIds);
  }

  findWaitingForReviewPage(db: Db, orgIds: string[], after: ReviewCursor | null, limit: number): Promise<WaitingRow[]> {
    return waitingPage(db, WAITING_FOR_REVIEW, 'commitment', orgIds, after, limit);
  }

  /** A photo taken off public view (image check, staff) leaves every progress entry that shows it. */
  async removeProgressPhoto(db: Db, url: string): Promise<void> {
    await db.query(`UPDATE commitment_progress SET photos = photos - $1::text WHERE photos ? $1::text`, [url]);
  }
}
