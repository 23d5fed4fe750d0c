import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = new URL('../../', import.meta.url).pathname;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * A copy of the built product (hard links: a few seconds) in a folder only root may enter, like a
 * clone in /root: the root package, node_modules (with the embedded PostgreSQL binaries), the built
 * server and shared packages. What `npm start` runs after its install and build steps.
 */
async function privateClone(): Promise<{ outer: string; clone: string }> {
  const outer = await mkdtemp(join(tmpdir(), 'xianfeng-root-home-')); // mode 700
  const clone = join(outer, 'xianfeng');
  await mkdir(join(clone, 'server'), { recursive: true });
  const link = (from: string, to: string) => {
    try {
      execFileSync('cp', ['-al', from, to]);
    } catch {
      execFileSync('cp', ['-a', from, to]); // another file system: a real copy
    }
  };
  link(join(REPO, 'node_modules'), join(clone, 'node_modules'));
  link(join(REPO, 'server', 'node_modules'), join(clone, 'server', 'node_modules'));
  link(join(REPO, 'shared'), join(clone, 'shared'));
  await cp(join(REPO, 'server', 'dist'), join(clone, 'server', 'dist'), { recursive: true });
  await cp(join(REPO, 'server', 'package.json'), join(clone, 'server', 'package.json'));
  await cp(join(REPO, 'package.json'), join(clone, 'package.json'));
  return { outer, clone };
}

async function startAndReachHealth(clone: string, env: Record<string, string>): Promise<{ body: unknown; logs: string }> {
  const port = await freePort();
  const logs: string[] = [];
  const proc = spawn(process.execPath, [join(clone, 'server', 'dist', 'main.js')], {
    cwd: join(clone, 'server'),
    env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'development', PORT: String(port), JOBS_ENABLED: 'false', SEED_DEMO: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout.on('data', (c: Buffer) => logs.push(c.toString()));
  proc.stderr.on('data', (c: Buffer) => logs.push(c.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`server exited early:\n${logs.join('')}`);
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => null);
      if (res?.ok) return { body: await res.json(), logs: logs.join('') };
      if (Date.now() > deadline) throw new Error(`no /health within 60 s:\n${logs.join('')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    proc.kill('SIGTERM');
    await exited;
  }
}

const asRoot = process.getuid?.() === 0;

/**
 * Root runs the embedded PostgreSQL as the `postgres` user: a clone in a mode-700 home folder and a
 * DATA_DIR made by `mktemp -d` must still start. (Only meaningful as root: skipped otherwise.)
 */
(asRoot ? describe : describe.skip)('first start as root from private folders', () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
  });

  it('reaches /health from a clone in a mode-700 folder, and with a DATA_DIR from mktemp -d', async () => {
    const { outer, clone } = await privateClone();
    const pgHome = await mkdtemp(join(tmpdir(), 'xianfeng-pg-home-'));
    const dataDir = await mkdtemp(join(tmpdir(), 'xianfeng-data-')); // mode 700, like mktemp -d
    cleanup.push(outer, pgHome, dataDir);
    expect(statSync(outer).mode & 0o777).toBe(0o700);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);

    const first = await startAndReachHealth(clone, { XIANFENG_PG_HOME: pgHome });
    expect(first.body).toMatchObject({ status: 'ok', database: 'up' });
    // The binaries were out of the postgres user's reach: they run from a copy it can reach.
    expect(first.logs).toContain('copying PostgreSQL binaries');
    expect(existsSync(join(clone, '.data', 'pg.location'))).toBe(true);

    const second = await startAndReachHealth(clone, { XIANFENG_PG_HOME: pgHome, DATA_DIR: dataDir });
    expect(second.body).toMatchObject({ status: 'ok', database: 'up' });
    expect(existsSync(join(dataDir, 'pg.location'))).toBe(true);
  }, 180_000);
});
