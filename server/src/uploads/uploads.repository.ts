import { Injectable } from '@nestjs/common';
import type { Db } from '../database/db.js';

/** The record of each stored file (`upload`): who uploaded it, so photos can be checked as the caller's own. */
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
}
