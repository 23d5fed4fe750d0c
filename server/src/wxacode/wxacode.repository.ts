import { Injectable } from '@nestjs/common';
import type { Db } from '../database/db.js';

export interface CachedCode {
  content_type: 'image/png' | 'image/jpeg';
  image: Buffer;
}

/** Mini-program codes generated so far (`wxacode`), one per scene, page and version. */
@Injectable()
export class WxacodeRepository {
  async find(db: Db, k: { scene: string; page: string; envVersion: string }): Promise<CachedCode | null> {
    const rows: CachedCode[] = await db.query(`SELECT content_type, image FROM wxacode WHERE scene = $1 AND page = $2 AND env_version = $3`, [k.scene, k.page, k.envVersion]);
    return rows[0] ?? null;
  }

  /** Keeps the first image stored for the key (two instances generating at once store one). */
  async storeFirst(db: Db, k: { scene: string; page: string; envVersion: string }, code: CachedCode): Promise<void> {
    await db.query(
      `INSERT INTO wxacode (scene, page, env_version, content_type, image) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [k.scene, k.page, k.envVersion, code.content_type, code.image],
    );
  }
}
