import pg from 'pg';
import { randomBytes } from 'node:crypto';

/**
 * The JWT secret of an instance started without JWT_SECRET (outside production): generated at random
 * on the first start and kept in `app_setting`, so every instance on the same database signs and
 * accepts the same tokens, and restarts do not log everyone out. Concurrent first starts agree:
 * `ON CONFLICT DO NOTHING` keeps whichever secret was inserted first, and all read that one.
 */
export async function loadOrCreateJwtSecret(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'xianfeng-secret' });
  await client.connect();
  try {
    await client.query(`INSERT INTO app_setting (key, value) VALUES ('jwt_secret', $1) ON CONFLICT (key) DO NOTHING`, [
      randomBytes(48).toString('base64url'),
    ]);
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM app_setting WHERE key = 'jwt_secret'`);
    return rows[0].value;
  } finally {
    await client.end();
  }
}
