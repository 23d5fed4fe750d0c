/**
 * The public reads against a bare floor, side by side in one run.
 *
 * Data (in SQL): 10,000 organisations, MEMBERS members (default 1,000,000; every tenth on a post),
 * WISHES wishes (1,000,000) and COMMITMENTS commitments (500,000) with their steps, vacuumed and
 * analysed as autovacuum leaves a deployed database. Then:
 *   1. the product runs in this process once per route, and the SQL it sends for that request is
 *      captured (text and parameters): that is the floor's work for the route;
 *   2. the product (the built server, NODE_ENV=production, request logging and rate limiter on, as
 *      deployed) and the floor (bench/floor-server.ts: node:http + pg, same pool size, replaying the
 *      captured statements) each run in their own process on the same database;
 *   3. after a warm-up pass over every route, autocannon loads each route with CONNECTIONS (100)
 *      connections for DURATION seconds, product and floor alternately, ROUNDS (3) times; the best
 *      round of each is printed with its p50/p99, the server's CPU time per request and the
 *      database's (all its processes: the same statements should cost it the same for both).
 *
 *   pnpm bench floor            (MEMBERS=100000 WISHES=100000 COMMITMENTS=50000 DURATION=5 for a quick run;
 *                                ROUTES=detail,card for only the routes whose label has one of those)
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEV_WECHAT_PUSH_AES_KEY, DEV_WECHAT_PUSH_TOKEN } from '../src/config/config.js';
import { benchApp, benchDatabase, benchOrgId, generateCity, generateOrgTree, mb } from './harness.js';

const MEMBERS = Number(process.env.MEMBERS ?? 1_000_000);
const WISHES = Number(process.env.WISHES ?? 1_000_000);
const COMMITMENTS = Number(process.env.COMMITMENTS ?? 500_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 100);
const DURATION = Number(process.env.DURATION ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** Only the routes whose label contains one of these (comma-separated), e.g. ROUTES=detail; all by default. */
const ONLY = (process.env.ROUTES ?? '').split(',').filter(Boolean);
/** Node flags for the product's process only (e.g. PRODUCT_NODE_ARGS=--max-semi-space-size=32). */
const PRODUCT_NODE_ARGS = (process.env.PRODUCT_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const POOL_SIZE = 20; // the product's pool (dataSourceOptions)

const distBench = fileURLToPath(new URL('..', import.meta.url)); // dist-bench/

interface Statement {
  /** The prepared statement's name when the product named it (database/prepared-statements.ts): the floor prepares it too. */
  name?: string;
  text: string;
  values: unknown[];
}

/** Records every statement node-postgres sends while `fn` runs (the product in this process). */
async function capture(fn: () => Promise<void>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    const text = typeof first === 'string' ? first : (first as { text?: string })?.text;
    const values = (Array.isArray(second) ? second : (first as { values?: unknown[] })?.values) ?? [];
    const name = typeof first === 'object' ? (first as { name?: string })?.name : undefined;
    if (text) seen.push({ name, text, values });
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  // Only the request's own work: not the outbox's polling, nor transaction bookkeeping.
  return seen.filter((s) => !/\bnotification\b|pgboss|^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION)/i.test(s.text));
}

function start(label: string, script: string, env: Record<string, string>, ready: (line: string) => boolean, nodeArgs: string[] = []): Promise<ChildProcess> {
  // The child's output goes straight to its log file, as a deployed server's goes to its log: piped
  // through this process it would cost the load generator CPU (a line per request) on the product's
  // runs only.
  const logPath = join(process.env.TMPDIR ?? '/tmp', `xianfeng-bench-${label}.log`);
  const fd = openSync(logPath, 'w');
  const child = spawn(process.execPath, [...nodeArgs, script], { env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (ready(readFileSync(logPath, 'utf8'))) {
        clearInterval(poll);
        resolve(child);
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`${label} exited with ${code}; see ${logPath}`));
    });
  });
}

function peakRss(child: ChildProcess): string {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return mb(kb * 1024);
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  /** The server process's CPU time per request, ms (user + system, from /proc). */
  cpu: number;
  /** The database's CPU time per request, ms (all its processes). */
  dbCpu: number;
}

/** CPU time a process has used so far, in ms (user + system, clock ticks of 10 ms), with its parent's pid; null once it has exited. */
function processCpu(pid: number): { ms: number; parent: number } | null {
  let fields: string[];
  try {
    fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return null;
  }
  return { ms: (Number(fields[11]) + Number(fields[12])) * 10, parent: Number(fields[1]) };
}

