import { Injectable } from '@nestjs/common';
import type { Db } from '../../database/db.js';

/** Message pushes already handled (`wechat_push_event`): WeChat retries each push up to three times. */
@Injectable()
export class WechatPushRepository {
  /** True the first time a key is seen; false for a repeat (the row is kept by the first). */
  async recordOnce(db: Db, key: string, event: string): Promise<boolean> {
    const rows: unknown[] = await db.query(`INSERT INTO wechat_push_event (key, event) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`, [key, event]);
    return rows.length === 1;
  }
}
