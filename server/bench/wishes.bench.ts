/**
 * The micro-wish wall under load, over real HTTP on loopback.
 *  1. Claim burst: 1,000 members fire claims at 100 open wishes (each member at CLAIMS_PER_MEMBER
 *     random ones, all at once, up to IN_FLIGHT requests in flight). Claims per second, p50/p99
 *     latency, and the winners: exactly 100, one per wish, nobody over the limit of 3.
 *  2. The wall's first page with 100,000 wishes in the database and 100 concurrent readers:
 *     requests per second and p99, for the whole tree and for one community; plus the query plan.
 * The server runs in a child process so the load generator does not share its event loop.
 *   pnpm --filter ./server bench wishes          (WISHES=… READERS=… SECONDS=… to change the scale;
 *                                                 BENCH_CPU_PROF=<dir> writes the server's CPU profile there)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { EntityManager } from 'typeorm';
import { TokenService } from '../src/common/auth/token.service.js';
import type { AppConfig } from '../src/config/config.js';
import { WishesRepository } from '../src/wishes/wishes.repository.js';
import { benchApp, benchDatabase, ms, now, percentile, printStatementStats } from './harness.js';

const WISHES = Number(process.env.WISHES ?? 100_000);
const MEMBERS = Number(process.env.MEMBERS ?? 1_000);
const OPEN = Number(process.env.OPEN ?? 100);
const CLAIMS_PER_MEMBER = Number(process.env.CLAIMS_PER_MEMBER ?? 5);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 200);
/**
 * Other members who warm the claim path up before the burst: each wins one open wish elsewhere on the
 * wall and is refused on WARM_REFUSALS already claimed ones — as many claims as the burst. With a
 * fifth of that (4 refusals each) the server was still warming up as the burst began: its first
 * quarter second ran at half the later rate, and held nearly all of the p99.
 */
const WARM_MEMBERS = 200;
const WARM_REFUSALS = Number(process.env.WARM_REFUSALS ?? 24);
const READERS = Number(process.env.READERS ?? 100);
const SECONDS = Number(process.env.SECONDS ?? 10);
/** The same secret benchApp configures, so tokens minted here are accepted there. */
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret';

const ROOT = '00000000-0000-4000-8000-000000000000';
const community = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const branch = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;

// ---- child: the server ------------------------------------------------------------------------

async function serve() {
  const { url, close } = await benchApp(process.env.BENCH_DATABASE_URL!, { LOG_LEVEL: 'error' });
  process.send!({ url });
  process.on('message', async (m) => {
    if (m === 'stop') {
      await close();
      process.exit(0);
    }
  });
}

async function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { env: { ...process.env, BENCH_DATABASE_URL: databaseUrl }, execArgv: ['--enable-source-maps', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, child };
}

// ---- HTTP client ------------------------------------------------------------------------------

const agent = new Agent({ keepAlive: true, maxSockets: Math.max(IN_FLIGHT, READERS) });

