/**
 * Subtree queries over a 10,000-organisation tree (root → 10 districts → 100 streets → 9,889 branches)
 * with MEMBERS members (default 200,000): latency of the public board, the org page with its counts,
 * the staff roster and a staff-only write checked against the subtree, over real HTTP.
 *   pnpm --filter ./server bench subtree
 */
import { benchApp, benchDatabase, benchOrgId, generateOrgTree, percentile } from './harness.js';

const MEMBERS = Number(process.env.MEMBERS ?? 200_000);
const ROUNDS = Number(process.env.ROUNDS ?? 200);

async function timeRoute(label: string, make: (i: number) => Promise<Response>) {
  const lat: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const res = await make(i);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
    lat.push(performance.now() - t0);
  }
  lat.sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} p50 ${percentile(lat, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(lat, 99).toFixed(1).padStart(6)} ms`);
}

async function main() {
  const { db, client, close } = await benchDatabase();
  const id = benchOrgId;
  await generateOrgTree(client);
  await client.query(
    `INSERT INTO member (org_id, name, gender, birthday, joined_party_on, status, post_kind, post_title, duties, phone, show_phone)
     SELECT ('00000000-0000-4000-8300-' || lpad((1 + i % 9889)::text, 12, '0'))::uuid, '党员' || i, 'male',
            date '1960-01-01' + (i % 12000), date '1990-01-01' + (i % 9000), 'full',
            CASE WHEN i % 3 = 0 THEN 'vanguard' END, CASE WHEN i % 3 = 0 THEN '先锋岗' END, '联系群众', '13800000000', i % 2 = 0
       FROM generate_series(1, $1::int) i`,
    [MEMBERS],
  );
  const [{ n: orgs }] = (await client.query(`SELECT count(*)::int n FROM org`)).rows;
  await client.query(`INSERT INTO app_user (openid, is_admin) VALUES ('bench-root-staff', false)`);
  await client.query(`INSERT INTO staff_grant (user_id, org_id) SELECT id, $1 FROM app_user WHERE openid = 'bench-root-staff'`, [id('8000', 0)]);
  await client.query('ANALYZE');
  console.log(`subtree benchmark: ${orgs.toLocaleString()} organisations, ${MEMBERS.toLocaleString()} members, ${ROUNDS} sequential requests per route`);

  const branch = id('8300', 4242);
  const street = id('8200', 42);
  const district = id('8100', 4);
  // The same shape as the board/roster queries: the subtree's ids, then members by org_id = ANY(ids).
  const { rows: [{ path: streetPath }] } = await client.query(`SELECT path FROM org WHERE id = $1`, [street]);
  const ids = (await client.query(`SELECT id FROM org WHERE path LIKE $1`, [`${streetPath}%`])).rows.map((r) => r.id);
  const plan = await client.query(`EXPLAIN (ANALYZE, COSTS OFF) SELECT m.id FROM member m WHERE m.org_id = ANY($1::uuid[]) ORDER BY m.name, m.id LIMIT 21`, [ids]);
  console.log('\nsubtree of a street (≈100 branches):\n' + plan.rows.map((r) => '  ' + r['QUERY PLAN']).join('\n') + '\n');

  const app = await benchApp(db.url);
  const login = await fetch(`${app.url}/api/v1/auth/wechat-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'dev:bench-root-staff' }) });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}/api/v1${path}`, { headers });
  await timeRoute('GET /orgs/:branch/board (≈20 members)', () => get(`/orgs/${branch}/board`));
  await timeRoute('GET /orgs/:street/board (≈2,000 members)', () => get(`/orgs/${street}/board`));
  await timeRoute('GET /orgs/:district/board (≈20,000 members)', () => get(`/orgs/${district}/board`));
  await timeRoute(`GET /orgs/:root/board (${MEMBERS.toLocaleString()} members)`, () => get(`/orgs/${id('8000', 0)}/board`));
  await timeRoute('GET /orgs/:street (counts over the subtree)', () => get(`/orgs/${street}`));
  await timeRoute('GET /orgs/:root (counts over everything)', () => get(`/orgs/${id('8000', 0)}`));
  await timeRoute('GET /orgs/:street/members as root staff', () => get(`/orgs/${street}/members`, auth));
  await timeRoute('POST /orgs under a branch (staff check at depth 3)', (i) =>
    fetch(`${app.url}/api/v1/orgs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `小组${i}`, type: 'branch', parentId: id('8300', 1 + (i % 9889)) }),
    }),
  );
  await app.close();
  await close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
