/**
 * Many instances, one system: what a balancer and more instances buy on this machine, and what the
 * shared (PostgreSQL) rate limiter costs per request.
 *  1. The public wall (GET /wishes?orgId=<root>, 20,000 wishes) and claim bursts, through a Node
 *     balancer in front of 1, 2 and 3 instances of the built server (`pnpm cluster`'s launcher);
 *     and straight to one instance, to see the balancer's own cost.
 *  2. The limiter: consume() per call, the PostgreSQL store against memory, one at a time and
 *     100 at once.
 * The instances, PostgreSQL, the balancer and this load generator all share the machine's cores:
 * figures are for comparing with each other, not absolute capacity.
 *   pnpm --filter ./server run build && pnpm bench cluster     (SECONDS=… READERS=… WISHES=…)
 */
import { Agent, request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { startBalancer } from '../src/cluster/balancer.js';
import { startCluster } from '../src/cluster/cluster.js';
import { TokenService } from '../src/common/auth/token.service.js';
import { rateLimitPool, sharedLimiter } from '../src/common/throttle.js';
import type { AppConfig } from '../src/config/config.js';
import { ms, now, percentile } from './harness.js';

const SECONDS = Number(process.env.SECONDS ?? 8);
const READERS = Number(process.env.READERS ?? 64);
const WISHES = Number(process.env.WISHES ?? 20_000);
const CLAIMERS = Number(process.env.CLAIMERS ?? 600);
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret';
const ROOT = '00000000-0000-4000-8000-000000000000';
const BRANCH = '00000000-0000-4000-9000-000000000001';

const agent = new Agent({ keepAlive: true, maxSockets: 512 });

function call(base: string, method: string, path: string, token?: string): Promise<{ status: number; ms: number }> {
  const t0 = now();
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-length': 0 } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: ms(t0) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function closedLoop(base: string, path: string, readers: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const t0 = now();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: readers }, async () => {
      while (Date.now() < deadline) {
        const r = await call(base, 'GET', path);
        if (r.status !== 200) errors++;
        latencies.push(r.ms);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / (ms(t0) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

const fmt = (n: number) => n.toFixed(1);

async function limiterMicro(databaseUrl: string) {
  const pool = rateLimitPool(databaseUrl);
  const shared = sharedLimiter(pool, { keyPrefix: 'bench', points: 1e9, durationSeconds: 60 });
  const memory = new RateLimiterMemory({ keyPrefix: 'bench', points: 1e9, duration: 60 });
  const N = 3000;
  const run = async (label: string, consume: (k: string) => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await consume(`warm:${i % 50}`);
    let t0 = now();
    for (let i = 0; i < N; i++) await consume(`user:${i % 500}`);
    const serial = (ms(t0) * 1000) / N;
    t0 = now();
    const tasks = Array.from({ length: N }, (_, i) => i);
    let next = 0;
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        while (next < tasks.length) await consume(`user:${tasks[next++] % 500}`);
      }),
    );
    const perSecond = N / (ms(t0) / 1000);
    console.log(`  ${label.padEnd(34)} ${fmt(serial).padStart(8)} µs per call one at a time   ${perSecond.toFixed(0).padStart(7)} calls/s with 100 in flight`);
    return serial;
  };
  const mem = await run('memory (one instance only)', (k) => memory.consume(k));
  const pgc = await run('PostgreSQL (shared, this change)', (k) => shared.consume(k));
  console.log(`  → the shared limiter adds ≈ ${fmt((pgc - mem) / 1000)} ms per request (one upsert on its own pool of connections)`);
  await pool.end();
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'xianfeng-cluster-bench-'));
  console.log(`cluster benchmark on ${cpus().length} cores: ${WISHES.toLocaleString()} wishes, ${READERS} readers × ${SECONDS} s per run, ${CLAIMERS} claimers per burst`);
  const cluster = await startCluster({
    dir,
    balancer: 'node',
    seed: false,
    serverEntry: fileURLToPath(new URL('../src/main.js', import.meta.url)), // the server compiled beside this bench
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'error',
      JWT_SECRET,
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
    },
  });
  const client = new pg.Client({ connectionString: cluster.databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ($1::uuid, '基准街道党工委', 'committee', NULL, '/' || $1::text || '/', 0)`, [ROOT]);
    await client.query(`INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ($1::uuid, '支部', 'branch', $2::uuid, '/' || $2::text || '/' || $1::text || '/', 1)`, [BRANCH, ROOT]);
    const {
      rows: [{ id: residentId }],
    } = await client.query(`INSERT INTO app_user (openid) VALUES ('bench-resident') RETURNING id`);
    await client.query(
      `INSERT INTO wish (org_id, title, description, category, status, wisher_user_id, posted_by, wisher_name, created_at, updated_at)
       SELECT $1, '心愿' || i, '请帮忙：' || i, 'errand', 'open', $2, $2, '张三', now() - i * interval '1 minute', now() FROM generate_series(1, $3::int) i`,
      [BRANCH, residentId, WISHES],
    );
    const { rows: claimers } = await client.query<{ user_id: string }>(
      `WITH u AS (INSERT INTO app_user (openid) SELECT 'bench-claimer-' || i FROM generate_series(1, $1::int) i RETURNING id)
       INSERT INTO member (org_id, user_id, name, gender, birthday, joined_party_on, status)
       SELECT $2, u.id, '党员', 'female', '1985-01-01', '2010-07-01', 'full' FROM u RETURNING user_id`,
      [CLAIMERS, BRANCH],
    );
    await client.query('ANALYZE');
    const tokens = new TokenService({ jwtSecret: JWT_SECRET, jwtTtlSeconds: 3600 } as AppConfig);
    const claimerTokens = claimers.map((c) => tokens.issue(c.user_id).token);

    const wall = `/api/v1/wishes?orgId=${ROOT}`;
    const rows: string[] = [];
    const direct = await closedLoop(cluster.instances[0].url, wall, READERS, SECONDS);
    rows.push(`  wall, 1 instance, no balancer   ${fmt(direct.rps).padStart(8)} req/s   p50 ${fmt(direct.p50)} ms   p99 ${fmt(direct.p99)} ms   errors ${direct.errors}`);
    for (let k = 1; k <= cluster.instances.length; k++) {
      const lb = await startBalancer({ backends: cluster.instances.slice(0, k).map((i) => i.url), host: '127.0.0.1' });
      try {
        const r = await closedLoop(lb.url, wall, READERS, SECONDS);
        rows.push(`  wall, ${k} instance(s) + balancer   ${fmt(r.rps).padStart(8)} req/s   p50 ${fmt(r.p50)} ms   p99 ${fmt(r.p99)} ms   errors ${r.errors}`);
        // A burst: every claimer claims one of 100 fresh open wishes, all at once (as in the wishes bench).
        const { rows: fresh } = await client.query<{ id: string }>(
          `INSERT INTO wish (org_id, title, description, category, status, wisher_user_id, posted_by, wisher_name, wisher_phone)
           SELECT $1, '抢单' || i, '帮忙', 'errand', 'open', $2, $2, '李四', '13900000000' FROM generate_series(1, 100) i RETURNING id`,
          [BRANCH, residentId],
        );
        await client.query(`UPDATE wish SET status = 'confirmed' WHERE status = 'claimed'`); // earlier bursts' claims count against the limit
        const t0 = now();
        const results = await Promise.all(claimerTokens.map((tok, i) => call(lb.url, 'POST', `/api/v1/wishes/${fresh[i % fresh.length].id}/claim`, tok)));
        const secs = ms(t0) / 1000;
        const lat = results.map((x) => x.ms).sort((a, b) => a - b);
        const won = results.filter((x) => x.status === 200).length;
        const others = new Map<number, number>();
        for (const x of results) if (x.status !== 200 && x.status !== 409) others.set(x.status, (others.get(x.status) ?? 0) + 1);
        const other = others.size ? [...others].map(([st, c]) => `${c}× ${st}`).join(', ') : 'none';
        rows.push(`  claims, ${k} instance(s)            ${fmt(results.length / secs).padStart(8)} req/s   p50 ${fmt(percentile(lat, 50))} ms   p99 ${fmt(percentile(lat, 99))} ms   winners ${won}/100   other answers: ${other}`);
      } finally {
        await lb.close();
      }
    }
    console.log(rows.join('\n'));
    console.log('\nrate limiter, consume() per call:');
    await limiterMicro(cluster.databaseUrl);
  } finally {
    await client.end();
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