function call(base: string, method: string, path: string, token?: string): Promise<{ status: number; body: string; ms: number }> {
  const t0 = now();
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-length': 0 } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: ms(t0) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Runs `tasks` with at most `limit` in flight. */
async function bounded<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

/** `readers` clients, each sending the next request as soon as the last answers, for `seconds`. */
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
  const elapsed = ms(t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

const fmt = (n: number) => n.toFixed(1);

// ---- parent: data, load, report ---------------------------------------------------------------

async function main() {
  const { db, client, close } = await benchDatabase();
  console.log(`wishes benchmark: ${WISHES.toLocaleString()} wishes on the wall, ${MEMBERS} members claiming ${OPEN} open wishes`);
  let t0 = now();

  // One street, 10 communities under it, 50 branches under the communities.
  await client.query(`INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ($1::uuid, '基准街道党工委', 'committee', NULL, '/' || $1::text || '/', 0)`, [ROOT]);
  await client.query(
    `INSERT INTO org (id, name, type, parent_id, path, depth)
     SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, '社区' || i, 'community', $1::uuid,
            '/' || $1::text || '/00000000-0000-4000-8000-' || lpad(i::text, 12, '0') || '/', 1
       FROM generate_series(1, 10) i`,
    [ROOT],
  );
  await client.query(`
    INSERT INTO org (id, name, type, parent_id, path, depth)
    SELECT ('00000000-0000-4000-9000-' || lpad(i::text, 12, '0'))::uuid, '支部' || i, 'branch', p.id,
           p.path || '00000000-0000-4000-9000-' || lpad(i::text, 12, '0') || '/', 2
      FROM generate_series(1, 50) i
      JOIN org p ON p.id = ('00000000-0000-4000-8000-' || lpad((1 + i % 10)::text, 12, '0'))::uuid`);

  // A resident who posted everything; 1,000 members who did the past work (no accounts); the
  // claimers: MEMBERS users each bound to a member record, holding nothing yet.
  const {
    rows: [{ id: residentId }],
  } = await client.query(`INSERT INTO app_user (openid) VALUES ('bench-resident') RETURNING id`);
  await client.query(`
    INSERT INTO member (org_id, name, gender, birthday, joined_party_on, status)
    SELECT ('00000000-0000-4000-9000-' || lpad((1 + i % 50)::text, 12, '0'))::uuid, '老党员' || i, 'male', '1970-01-01', '1995-07-01', 'full'
      FROM generate_series(1, 1000) i`);
  const { rows: everyone } = await client.query<{ user_id: string; member_id: string }>(
    `WITH u AS (INSERT INTO app_user (openid) SELECT 'bench-claimer-' || i FROM generate_series(1, $1::int) i RETURNING id, openid)
     INSERT INTO member (org_id, user_id, name, gender, birthday, joined_party_on, status)
     SELECT ('00000000-0000-4000-9000-' || lpad((1 + (substring(u.openid FROM 15)::int) % 50)::text, 12, '0'))::uuid,
            u.id, '党员' || substring(u.openid FROM 15), 'female', '1985-01-01', '2010-07-01', 'full' FROM u
     RETURNING user_id, id AS member_id`,
    [MEMBERS + WARM_MEMBERS],
  );
  const claimers = everyone.slice(0, MEMBERS);
  const warmers = everyone.slice(MEMBERS);

  // The wall: WISHES wishes over the last ~year, a third in communities and the rest in branches.
  // Status by i % 20: 1 pending, 1 rejected, 1 expired, 5 open, 3 claimed, 5 fulfilled, 4 confirmed.
  await client.query(
    `INSERT INTO wish (org_id, title, description, category, status, wisher_user_id, posted_by, wisher_name, wisher_phone,
                       reject_reason, claimant_member_id, claimed_at, fulfil_note, fulfilled_at, thanks, rating, confirmed_at, created_at, updated_at)
     SELECT org, '心愿' || i, '请帮忙：' || i, (ARRAY['goods','service','errand'])[1 + i % 3], st, $2, $2, '张三', '13800000000',
            CASE WHEN st = 'rejected' THEN '不符合条件' END,
            CASE WHEN st IN ('claimed','fulfilled','confirmed') THEN hist.ids[1 + i % array_length(hist.ids, 1)] END,
            CASE WHEN st IN ('claimed','fulfilled','confirmed') THEN at + interval '1 day' END,
            CASE WHEN st IN ('fulfilled','confirmed') THEN '已完成' END,
            CASE WHEN st IN ('fulfilled','confirmed') THEN at + interval '2 days' END,
            CASE WHEN st = 'confirmed' THEN '谢谢' END,
            CASE WHEN st = 'confirmed' THEN 5 END,
            CASE WHEN st = 'confirmed' THEN at + interval '3 days' END,
            at, at
       FROM (SELECT array_agg(id) AS ids FROM member WHERE user_id IS NULL) hist,
            generate_series(1, $1::int) i,
            LATERAL (SELECT CASE WHEN i % 3 = 0 THEN ('00000000-0000-4000-8000-' || lpad((1 + i % 10)::text, 12, '0'))::uuid
                                 ELSE ('00000000-0000-4000-9000-' || lpad((1 + i % 50)::text, 12, '0'))::uuid END AS org,
                            (ARRAY['pending_review','rejected','expired','open','open','open','open','open','claimed','claimed','claimed',
                                   'fulfilled','fulfilled','fulfilled','fulfilled','fulfilled','confirmed','confirmed','confirmed','confirmed'])[1 + i % 20] AS st,
                            now() - interval '30 days' - (($1::int - i) * interval '5 minutes') AS at) x`,
    [WISHES, residentId],
  );
  // A small organisation: a new branch under community 1 with 30 wishes, the newest a month old.
  await client.query(
    `INSERT INTO org (id, name, type, parent_id, path, depth)
     SELECT $1::uuid, '新支部', 'branch', id, path || $1::text || '/', 2 FROM org WHERE id = $2`,
    [branch(51), community(1)],
  );
  await client.query(
    `INSERT INTO wish (org_id, title, description, category, status, wisher_user_id, posted_by, wisher_name, created_at, updated_at)
     SELECT $1, '小心愿' || i, '帮忙', 'goods', 'open', $2, $2, '王五', now() - interval '40 days' - i * interval '1 hour', now()
       FROM generate_series(1, 30) i`,
    [branch(51), residentId],
  );
  // The burst's targets: OPEN fresh open wishes in community 1.
  const { rows: burst } = await client.query<{ id: string }>(
    `INSERT INTO wish (org_id, title, description, category, status, wisher_user_id, posted_by, wisher_name, wisher_phone)
     SELECT $1, '抢单心愿' || i, '帮忙买菜', 'errand', 'open', $2, $2, '李四', '13900000000' FROM generate_series(1, $3::int) i RETURNING id`,
    [community(1), residentId, OPEN],
  );
  await client.query('ANALYZE');
  const [{ n: total }] = (await client.query(`SELECT count(*)::int AS n FROM wish`)).rows;
  console.log(`data: ${total.toLocaleString()} wishes, ${MEMBERS} claimers, 62 organisations in ${(ms(t0) / 1000).toFixed(1)} s`);

  const { url, child } = await startServer(db.url);
  try {
    const tokens = new TokenService({ jwtSecret: JWT_SECRET, jwtTtlSeconds: 3600 } as AppConfig);
    const people = claimers.map((c) => ({ ...c, token: tokens.issue(c.user_id).token }));

    // Warm up the server (JIT, pool, plan caches) off the record, as a deployed server is: reads, and
    // the claim path — each of WARM_MEMBERS other members wins one open wish elsewhere on the wall and
    // is refused on WARM_REFUSALS already claimed ones. The burst's wishes and members are not touched.
    await bounded(Array.from({ length: 500 }, () => () => call(url, 'GET', `/api/v1/wishes?orgId=${ROOT}`)), 50);
    const elsewhere = async (status: string, n: number) =>
      (await client.query<{ id: string }>(`SELECT id FROM wish WHERE status = $1 AND org_id <> $2 ORDER BY id LIMIT $3`, [status, community(1), n])).rows.map((r) => r.id);
    const [open, taken] = [await elsewhere('open', WARM_MEMBERS), await elsewhere('claimed', WARM_REFUSALS * WARM_MEMBERS)];
    const warmTasks = warmers.flatMap((w, i) => {
      const token = tokens.issue(w.user_id).token;
      return [open[i], ...taken.slice(WARM_REFUSALS * i, WARM_REFUSALS * (i + 1))].map((id) => () => call(url, 'POST', `/api/v1/wishes/${id}/claim`, token));
    });
    const warmed = await bounded(warmTasks, IN_FLIGHT);
    console.log(`   warm-up: ${warmed.length} claims elsewhere (${warmed.filter((r) => r.status === 200).length} won)`);

    // ---- 1. the claim burst ----
    const tasks: Array<() => Promise<{ status: number; body: string; ms: number }>> = [];
    for (const p of people) {
      const picks = new Set<number>();
      while (picks.size < Math.min(CLAIMS_PER_MEMBER, OPEN)) picks.add(Math.floor(Math.random() * OPEN));
      for (const k of picks) tasks.push(() => call(url, 'POST', `/api/v1/wishes/${burst[k].id}/claim`, p.token));
    }
    // Shuffle so the members' claims interleave as a real burst would.
    for (let i = tasks.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [tasks[i], tasks[j]] = [tasks[j], tasks[i]];
    }
    if (process.env.BENCH_PG_STATS) await client.query('SELECT pg_stat_statements_reset()');
    t0 = now();
    const results = await bounded(tasks, IN_FLIGHT);
    const burstSeconds = ms(t0) / 1000;
    const lat = results.map((r) => r.ms).sort((a, b) => a - b);
    const outcome = new Map<string, number>();
    for (const r of results) {
      const key = r.status === 200 ? '200' : `${r.status} ${(JSON.parse(r.body) as { code?: string }).code}`;
      outcome.set(key, (outcome.get(key) ?? 0) + 1);
    }
    const winners = outcome.get('200') ?? 0;
    const [check] = (
      await client.query(
        `SELECT count(*) FILTER (WHERE status = 'claimed')::int AS claimed,
                count(DISTINCT claimant_member_id)::int AS claimers,
                (SELECT max(n) FROM (SELECT count(*)::int AS n FROM wish WHERE claimant_member_id = ANY($2) AND status = 'claimed' GROUP BY claimant_member_id) x) AS max_per_member,
                (SELECT count(*)::int FROM wish_event WHERE action = 'claim' AND wish_id = ANY($1)) AS claim_events
           FROM wish WHERE id = ANY($1)`,
        [burst.map((b) => b.id), people.map((p) => p.member_id)],
      )
    ).rows;

    console.log(`\n1. claim burst: ${MEMBERS} members × ${CLAIMS_PER_MEMBER} claims on ${OPEN} open wishes, ${IN_FLIGHT} in flight`);
    console.log(`   ${results.length} claims in ${burstSeconds.toFixed(2)} s → ${fmt(results.length / burstSeconds)} claims/s`);
    console.log(`   latency p50 ${fmt(percentile(lat, 50))} ms, p99 ${fmt(percentile(lat, 99))} ms, max ${fmt(lat[lat.length - 1])} ms`);
    const latencyOf = (won: boolean) => results.filter((r) => (r.status === 200) === won).map((r) => r.ms).sort((a, b) => a - b);
    for (const [label, l] of [['winners', latencyOf(true)], ['refused', latencyOf(false)]] as const) {
      if (l.length) console.log(`   ${label} (${l.length}): p50 ${fmt(percentile(l, 50))} ms, p99 ${fmt(percentile(l, 99))} ms, max ${fmt(l[l.length - 1])} ms`);
    }
    console.log(`   outcomes: ${[...outcome.entries()].map(([k, v]) => `${k} × ${v}`).join(', ')}`);
    console.log(`   winners: ${winners} (must be exactly ${OPEN}): ${winners === OPEN ? 'OK' : 'WRONG'}`);
    console.log(`   database: ${check.claimed} wishes claimed, ${check.claim_events} claim events, by ${check.claimers} members, at most ${check.max_per_member} per member (limit 3)`);
    await printStatementStats(client);
    const burstOk = winners === OPEN && check.claimed === OPEN && check.claim_events === OPEN && check.max_per_member <= 3;

    // ---- 2. the wall ----
    console.log(`\n2. the wall's first page, ${READERS} concurrent readers, ${SECONDS} s each, ${total.toLocaleString()} wishes`);
    for (const [label, path] of [
      ['whole street (all 62 organisations)', `/api/v1/wishes?orgId=${ROOT}`],
      ['one community (6 organisations, ~10,000 wishes)', `/api/v1/wishes?orgId=${community(2)}`],
      ['one branch, open only', `/api/v1/wishes?orgId=${branch(7)}&status=open`],
      ['a small branch (30 of its wishes among 100,000)', `/api/v1/wishes?orgId=${branch(51)}`],
      ['board counts, whole street', `/api/v1/orgs/${ROOT}/wish-counts`],
    ] as const) {
      const r = await closedLoop(url, path, READERS, SECONDS);
      console.log(`   ${label}: ${fmt(r.rps)} req/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms (${r.requests} requests, ${r.errors} errors)`);
    }

    // The plan of the wall's query: the exact SQL the repository sends, captured from it.
    let captured: { sql: string; params: unknown[] } | null = null;
    const capture = { query: async (sql: string, params: unknown[]) => ((captured = { sql, params }), []) } as unknown as EntityManager;
    for (const [label, prefix] of [
      ['whole street', `/${ROOT}/`],
      ['one community', `/${ROOT}/${community(2)}/`],
      ['a small branch', `/${ROOT}/${community(1)}/${branch(51)}/`],
    ] as const) {
      const { rows: ids } = await client.query<{ id: string }>(`SELECT id FROM org WHERE path LIKE $1 || '%'`, [prefix]);
      await new WishesRepository().findPageInSubtree(capture, { subtree: { path: prefix, ids: ids.map((r) => r.id) }, statuses: ['open', 'claimed', 'fulfilled', 'confirmed'], limit: 20 });
      const { sql, params } = captured!;
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
      console.log(`\nwall query plan, ${label}:\n` + plan.rows.map((r) => '  ' + r['QUERY PLAN']).join('\n'));
    }
    if (!burstOk) process.exitCode = 1;
  } finally {
    child.send('stop');
    await new Promise((r) => child.once('exit', r));
    agent.destroy();
    await close();
  }
}

if (process.argv[2] === 'serve') {
  serve().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
