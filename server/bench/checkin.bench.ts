/**
 * A district event: MEMBERS members (2,000) signed up to one activity all check in within a minute,
 * over real HTTP on loopback, each with the rotating code the organiser's phone shows (fetched from
 * the server as that phone does, renewed every 20 s). Check-ins per second, p50/p99 latency, and the
 * count recorded, which must be exactly MEMBERS.
 * The server runs in a child process so the load generator does not share its event loop.
 *   pnpm --filter ./server bench checkin          (MEMBERS=… IN_FLIGHT=… to change the scale)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { TokenService } from '../src/common/auth/token.service.js';
import type { AppConfig } from '../src/config/config.js';
import { benchApp, benchDatabase, ms, now, percentile } from './harness.js';

const MEMBERS = Number(process.env.MEMBERS ?? 2_000);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 200);
/** The same secret benchApp configures, so tokens minted here are accepted there. */
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret';
const STREET = '00000000-0000-4000-8000-000000000001';
const COMMUNITY = '00000000-0000-4000-8000-000000000002';
const FIRM = '00000000-0000-4000-8000-000000000003';

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
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { env: { ...process.env, BENCH_DATABASE_URL: databaseUrl }, execArgv: ['--enable-source-maps'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, child };
}

const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

function call(base: string, method: string, path: string, token: string, body?: object): Promise<{ status: number; body: string; ms: number }> {
  const t0 = now();
  const payload = body ? Buffer.from(JSON.stringify(body)) : Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: ms(t0) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

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

const fmt = (n: number) => n.toFixed(1);

async function main() {
  const { db, client, close } = await benchDatabase();
  console.log(`check-in benchmark: ${MEMBERS.toLocaleString()} members checking in to one activity, ${IN_FLIGHT} in flight`);
  let t0 = now();
  await client.query(`INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ($1::uuid, '基准街道党工委', 'committee', NULL, '/' || $1::text || '/', 0)`, [STREET]);
  await client.query(`INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ($1::uuid, '基准社区', 'community', $2::uuid, '/' || $2::text || '/' || $1::text || '/', 1)`, [COMMUNITY, STREET]);
  await client.query(`INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ($1::uuid, '基准企业党支部', 'branch', $2::uuid, '/' || $2::text || '/' || $1::text || '/', 1)`, [FIRM, STREET]);
  const {
    rows: [{ id: staffId }],
  } = await client.query(`INSERT INTO app_user (openid) VALUES ('bench-organiser') RETURNING id`);
  await client.query(`INSERT INTO staff_grant (user_id, org_id) VALUES ($1, $2)`, [staffId, COMMUNITY]);
  // Office members of a firm's branch, each reported to the community (accepted) and signed up.
  const { rows: members } = await client.query<{ user_id: string; member_id: string }>(
    `WITH u AS (INSERT INTO app_user (openid) SELECT 'bench-member-' || i FROM generate_series(1, $1::int) i RETURNING id, openid)
     INSERT INTO member (org_id, user_id, name, gender, birthday, joined_party_on, status)
     SELECT $2::uuid, u.id, '党员' || substring(u.openid FROM 14), 'male', '1985-01-01', '2010-07-01', 'full' FROM u
     RETURNING user_id, id AS member_id`,
    [MEMBERS, FIRM],
  );
  await client.query(
    `INSERT INTO service_report (member_id, community_org_id, residential_area, status, accepted_at) SELECT m, $1, '基准小区', 'active', now() FROM unnest($2::uuid[]) m`,
    [COMMUNITY, members.map((m) => m.member_id)],
  );
  const {
    rows: [{ id: activityId }],
  } = await client.query(
    `INSERT INTO activity (org_id, title, description, place, starts_at, ends_at, capacity, signed_up, created_by)
     VALUES ($1, '区级志愿服务活动', '全区在职党员进社区', '区体育中心', now() + interval '10 minutes', now() + interval '3 hours', $2, $2, $3) RETURNING id`,
    [COMMUNITY, MEMBERS, staffId],
  );
  await client.query(`INSERT INTO activity_signup (activity_id, member_id) SELECT $1, m FROM unnest($2::uuid[]) m`, [activityId, members.map((m) => m.member_id)]);
  await client.query('ANALYZE');
  console.log(`data: ${MEMBERS} members reported and signed up in ${(ms(t0) / 1000).toFixed(1)} s`);

  const { url, child } = await startServer(db.url);
  try {
    const tokens = new TokenService({ jwtSecret: JWT_SECRET, jwtTtlSeconds: 3600 } as AppConfig);
    const organiser = tokens.issue(staffId).token;
    const people = members.map((m) => ({ ...m, token: tokens.issue(m.user_id).token }));

    // The organiser's screen: the current code, renewed every 20 s (the code changes every 30 s).
    let code = '';
    const refresh = async () => {
      const r = await call(url, 'GET', `/api/v1/activities/${activityId}/checkin-code`, organiser);
      if (r.status !== 200) throw new Error(`checkin-code: ${r.status} ${r.body}`);
      code = (JSON.parse(r.body) as { code: string }).code;
    };
    await refresh();
    const timer = setInterval(() => void refresh().catch((e) => console.error(e)), 20_000);

    // Warm up (JIT, pool) off the record: reads of the activity.
    await bounded(Array.from({ length: 300 }, () => () => call(url, 'GET', `/api/v1/activities/${activityId}`, organiser)), 50);

    t0 = now();
    const results = await bounded(people.map((p) => () => call(url, 'POST', `/api/v1/activities/${activityId}/checkin`, p.token, { code })), IN_FLIGHT);
    const seconds = ms(t0) / 1000;
    clearInterval(timer);

    const lat = results.map((r) => r.ms).sort((a, b) => a - b);
    const outcome = new Map<string, number>();
    for (const r of results) {
      const key = r.status === 200 ? '200' : `${r.status} ${(JSON.parse(r.body) as { code?: string }).code}`;
      outcome.set(key, (outcome.get(key) ?? 0) + 1);
    }
    const [{ n: recorded }] = (await client.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1`, [activityId])).rows;
    console.log(`\n${results.length} check-ins in ${seconds.toFixed(2)} s (${seconds <= 60 ? 'within' : 'NOT within'} one minute) → ${fmt(results.length / seconds)} check-ins/s`);
    console.log(`latency p50 ${fmt(percentile(lat, 50))} ms, p99 ${fmt(percentile(lat, 99))} ms, max ${fmt(lat[lat.length - 1])} ms`);
    console.log(`outcomes: ${[...outcome.entries()].map(([k, v]) => `${k} × ${v}`).join(', ')}`);
    console.log(`recorded: ${recorded} attendance rows (must be exactly ${MEMBERS}): ${recorded === MEMBERS ? 'OK' : 'WRONG'}`);
    if (recorded !== MEMBERS) process.exitCode = 1;
  } finally {
    child.send('stop');
    await new Promise((r) => child.once('exit', r));
    await close();
  }
}

if (process.argv[2] === 'serve') void serve();
else
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
