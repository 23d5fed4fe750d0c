import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toErrorBody } from '../src/common/error.filter.js';
import { runMigrations } from '../src/database/data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js';
import { ADMIN_OPENID, bearer, createTestApp, type TestApp } from './support/app.js';
import { expectErrorShape } from './support/fixtures.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** The postmaster and every backend it forked: freezing only the postmaster leaves open connections answering. */
function clusterPids(postmaster: number): number[] {
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
  return [postmaster, ...children];
}

const QUERY_TIMEOUT_MS = 1500;
const CONNECT_TIMEOUT_MS = 1000;

/**
 * A PostgreSQL of this file's own (freezing jest's shared one would stall the other test files),
 * frozen with SIGSTOP: requests answer 503 within the client-side timeouts instead of hanging, and
 * the API recovers on SIGCONT.
 */
describe('a frozen database', () => {
  let pg: EmbeddedDatabase;
  let dataDir: string;
  let t: TestApp;
  let postmaster: number;
  let token: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'xianfeng-freeze-'));
    await chmod(dataDir, 0o755); // the postgres user (when run as root) must be able to enter it
    // As the product starts it (as root: as the postgres user, from binaries that user can reach).
    pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true });
    postmaster = pg.pid!;
    const url = pg.url;
    await runMigrations(url);
    t = await createTestApp({
      databaseUrl: url,
      env: { DB_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS), DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS), DB_STATEMENT_TIMEOUT_MS: '1000' },
    });
    token = (await t.login(ADMIN_OPENID)).token;
  }, 60_000);

  afterAll(async () => {
    for (const pid of clusterPids(postmaster)) process.kill(pid, 'SIGCONT');
    await t?.close();
    await pg?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('cancels a statement that runs past statement_timeout, answered as 503', async () => {
    const err = await t.dataSource.query('SELECT pg_sleep(3)').catch((e: { driverError?: { code?: string } }) => e);
    expect((err as { driverError?: { code?: string } }).driverError?.code).toBe('57014');
    expect(toErrorBody(err).body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
  });

  it('answers 503 DATABASE_UNAVAILABLE within the timeout while PostgreSQL is stopped, and recovers on SIGCONT', async () => {
    expect((await t.http.get('/api/v1/me').set('Authorization', bearer(token))).status).toBe(200);
    const frozen = clusterPids(postmaster);
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    try {
      const budget = QUERY_TIMEOUT_MS + CONNECT_TIMEOUT_MS + 1500;
      const calls = await Promise.all(
        [
          () => t.http.get('/api/v1/me').set('Authorization', bearer(token)),
          () => t.http.get('/api/v1/orgs').set('Authorization', bearer(token)),
          () => t.http.get('/api/v1/wishes'),
        ].map(async (call) => {
          const t0 = Date.now();
          const res = await call();
          return { res, ms: Date.now() - t0 };
        }),
      );
      for (const { res, ms } of calls) {
        expectErrorShape(res.body, 503, 'DATABASE_UNAVAILABLE');
        expect(ms).toBeLessThan(budget);
      }
      const health = await t.http.get('/api/v1/health');
      expect(health.status).toBe(503);
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
    }
    // Back: the pool's stuck connections finish or are replaced, and requests succeed again.
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await t.http.get('/api/v1/me').set('Authorization', bearer(token))).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect((await t.http.get('/api/v1/health')).status).toBe(200);
  }, 60_000);
});
