import { describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('embedded PostgreSQL', () => {
  // Two servers (or test files) starting at the same moment both find the preferred port free;
  // only one postmaster can bind it. The other must come up elsewhere, not fail to start.
  it('starts two clusters at the same moment on one preferred port, each on a port of its own', async () => {
    const port = await freePort();
    const dirs = await Promise.all([1, 2].map(() => mkdtemp(join(tmpdir(), 'xianfeng-race-'))));
    for (const d of dirs) await chmod(d, 0o755); // the postgres user (when run as root) must be able to enter it
    const started: EmbeddedDatabase[] = [];
    try {
      const results = await Promise.allSettled(dirs.map((dataDir) => startEmbeddedPostgres({ dataDir, port, ephemeral: true })));
      for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(new Set(started.map((d) => d.port)).size).toBe(2);
      for (const d of started) {
        const client = new pg.Client({ connectionString: d.url });
        await client.connect();
        expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
        await client.end();
      }
    } finally {
      await Promise.all(started.map((d) => d.stop()));
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    }
  }, 120_000);
});
