import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Signed, expiring URLs of held photos: how WeChat's image check (and staff reviewing a held photo)
 * fetch a photo whose public URL answers 404. The HMAC key is generated on first use and kept in
 * `app_setting`, so every instance on the database signs and accepts the same URLs.
 */
@Injectable()
export class MediaUrlSigner {
  private secret: Promise<Buffer> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** `exp` (unix seconds) and `sig` query parameters for `key`, valid for `ttlSeconds`. */
  async sign(key: string, ttlSeconds: number): Promise<{ exp: string; sig: string }> {
    const exp = String(Math.floor(Date.now() / 1000) + ttlSeconds);
    return { exp, sig: this.mac(await this.key(), key, exp) };
  }

  async verify(key: string, exp: unknown, sig: unknown): Promise<boolean> {
    if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || typeof sig !== 'string') return false;
    if (Number(exp) < Date.now() / 1000) return false;
    const expected = Buffer.from(this.mac(await this.key(), key, exp));
    const got = Buffer.from(sig);
    return got.length === expected.length && timingSafeEqual(got, expected);
  }

  private mac(secret: Buffer, key: string, exp: string): string {
    return createHmac('sha256', secret).update(`${key}\n${exp}`).digest('base64url');
  }

  private key(): Promise<Buffer> {
    this.secret ??= this.loadOrCreate().catch((err: unknown) => {
      this.secret = null; // a database hiccup must not poison every later call
      throw err;
    });
    return this.secret;
  }

  private async loadOrCreate(): Promise<Buffer> {
    // Concurrent first uses (several instances) agree: the first insert wins and everyone reads it.
    await this.dataSource.query(`INSERT INTO app_setting (key, value) VALUES ('media_url_secret', $1) ON CONFLICT (key) DO NOTHING`, [
      randomBytes(32).toString('base64url'),
    ]);
    const rows: Array<{ value: string }> = await this.dataSource.query(`SELECT value FROM app_setting WHERE key = 'media_url_secret'`);
    return Buffer.from(rows[0].value, 'base64url');
  }
}
