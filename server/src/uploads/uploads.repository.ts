import { Injectable } from '@nestjs/common';
import { returning } from '../common/sql.js';
import type { Db } from '../database/db.js';

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

  /**
   * Held photos shown in these organisations that need a person: WeChat said `review`, or gave no
   * verdict within `reviewAfterSeconds` (or was never reached). Oldest first.
   */
  async findHeldInOrgs(db: Db, orgIds: string[], reviewAfterSeconds: number, limit: number): Promise<UploadRow[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM upload
        WHERE org_id = ANY($1::uuid[]) AND check_state = 'pending'
          AND (checked_at IS NOT NULL OR COALESCE(check_requested_at, created_at) < now() - make_interval(secs => $2))
        ORDER BY created_at, id LIMIT $3`,
      [orgIds, reviewAfterSeconds, limit],
    );
  }
}
