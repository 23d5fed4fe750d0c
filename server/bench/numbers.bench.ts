/**
 * 比学赶超 numbers at city scale: 10,000 organisations, MEMBERS members (default 1,000,000), WISHES wishes
 * (1,000,000) with their steps, COMMITMENTS commitments (500,000) with theirs, spread over two years.
 * Prints: the counter rebuild, stats of the root for random periods and rankings under 20 concurrent
 * staff (p50/p99), the same figures by scanning the rows (what the counters replace), what the
 * counter triggers add to a write, and the ledger's peak RSS against its row count at two sizes.
 *   pnpm bench numbers            (MEMBERS=100000 WISHES=100000 COMMITMENTS=50000 for a quick run)
 */
import { benchApp, benchDatabase, benchOrgId, generateCity, generateOrgTree, mb, percentile } from './harness.js';

const MEMBERS = Number(process.env.MEMBERS ?? 1_000_000);
const WISHES = Number(process.env.WISHES ?? 1_000_000);
const COMMITMENTS = Number(process.env.COMMITMENTS ?? 500_000);
const REQUESTS = Number(process.env.REQUESTS ?? 400);
const CONCURRENCY = 20;
const DAYS = 730;
const START = '2025-01-01';

const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function load(label: string, make: (i: number) => Promise<Response>) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const s = performance.now();
        const res = await make(i);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
        lat.push(performance.now() - s);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const rps = (REQUESTS / (performance.now() - t0)) * 1000;
  console.log(`${label.padEnd(58)} p50 ${percentile(lat, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(lat, 99).toFixed(1).padStart(7)} ms  ${rps.toFixed(0).padStart(5)} req/s`);
}

/** A random period of 1–366 days inside the generated two years. */
function randomPeriod(i: number): { from: string; to: string } {
  const start = Date.parse(START) + ((i * 7919) % (DAYS - 30)) * 86_400_000;
  const len = 1 + ((i * 104729) % 366);
  const end = Math.min(start + len * 86_400_000, Date.parse(START) + (DAYS - 1) * 86_400_000);
  return { from: new Date(start).toISOString().slice(0, 10), to: new Date(end).toISOString().slice(0, 10) };
}

