import type { ReviewAction, ReviewItemKind, ReviewReason } from '@xianfeng/shared';
import { cursorTimestamp } from '../common/pagination.js';
import type { Db } from '../database/db.js';
import { binder } from '../common/sql.js';

/** One waiting item as a source reads it; the queue adds nothing but the merge and the page. */
export interface ReviewRow {
  kind: ReviewItemKind;
  id: string;
  reason: ReviewReason;
  title: string;
  excerpt: string;
  orgId: string;
  orgName: string;
  /** cursorTimestamp() of the moment it started waiting (microseconds, UTC): sort key and cursor part. */
  waitingSince: string;
  actions: ReviewAction[];
  /** A held photo: the signed URL staff look at it through. */
  imageUrl?: string;
}

/** Where the previous page ended: the queue is ordered by (waitingSince, kind, id). */
export interface ReviewCursor {
  at: string;
  kind: string;
  id: string;
}

/**
 * What the review queue asks of a feature that has things waiting for staff. The feature owns the
 * SQL (its own tables); the queue only merges the sources' pages. A new kind of item is one more
 * class implementing this, listed in REVIEW_SOURCES (as held photos are: uploads' PhotoReviewSource).
 */
export interface ReviewSource {
  readonly kind: ReviewItemKind;
  /** How many items wait in these organisations. */
  countWaiting(db: Db, orgIds: string[]): Promise<number>;
  /** Up to `limit` items after the cursor, ordered by (waitingSince, id). */
  waitingPage(db: Db, orgIds: string[], after: ReviewCursor | null, limit: number): Promise<ReviewRow[]>;
}

/** The Nest token of the list of sources. */
export const REVIEW_SOURCES = Symbol('REVIEW_SOURCES');

/**
 * The SQL condition "(since, kind, id) comes after the cursor" for a source of `kind`, whose rows all
 * share that kind: bind values through `p`. Rows of a kind sorting after the cursor's may share its
 * instant; rows of a kind sorting before it may not.
 */
export function afterCursor(kind: ReviewItemKind, c: ReviewCursor | null, since: string, id: string, p: (v: unknown) => string): string {
  if (!c) return 'true';
  const at = `${p(c.at)}::timestamptz`;
  if (kind > c.kind) return `${since} >= ${at}`;
  if (kind < c.kind) return `${since} > ${at}`;
  return `(${since}, ${id}) > (${at}, ${p(c.id)}::uuid)`;
}

/**
 * A source's waiting items as SQL: a query over its own tables whose rows have the columns
 * `id, reason, title, text, org_id, since` and whose only parameter is `$1`, the organisation ids.
 */
export type WaitingSql = string;

/** A waiting row before the source adds its kind and actions. */
export type WaitingRow = Omit<ReviewRow, 'kind' | 'actions'>;

/** How many rows the source's waiting query yields. */
export async function countWaiting(db: Db, waiting: WaitingSql, orgIds: string[]): Promise<number> {
  const [row]: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM (${waiting}) q`, [orgIds]);
  return row.n;
}

/** A page of the source's waiting query, oldest first, with the organisation's name and an excerpt of the text. */
export function waitingPage(db: Db, waiting: WaitingSql, kind: ReviewItemKind, orgIds: string[], after: ReviewCursor | null, limit: number): Promise<WaitingRow[]> {
  const params: unknown[] = [orgIds, limit];
  const p = binder(params);
  return db.query(
    `SELECT q.id, q.reason, q.title, left(regexp_replace(q.text, '\\s+', ' ', 'g'), 120) AS excerpt,
            q.org_id AS "orgId", o.name AS "orgName", ${cursorTimestamp('q.since')} AS "waitingSince"
       FROM (${waiting}) q JOIN org o ON o.id = q.org_id
      WHERE ${afterCursor(kind, after, 'q.since', 'q.id', p)}
      ORDER BY q.since, q.id LIMIT $2`,
    params,
  );
}
