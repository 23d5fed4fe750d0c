import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { RATE_LIMIT_STORE_TIMEOUT_MS, rateLimitPool, sharedLimiter } from '../src/common/throttle.js';
import { bearer, createTestApp } from './support/app.js';
import { createTestDatabase } from './support/db.js';
import { expectErrorShape, uniqueOpenid } from './support/fixtures.js';

/** Two instances on one database: the limits are counted in PostgreSQL, so they hold for the pair. */
describe('rate limits shared by every instance', () => {
  it('allows L requests per minute per user in total, however the balancer spreads them', async () => {
    const a = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '6' } });
    const b = await createTestApp({ databaseUrl: a.databaseUrl, env: { RATE_LIMIT_PER_MINUTE: '6' } });
    try {
      const { token } = await a.login(uniqueOpenid('rl-user'));
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 10; i++) {
        last = await (i % 2 ? b : a).http.get('/api/v1/me').set('Authorization', bearer(token));
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
      expectErrorShape(last!.body, 429, 'RATE_LIMITED');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      // Another user's counter is their own.
      const other = await b.login(uniqueOpenid('rl-other'));
      expect((await a.http.get('/api/v1/me').set('Authorization', bearer(other.token))).status).toBe(200);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('counts logins per IP across instances, also when they arrive at once', async () => {
    const env = { LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '8' };
    const a = await createTestApp({ env });
    const b = await createTestApp({ databaseUrl: a.databaseUrl, env });
    try {
      const res = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).http.post('/api/v1/auth/wechat-login').send({ code: `dev:${uniqueOpenid('rl-ip')}` })),
      );
      // Past the limiter: 8 in all (a login may still fail after it, e.g. WeChat slow on a busy machine).
      const statuses = res.map((r) => r.status);
      expect(statuses.filter((s) => s !== 429)).toHaveLength(8);
      expect(statuses.filter((s) => s === 429)).toHaveLength(12);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('counts through a pool of RATE_LIMIT_POOL_SIZE connections, however many requests arrive at once', async () => {
    // Forty addresses, so forty counters (one address's requests would be counted together, on one connection).
    const t = await createTestApp({ env: { RATE_LIMIT_POOL_SIZE: '2', TRUST_PROXY: 'loopback' } });
    try {
      const res = await Promise.all(Array.from({ length: 40 }, (_, i) => t.http.get('/api/v1/orgs').set('X-Forwarded-For', `203.0.113.${i + 1}`)));
      expect(res.every((r) => r.status === 200)).toBe(true);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'xianfeng-rate-limit' AND datname = current_database()`,
      );
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(2);
    } finally {
      await t.close();
    }
  });

  it("counts one key's requests that arrive at once together, on two instances, passing exactly the limit", async () => {
    const url = await createTestDatabase();
    const pools = [rateLimitPool(url), rateLimitPool(url)];
    let roundTrips = 0;
    for (const pool of pools) pool.on('acquire', () => roundTrips++);
    try {
      const limiters = pools.map((pool) => sharedLimiter(pool, { keyPrefix: 'together', points: 150, durationSeconds: 60 }));
      // 400 requests of one address (a carrier NAT), half on each instance, all at once.
      const outcomes = await Promise.all(
        Array.from({ length: 400 }, (_, i) =>
          limiters[i % 2]!.consume('ip:198.51.100.7').then(
            () => 'ok',
            (e: unknown) => (e instanceof RateLimiterRes ? 'limited' : 'error'),
          ),
        ),
      );
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(150);
      expect(outcomes.filter((o) => o === 'limited')).toHaveLength(250);
      // One round trip per batch, not one per request: on each instance the first requests alone, as
      // many as its pool has connections, then the rest together.
      const size = pools[0]!.options.max;
      expect(size).toBeLessThan(10);
      expect(roundTrips).toBeLessThanOrEqual(2 * (size + 3));
      // And later requests are still counted against the same window.
      expect(await limiters[0]!.consume('ip:198.51.100.7').then(() => 'ok', () => 'limited')).toBe('limited');
      expect(await limiters[1]!.consume('ip:198.51.100.8').then(() => 'ok', () => 'limited')).toBe('ok');
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('falls back to counting in memory when the counters cannot be reached, instead of failing requests', async () => {
    const url = await createTestDatabase();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const pool = rateLimitPool(url);
    try {
      await admin.query('BEGIN');
      await admin.query(`LOCK TABLE rate_limit IN ACCESS EXCLUSIVE MODE`); // every upsert now waits
      const limiter = sharedLimiter(pool, { keyPrefix: 'fallback', points: 2, durationSeconds: 60 });
      const t0 = Date.now();
      const outcomes = [];
      for (let i = 0; i < 3; i++) outcomes.push(await limiter.consume('k').then(() => 'ok', () => 'limited'));
      expect(outcomes).toEqual(['ok', 'ok', 'limited']);
      expect(Date.now() - t0).toBeLessThan(3 * RATE_LIMIT_STORE_TIMEOUT_MS + 2000); // each waits at most the store's timeout
      await admin.query('ROLLBACK');
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