async function main() {
  const { db, client, close } = await benchDatabase();
  await generateOrgTree(client);
  await client.query(`INSERT INTO app_user (openid) VALUES ('bench-resident'), ('bench-root-staff'), ('bench-street-staff')`);
  const [{ id: resident }] = (await client.query(`SELECT id FROM app_user WHERE openid = 'bench-resident'`)).rows;
  const root = benchOrgId('8000', 0);
  const street = benchOrgId('8200', 42);
  const district = benchOrgId('8100', 4);
  await client.query(`INSERT INTO staff_grant (user_id, org_id) SELECT id, $1 FROM app_user WHERE openid = 'bench-root-staff'`, [root]);

  // Bulk load with the counter triggers off (replica mode), then one rebuild from the rows.
  let t0 = performance.now();
  await generateCity(client, { members: MEMBERS, wishes: WISHES, commitments: COMMITMENTS, userId: resident, start: START, days: DAYS });
  const rows = (await client.query(`SELECT (SELECT count(*) FROM wish_event) + (SELECT count(*) FROM commitment_event) + (SELECT count(*) FROM commitment_review) AS n`)).rows[0].n;
  console.log(`generated ${MEMBERS.toLocaleString()} members, ${WISHES.toLocaleString()} wishes, ${COMMITMENTS.toLocaleString()} commitments, ${Number(rows).toLocaleString()} steps and reviews in ${secs(t0)}`);
  t0 = performance.now();
  await client.query(`SELECT stat_rebuild()`);
  await client.query('ANALYZE');
  const counters = (await client.query(`SELECT count(*)::int AS n FROM org_day_stat`)).rows[0].n;
  console.log(`stat_rebuild(): ${counters.toLocaleString()} counter rows in ${secs(t0)}`);

  const plan = await client.query(
    `EXPLAIN (ANALYZE, COSTS OFF) SELECT org_id, metric, sum(n)::bigint AS n, sum(total)::bigint AS total FROM org_day_stat
      WHERE org_id = ANY($1::uuid[]) AND day <= COALESCE($3::date, 'infinity'::date) AND (metric = 'members' OR day >= COALESCE($2::date, '-infinity'::date))
      GROUP BY org_id, metric`,
    [[root], '2025-03-01', '2026-02-28'],
  );
  console.log('the root\'s stats for a year, from the counters:\n' + plan.rows.map((r) => '  ' + r['QUERY PLAN']).join('\n'));

  // What scanning the rows costs instead (the root over one year), once.
  t0 = performance.now();
  await client.query(
    `SELECT count(*) FILTER (WHERE e.to_status = 'claimed') FROM wish_event e JOIN wish w ON w.id = e.wish_id JOIN org o ON o.id = w.org_id
      WHERE o.path LIKE $1 AND e.created_at >= timestamptz '2025-03-01 00:00+08' AND e.created_at < timestamptz '2026-03-01 00:00+08'`,
    [`/${root}/%`],
  );
  console.log(`scan instead of counters: wishes claimed under the root in one year, one query: ${(performance.now() - t0).toFixed(0)} ms`);

  // What the triggers add to a write: 2,000 wish steps with and without them.
  for (const mode of ['origin', 'replica'] as const) {
    await client.query(`SET session_replication_role = ${mode}`);
    t0 = performance.now();
    await client.query('BEGIN');
    for (let i = 1; i <= 2000; i++) {
      await client.query(`INSERT INTO wish_event (wish_id, action, from_status, to_status, actor_user_id, actor_role) VALUES ($1, 'clear_held', NULL, 'open', $2, 'staff')`, [
        `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
        resident,
      ]);
    }
    await client.query('ROLLBACK');
    console.log(`2,000 wish steps, counter triggers ${mode === 'origin' ? 'on ' : 'off'}: ${((performance.now() - t0) / 2000).toFixed(3)} ms per step`);
  }
  await client.query(`SET session_replication_role = origin`);

  const app = await benchApp(db.url);
  const login = await fetch(`${app.url}/api/v1/auth/wechat-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'dev:bench-root-staff' }) });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const q = (p: { from: string; to: string }) => `from=${p.from}&to=${p.to}`;
  console.log(`\n${REQUESTS} requests per route, ${CONCURRENCY} concurrent staff, random periods of 1–366 days:`);
  await load('GET /orgs/:root/stats (all time)', () => fetch(`${app.url}/api/v1/orgs/${root}/stats`));
  await load('GET /orgs/:root/stats?from&to', (i) => fetch(`${app.url}/api/v1/orgs/${root}/stats?${q(randomPeriod(i))}`));
  await load('GET /orgs/:root/ranking?from&to (10 districts)', (i) => fetch(`${app.url}/api/v1/orgs/${root}/ranking?${q(randomPeriod(i))}`, { headers: auth }));
  await load('GET /orgs/:district/ranking?from&to (10 streets)', (i) => fetch(`${app.url}/api/v1/orgs/${district}/ranking?${q(randomPeriod(i))}`, { headers: auth }));
  await load('GET /orgs/:street/ranking?from&to (≈99 branches)', (i) => fetch(`${app.url}/api/v1/orgs/${street}/ranking?${q(randomPeriod(i))}`, { headers: auth }));
  await load('GET /orgs/:root/stats/monthly (12 months)', () => fetch(`${app.url}/api/v1/orgs/${root}/stats/monthly?from=2025-06-01&to=2026-05-31`));

  // The ledger: peak RSS of this process (the server runs in it) against rows written.
  console.log('\nledger.xlsx (streamed):');
  for (const [label, org, period] of [
    ["a street's quarter", street, 'from=2025-10-01&to=2025-12-31'],
    ["a district's quarter", district, 'from=2025-10-01&to=2025-12-31'],
    ["a district's year", district, 'from=2025-01-01&to=2025-12-31'],
  ] as const) {
    globalThis.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    t0 = performance.now();
    const res = await fetch(`${app.url}/api/v1/orgs/${org}/ledger.xlsx?${period}`, { headers: auth });
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    clearInterval(timer);
    const ids = (await client.query(`SELECT id FROM org WHERE path LIKE (SELECT path FROM org WHERE id = $1) || '%'`, [org])).rows.map((r) => r.id);
    const [from, to] = period.replace('from=', '').split('&to=');
    const n = (
      await client.query(
        `SELECT (SELECT count(*) FROM member WHERE org_id = ANY($1::uuid[]))
              + (SELECT count(*) FROM wish w WHERE org_id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM wish_event e WHERE e.wish_id = w.id AND shanghai_day(e.created_at) BETWEEN $2::date AND $3::date))
              + (SELECT count(*) FROM commitment c WHERE org_id = ANY($1::uuid[]) AND shanghai_day(c.created_at) BETWEEN $2::date - 30 AND $3::date) AS n`,
        [ids, from, to],
      )
    ).rows[0].n;
    console.log(`  ${label.padEnd(22)} ≈${Number(n).toLocaleString().padStart(9)} rows  ${(bytes / 1024 / 1024).toFixed(1).padStart(6)} MB file  ${secs(t0).padStart(7)}  RSS ${mb(base)} → peak ${mb(peak)} (+${mb(peak - base)})`);
  }
  await app.close();
  await close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
