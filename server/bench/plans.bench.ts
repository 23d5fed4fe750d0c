/**
 * Compares query shapes for "members of a subtree" on a 10,000-organisation tree with 200,000
 * members: a join on the path prefix, against the subtree's org ids bound as an array.
 */
import { benchDatabase } from './harness.js';

async function main() {
  const { client, close } = await benchDatabase();
  await client.query(`INSERT INTO org (id, name, type, parent_id, path, depth) SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'o' || i, 'branch',
      CASE WHEN i = 0 THEN NULL ELSE '00000000-0000-4000-8000-000000000000'::uuid END,
      CASE WHEN i = 0 THEN '/r/' ELSE '/r/' || (i % 100) || '/' || i || '/' END, CASE WHEN i = 0 THEN 0 ELSE 1 END FROM generate_series(0, 9999) i`);
  await client.query(`INSERT INTO member (org_id, name, gender, birthday, joined_party_on, status)
      SELECT ('00000000-0000-4000-8000-' || lpad((1 + i % 9999)::text, 12, '0'))::uuid, 'm' || i, 'male', '1970-01-01', '1999-01-01', 'full' FROM generate_series(1, 200000) i`);
  await client.query('ANALYZE');
  const time = async (label: string, sql: string, params: unknown[]) => {
    const r = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) ${sql}`, params);
    const lines = r.rows.map((x) => x['QUERY PLAN'] as string);
    console.log(`${label}: ${lines.find((l) => l.includes('Execution Time'))?.trim()} — ${lines.filter((l) => /Scan/.test(l)).map((l) => l.trim().split(' (')[0]).join(', ')}`);
  };
  for (const [label, prefix] of [['100 orgs', '/r/42/'], ['all', '/r/']] as const) {
    await time(`join ${label}`, `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE o.path LIKE $1 ORDER BY m.name, m.id LIMIT 21`, [`${prefix}%`]);
    const ids = (await client.query(`SELECT id FROM org WHERE path LIKE $1`, [`${prefix}%`])).rows.map((r) => r.id);
    await time(`ANY(ids) ${label}`, `SELECT m.id FROM member m WHERE m.org_id = ANY($1::uuid[]) ORDER BY m.name, m.id LIMIT 21`, [ids]);
    await time(`IN (subquery) ${label}`, `SELECT m.id FROM member m WHERE m.org_id IN (SELECT id FROM org WHERE path LIKE $1) ORDER BY m.name, m.id LIMIT 21`, [`${prefix}%`]);
  }
  await close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