const cpuMs = (child: ChildProcess): number => processCpu(child.pid!)?.ms ?? 0;

/** CPU time each of the database's processes (the postmaster and every backend it started) has used so far, in ms. */
function databaseCpuMs(postmaster: number): Map<number, number> {
  const ms = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const p = processCpu(Number(entry));
    if (p && (Number(entry) === postmaster || p.parent === postmaster)) ms.set(Number(entry), p.ms);
  }
  return ms;
}

/** What the database's processes used between two readings (a backend that closed meanwhile is left out: idle ones close). */
function databaseCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
}

async function load(url: string, server: ChildProcess, postmaster: number): Promise<Run> {
  const before = cpuMs(server);
  const dbBefore = databaseCpuMs(postmaster);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  const n = Math.max(1, r.requests.total);
  const cpu = (cpuMs(server) - before) / n;
  const dbCpu = databaseCpuSince(dbBefore, databaseCpuMs(postmaster)) / n;
  return { rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts, cpu, dbCpu };
}

async function main() {
  const { db, client, close } = await benchDatabase();
  await generateOrgTree(client);
  await client.query(`INSERT INTO app_user (openid) VALUES ('bench-resident')`);
  const [{ id: resident }] = (await client.query(`SELECT id FROM app_user WHERE openid = 'bench-resident'`)).rows;
  const t0 = performance.now();
  await generateCity(client, { members: MEMBERS, wishes: WISHES, commitments: COMMITMENTS, userId: resident, start: '2025-01-01', days: 730 });
  await client.query(
    `UPDATE member SET post_kind = (ARRAY['demonstration','vanguard','responsibility_zone'])[1 + hashtext(id::text) & 1],
                       post_title = '服务岗', duties = '联系群众，办好实事'
      WHERE hashtext(id::text) % 10 = 0`,
  );
  // As autovacuum leaves a deployed database: statistics, and the visibility map that lets an index answer alone.
  await client.query('VACUUM ANALYZE');
  // The postmaster: this connection's backend's parent.
  const [{ pid: backend }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows;
  const postmaster = processCpu(backend)!.parent;
  console.log(`generated ${MEMBERS.toLocaleString()} members, ${WISHES.toLocaleString()} wishes, ${COMMITMENTS.toLocaleString()} commitments in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  const root = benchOrgId('8000', 0);
  const street = benchOrgId('8200', 42);
  const branch = benchOrgId('8300', 4242);
  const one = async (sql: string) => (await client.query(sql)).rows[0].id as string;
  const member = await one(`SELECT id FROM member WHERE post_kind IS NOT NULL LIMIT 1`);
  const wish = await one(`SELECT w.id FROM wish w WHERE w.status = 'open' AND EXISTS (SELECT 1 FROM wish_event e WHERE e.wish_id = w.id AND e.action = 'approve') LIMIT 1`);
  const commitment = await one(`SELECT id FROM commitment WHERE status = 'published' LIMIT 1`);
  const routes = ([
    ['wall, root, first page', `/api/v1/wishes?orgId=${root}`],
    ['wish detail', `/api/v1/wishes/${wish}`],
    ['board (亮岗), root', `/api/v1/orgs/${root}/board`],
    ['board (亮岗), branch', `/api/v1/orgs/${branch}/board`],
    ['member card', `/api/v1/members/${member}/card`],
    ['commitments, root', `/api/v1/commitments?orgId=${root}`],
    ['commitment detail', `/api/v1/commitments/${commitment}`],
    ['org detail and counts, street', `/api/v1/orgs/${street}`],
  ] as Array<[string, string]>).filter(([label]) => ONLY.length === 0 || ONLY.some((o) => label.includes(o)));

  // 1. What SQL the product sends for each route (after one warm-up request).
  const plan: Record<string, Statement[]> = {};
  const inProcess = await benchApp(db.url);
  for (const [label, path] of routes) {
    const warm = await fetch(inProcess.url + path);
    if (!warm.ok) throw new Error(`${label}: HTTP ${warm.status} ${await warm.text()}`);
    plan[path] = await capture(async () => {
      await (await fetch(inProcess.url + path)).arrayBuffer();
    });
  }
  const standin = inProcess.standin;
  await inProcess.app.close();
  console.log('\nstatements per request (the floor replays these):');
  for (const [label, path] of routes) console.log(`  ${label.padEnd(32)} ${plan[path].length}`);
  const planFile = join(process.env.TMPDIR ?? '/tmp', `xianfeng-floor-plan-${process.pid}.json`);
  writeFileSync(planFile, JSON.stringify(plan));

  // 2. Product and floor, each in its own process.
  const product = await start('product', join(distBench, 'src/main.js'), {
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: 'bench-floor-secret-bench-floor-secret-0123',
    WECHAT_API_BASE: standin.url,
    WECHAT_APPID: 'wx-bench',
    WECHAT_SECRET: 'bench',
    WECHAT_PUSH_TOKEN: DEV_WECHAT_PUSH_TOKEN,
    WECHAT_PUSH_AES_KEY: DEV_WECHAT_PUSH_AES_KEY,
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    H5_DIR: '/nonexistent',
  }, (out) => /Xianfeng is up/.test(out), PRODUCT_NODE_ARGS);
  const productPort = await listeningPort(product);
  const floor = await start('floor', join(distBench, 'bench/floor-server.js'), { FLOOR_PLAN: planFile, DATABASE_URL: db.url, PORT: '0', POOL_SIZE: String(POOL_SIZE) }, (out) => /floor listening \d+/.test(out));
  const floorPort = await listeningPort(floor);

  // 3. Warm both up (JIT, pools, plan caches) on every route, off the record, as a deployed server is.
  for (const [, path] of routes) {
    for (const port of [productPort, floorPort]) await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, duration: Math.max(2, DURATION / 2) });
  }
  // The size of each answer (the floor answers every row it read).
  const bytes: Record<string, string> = {};
  for (const [, path] of routes) {
    const size = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer()).byteLength;
    bytes[path] = `${await size(productPort)} / ${await size(floorPort)}`;
  }
  // 4. Alternate, best of ROUNDS.
  const best: Record<string, { product?: Run; floor?: Run }> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [, path] of routes) {
      const order = round % 2 === 0 ? (['product', 'floor'] as const) : (['floor', 'product'] as const);
      for (const who of order) {
        const run = await load(`http://127.0.0.1:${who === 'product' ? productPort : floorPort}${path}`, who === 'product' ? product : floor, postmaster);
        const slot = (best[path] ??= {});
        if (!slot[who] || run.rps > slot[who]!.rps) slot[who] = run;
      }
    }
    process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
  }

  console.log(`\n${CONNECTIONS} connections, ${DURATION} s per run, best of ${ROUNDS}, product and floor alternated\n`);
  console.log('| route | product req/s | floor req/s | ratio | product p50 / p99 | floor p50 / p99 | p99 ratio | CPU/request product / floor | database CPU/request product / floor | bytes product / floor | non-2xx |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [label, path] of routes) {
    const { product: p, floor: f } = best[path];
    console.log(
      `| ${label} | ${p!.rps.toFixed(0)} | ${f!.rps.toFixed(0)} | ${(p!.rps / f!.rps).toFixed(2)}× | ${p!.p50} / ${p!.p99} ms | ${f!.p50} / ${f!.p99} ms | ${(p!.p99 / f!.p99).toFixed(2)}× | ${p!.cpu.toFixed(2)} / ${f!.cpu.toFixed(2)} ms | ${p!.dbCpu.toFixed(2)} / ${f!.dbCpu.toFixed(2)} ms | ${bytes[path]} | ${p!.bad + f!.bad} |`,
    );
  }
  console.log(`\npeak RSS under load: product ${peakRss(product)}, floor ${peakRss(floor)}`);

  product.kill('SIGTERM');
  floor.kill('SIGTERM');
  await Promise.all([product, floor].map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  await standin.close();
  await close();
}

/** The port a child reported (the product logs it in its start line; the floor prints it). */
async function listeningPort(child: ChildProcess): Promise<number> {
  const pid = child.pid!;
  // Both listen on 127.0.0.1 with PORT=0: read the socket from /proc rather than parse logs.
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const m = /socket:\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
    if (m) inodes.add(m[1]);
  }
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols[3] === '0A' && inodes.has(cols[9]) && cols[1].startsWith('0100007F:')) return parseInt(cols[1].split(':')[1], 16);
  }
  throw new Error(`no listening socket for pid ${pid}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
