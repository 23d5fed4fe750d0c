/**
 * 擂台比武 on the big screen, over real HTTP on loopback: a contest with 30 judges and 200 screens.
 *  1. Tap to screen: 200 server-sent-event clients watch the contest; judges score one at a time
 *     (5 rounds × 30 judges = 150 taps). For each tap, the time from sending the judge's PUT to the
 *     moment the last of the 200 screens holds the new view (p50 / p99 / max over the taps).
 *  2. Idle: the 200 screens stay connected for IDLE_SECONDS with nothing happening; the server
 *     process's CPU (process.cpuUsage, user + system) over that time.
 *  3. Polling instead: the 200 screens poll GET /contests/:id/live once a second for IDLE_SECONDS;
 *     the server's CPU and the poll latency.
 * The server runs in a child process so the screens do not share its event loop or its CPU figure.
 *   pnpm --filter ./server bench contest        (SCREENS=… JUDGES=… IDLE_SECONDS=… to change the scale)
 */
import { fork, type ChildProcess } from 'node:child_process';
import http, { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { ContestLive } from '@xianfeng/shared';
import { TokenService } from '../src/common/auth/token.service.js';
import type { AppConfig } from '../src/config/config.js';
import { openSse, type SseClient } from '../test/support/sse.js';
import { benchApp, benchDatabase, ms, now, percentile } from './harness.js';

const SCREENS = Number(process.env.SCREENS ?? 200);
const JUDGES = Number(process.env.JUDGES ?? 30);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 30);
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret';
const STREET = '00000000-0000-4000-8000-000000000000';
const branch = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;

// ---- child: the server ------------------------------------------------------------------------

async function serve() {
  const { url, close } = await benchApp(process.env.BENCH_DATABASE_URL!, { LOG_LEVEL: 'error' });
  process.send!({ url });
  process.on('message', async (m) => {
    if (m === 'cpu') process.send!({ cpu: process.cpuUsage() });
    if (m === 'stop') {
      await close();
      process.exit(0);
    }
  });
}

