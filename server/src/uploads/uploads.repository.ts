import { Injectable } from '@nestjs/common';
import { HeldPhotoLabels } from '@xianfeng/shared';
import { returning } from '../common/sql.js';
import type { Db } from '../database/db.js';
import { countWaiting, waitingPage, type ReviewCursor, type WaitingRow, type WaitingSql } from '../review-queue/review-source.js';

/** The state of an upload in WeChat's image check ('review' is derived: see {@link UploadsRepository.findHeldInOrgs}). */
export type StoredCheckState = 'pending' | 'pass' | 'risky' | 'approved' | 'removed';

export interface UploadRow {
  id: string;
  key: string;
  user_id: string | null;
  org_id: string | null;
  check_state: StoredCheckState;
  created_at: Date;
}

const COLUMNS = `id, key, user_id, org_id, check_state, created_at`;

/**
 * Held photos waiting for a person, as the review queue reads them: WeChat said `review` (waiting
 * since its answer), or said nothing within `reviewAfterSeconds` of the request (waiting since then).
 * The text is why it waits. `$1` is the organisation ids; the delay is the configured integer.
 */
function heldWaitingSql(reviewAfterSeconds: number): WaitingSql {
  if (!Number.isInteger(reviewAfterSeconds) || reviewAfterSeconds < 0) throw new Error(`reviewAfterSeconds must be a whole number, not ${reviewAfterSeconds}`);
  const due = `COALESCE(u.check_requested_at, u.created_at) + make_interval(secs => ${reviewAfterSeconds})`;
  return `
  SELECT u.id, 'content_held' AS reason, '${HeldPhotoLabels.title}' AS title,
         CASE WHEN u.checked_at IS NOT NULL THEN '${HeldPhotoLabels.review}' ELSE '${HeldPhotoLabels.noVerdict}' END AS text,
         u.org_id, COALESCE(u.checked_at, ${due}) AS since
    FROM upload u
   WHERE u.org_id = ANY($1::uuid[]) AND u.check_state = 'pending' AND (u.checked_at IS NOT NULL OR ${due} < now())`;
}

/**
 * The record of each stored file (`upload`): who uploaded it, so photos can be checked as the
 * caller's own; where it is shown (the organisation, for staff review); and WeChat's image check.
 */
@Injectable()
export class UploadsRepository {
  async record(db: Db, u: { key: string; userId: string; contentType: string; size: number }): Promise<void> {
    await db.query(`INSERT INTO upload (key, user_id, content_type, size) VALUES ($1, $2, $3, $4)`, [u.key, u.userId, u.contentType, u.size]);
  }

  /** Of these keys, those the user uploaded. */
  async findKeysOwnedBy(db: Db, userId: string, keys: string[]): Promise<string[]> {
    const rows: Array<{ key: string }> = await db.query(`SELECT key FROM upload WHERE key = ANY($1::text[]) AND user_id = $2`, [keys, userId]);
    return rows.map((r) => r.key);
  }

  async findByKey(db: Db, key: string): Promise<UploadRow | null> {
    const rows: UploadRow[] = await db.query(`SELECT ${COLUMNS} FROM upload WHERE key = $1`, [key]);
    return rows[0] ?? null;
  }

  async findById(db: Db, id: string): Promise<UploadRow | null> {
    const rows: UploadRow[] = await db.query(`SELECT ${COLUMNS} FROM upload WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The organisation whose public pages show these photos: where staff review them. */
  async setShownIn(db: Db, keys: string[], orgId: string): Promise<void> {
    await db.query(`UPDATE upload SET org_id = $2 WHERE key = ANY($1::text[])`, [keys, orgId]);
  }

  async setTraceId(db: Db, key: string, traceId: string): Promise<void> {
    await db.query(`UPDATE upload SET trace_id = $2, check_requested_at = now() WHERE key = $1`, [key, traceId]);
  }

  /**
   * WeChat's verdict for a still-pending photo: `pass` → public, `risky` → removed; `review` keeps it
   * held and marks it answered (so it goes to staff at once). Null when the trace is unknown or the
   * photo was decided already (staff were quicker, or this is a repeated push).
   */
  async applyVerdict(db: Db, traceId: string, suggest: 'pass' | 'risky' | 'review'): Promise<UploadRow | null> {
    const next = suggest === 'review' ? 'pending' : suggest;
    const rows = await returning<UploadRow>(
      db,
      `UPDATE upload SET check_state = $2, checked_at = now()
        WHERE trace_id = $1 AND check_state = 'pending'
        RETURNING ${COLUMNS}`,
      [traceId, next],
    );
    return rows[0] ?? null;
  }

  /** Staff decision on a held photo; null when it is no longer held (decided meanwhile). */
  async decideHeld(db: Db, id: string, to: 'approved' | 'removed'): Promise<UploadRow | null> {
    const rows = await returning<UploadRow>(
      db,
      `UPDATE upload SET check_state = $2, checked_at = now() WHERE id = $1 AND check_state = 'pending' RETURNING ${COLUMNS}`,
      [id, to],
    );
    return rows[0] ?? null;
  }

  /** How many held photos in these organisations wait for a person (see {@link findHeldInOrgs}). */
  countHeldWaiting(db: Db, orgIds: string[], reviewAfterSeconds: number): Promise<number> {
    return countWaiting(db, heldWaitingSql(reviewAfterSeconds), orgIds);
  }

  /** A review-queue page of the held photos waiting for a person, with their keys (to sign a view URL). */
  async findHeldWaitingPage(db: Db, orgIds: string[], reviewAfterSeconds: number, after: ReviewCursor | null, limit: number): Promise<Array<WaitingRow & { key: string }>> {
    const rows = await waitingPage(db, heldWaitingSql(reviewAfterSeconds), 'photo', orgIds, after, limit);
    if (rows.length === 0) return [];
    const keys: Array<{ id: string; key: string }> = await db.query(`SELECT id, key FROM upload WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
    const keyOf = new Map(keys.map((k) => [k.id, k.key]));
    return rows.map((r) => ({ ...r, key: keyOf.get(r.id) ?? '' }));
  }

  /**
   * Held photos shown in these organisations that need a person: WeChat said `review`, or gave no
   * verdict within `reviewAfterSeconds` (or was never reached). Oldest first.
   */
  async findHeldInOrgs(db: Db, orgIds: string[], reviewAfterSeconds: number, limit: number): Promise<UploadRow[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM upload WHERE id IN (SELECT id FROM (${heldWaitingSql(reviewAfterSeconds)}) q)
        ORDER BY created_at, id LIMIT $2`,
      [orgIds, limit],
    );
  }
}
