import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters shared by every instance (common/throttle.ts; rate-limiter-flexible's Postgres
 * store, told `tableCreated: true`). The columns are the ones that library reads and writes.
 *
 * UNLOGGED: a counter lives one minute, so it need not survive a crash or reach a replica; skipping
 * the WAL makes each request's upsert cheaper. After a crash PostgreSQL empties the table, which
 * only forgives the current minute.
 */
export class RateLimits1733500000000 implements MigrationInterface {
  name = 'RateLimits1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      ) WITH (fillfactor = 70)`);
    await q.query(`CREATE INDEX rate_limit_expire_idx ON rate_limit (expire)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit`);
  }
}