async function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess; cpu(): Promise<NodeJS.CpuUsage> }> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { env: { ...process.env, BENCH_DATABASE_URL: databaseUrl }, execArgv: ['--enable-source-maps'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const cpu = () =>
    new Promise<NodeJS.CpuUsage>((resolve) => {
      const on = (m: { cpu?: NodeJS.CpuUsage }) => {
        if (!m.cpu) return;
        child.off('message', on);
        resolve(m.cpu);
      };
      child.on('message', on);
      child.send('cpu');
    });
  return { url, child, cpu };
}

// ---- clients ----------------------------------------------------------------------------------

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function call(base: string, method: string, path: string, token?: string, body?: object): Promise<{ status: number; body: string; ms: number }> {
  const t0 = now();
  const payload = body ? JSON.stringify(body) : '';
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, agent, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: ms(t0) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function ok(base: string, method: string, path: string, token?: string, body?: object): Promise<any> {
  const r = await call(base, method, path, token, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.body}`);
  return JSON.parse(r.body);
}

const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + (b.system - a.system)) / 1000;
const fmt = (n: number) => n.toFixed(1);

// ---- parent: data, load, report ---------------------------------------------------------------

async function main() {
  const { db, client, close } = await benchDatabase();
  console.log(`contest benchmark: ${JUDGES} judges, ${SCREENS} screens, ${ROUNDS} rounds`);
  await client.query(`INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ($1::uuid, '基准街道党工委', 'committee', NULL, '/' || $1::text || '/', 0)`, [STREET]);
  for (let i = 1; i <= ROUNDS; i++) {
    await client.query(`INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ($1::uuid, $2, 'branch', $3::uuid, '/' || $3::text || '/' || $1::text || '/', 1)`, [branch(i), `第${i}党支部`, STREET]);
  }
  const { rows: users } = await client.query(`INSERT INTO app_user (openid, is_admin) SELECT 'bench-user-' || i, i = 0 FROM generate_series(0, $1::int) i RETURNING id, is_admin`, [JUDGES]);
  const tokens = new TokenService({ jwtSecret: JWT_SECRET, jwtTtlSeconds: 3600 } as AppConfig);
  const host = tokens.issue(users.find((u) => u.is_admin).id).token;
  const judges = users.filter((u) => !u.is_admin).map((u) => tokens.issue(u.id).token);

  const server = await startServer(db.url);
  const base = server.url;
  try {
    const contest = await ok(base, 'POST', `/api/v1/orgs/${STREET}/contests`, host, { title: '基准擂台比武', presenterOrgIds: Array.from({ length: ROUNDS }, (_, i) => branch(i + 1)) });
    await Promise.all(judges.map((j) => ok(base, 'POST', '/api/v1/contest-judges', j, { judgeCode: contest.judgeCode })));

    const screens: Array<SseClient<ContestLive>> = Array.from({ length: SCREENS }, () => openSse<ContestLive>(`${base}/api/v1/contests/${contest.id}/live/stream`));
    /** Resolves when every screen has received a view that satisfies `check`. */
    const allShow = (check: (l: ContestLive) => boolean) => Promise.all(screens.map((s) => s.next(check, 60_000)));
    await allShow((l) => l.judges === JUDGES);
    console.log(`  ${SCREENS} screens connected`);

    // 1. Tap to screen.
    const latencies: number[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const orgId = branch(r);
      await ok(base, 'POST', `/api/v1/contests/${contest.id}/rounds/${orgId}/open`, host);
      await allShow((l) => l.current === orgId);
      for (let j = 0; j < JUDGES; j++) {
        const t0 = now();
        await ok(base, 'PUT', `/api/v1/contests/${contest.id}/rounds/${orgId}/score`, judges[j], { score: 60 + ((j * 7 + r * 3) % 40) });
        await allShow((l) => l.current === orgId && l.scored === j + 1);
        latencies.push(ms(t0));
      }
      await ok(base, 'POST', `/api/v1/contests/${contest.id}/rounds/${orgId}/close`, host);
      await allShow((l) => l.current === null && l.ranking.length === r);
    }
    latencies.sort((a, b) => a - b);
    console.log(`  tap → all ${SCREENS} screens show it (${latencies.length} taps): p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms, max ${fmt(latencies.at(-1)!)} ms`);

    // 2. Idle screens.
    await new Promise((r) => setTimeout(r, 1000));
    const idle0 = await server.cpu();
    const t0 = now();
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const idle1 = await server.cpu();
    const idleMs = cpuMs(idle0, idle1);
    console.log(`  ${SCREENS} idle SSE screens for ${IDLE_SECONDS} s: server CPU ${fmt(idleMs)} ms (${((idleMs / ms(t0)) * 100).toFixed(2)} % of one core)`);
    screens.forEach((s) => s.close());

    // 3. Polling once a second instead.
    const polls: number[] = [];
    let errors = 0;
    const p0 = await server.cpu();
    const pt0 = now();
    const deadline = Date.now() + IDLE_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: SCREENS }, async (_, i) => {
        await new Promise((r) => setTimeout(r, (i * 1000) / SCREENS)); // spread over the second, as real screens are
        while (Date.now() < deadline) {
          const started = Date.now();
          const res = await call(base, 'GET', `/api/v1/contests/${contest.id}/live`);
          if (res.status !== 200) errors++;
          polls.push(res.ms);
          await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
        }
      }),
    );
    const p1 = await server.cpu();
    const pollMs = cpuMs(p0, p1);
    polls.sort((a, b) => a - b);
    console.log(`  ${SCREENS} screens polling /live once a second for ${IDLE_SECONDS} s: ${polls.length} polls, ${errors} errors, p50 ${fmt(percentile(polls, 50))} ms, p99 ${fmt(percentile(polls, 99))} ms; server CPU ${fmt(pollMs)} ms (${((pollMs / ms(pt0)) * 100).toFixed(1)} % of one core)`);
  } finally {
    server.child.send('stop');
    await new Promise((r) => server.child.once('exit', r));
    await close();
  }
}

if (process.argv[2] === 'serve') void serve();
else
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
