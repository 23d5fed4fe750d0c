/**
 * Greetings at scale: 1,000,000 members across 10,000 organisations.
 * Measures the daily occasion scan (with its plan: it must use the md() indexes), the time to
 * create and enqueue the day's greetings, delivery throughput into the stand-in WeChat with 4
 * workers, and the server's memory meanwhile.
 *   pnpm --filter ./server bench greetings        (MEMBERS=… ORGS=… to change the scale)
 */
import { GreetingsService } from '../src/greetings/greetings.service.js';
import { startStandin } from '../src/wechat/standin/standin.js';
import { benchApp, benchDatabase, mb, ms, now } from './harness.js';

const MEMBERS = Number(process.env.MEMBERS ?? 1_000_000);
const ORGS = Number(process.env.ORGS ?? 10_000);
const TODAY = process.env.TODAY ?? '2026-06-15';

async function main() {
  const { db, client, close } = await benchDatabase();
  console.log(`greetings benchmark: ${MEMBERS.toLocaleString()} members, ${ORGS.toLocaleString()} organisations, day ${TODAY}`);
  let t0 = now();
  // One root, 100 committees under it, the rest branches spread under the committees.
  await client.query(`INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ('00000000-0000-4000-8000-000000000000', '基准党委', 'committee', NULL, '/00000000-0000-4000-8000-000000000000/', 0)`);
  await client.query(`
    INSERT INTO org (id, name, type, parent_id, path, depth)
    SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, '党委' || i, 'committee', '00000000-0000-4000-8000-000000000000',
           '/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-' || lpad(i::text, 12, '0') || '/', 1
      FROM generate_series(1, 100) i`);
  await client.query(
    `INSERT INTO org (id, name, type, parent_id, path, depth)
     SELECT ('00000000-0000-4000-9000-' || lpad(i::text, 12, '0'))::uuid, '支部' || i, 'branch', p.id,
            p.path || '00000000-0000-4000-9000-' || lpad(i::text, 12, '0') || '/', 2
       FROM generate_series(1, $1::int) i
       JOIN org p ON p.id = ('00000000-0000-4000-8000-' || lpad((1 + i % 100)::text, 12, '0'))::uuid`,
    [ORGS - 101],
  );
  console.log(`organisations: ${(await client.query(`SELECT count(*)::int n FROM org`)).rows[0].n} in ${ms(t0).toFixed(0)} ms`);

  t0 = now();
  // Birthdays spread over 1950–2000, Party joining 18–40 years later, work starting 18–25 years later.
  await client.query(
    `INSERT INTO member (org_id, name, gender, birthday, joined_party_on, work_started_on, status)
     SELECT ('00000000-0000-4000-9000-' || lpad((1 + i % ($2::int - 101))::text, 12, '0'))::uuid,
            '党员' || i, CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END,
            d, d + (18 * 365 + (i::bigint * 7919) % (22 * 365))::int, d + (18 * 365 + (i::bigint * 104729) % (7 * 365))::int, 'full'
       FROM generate_series(1, $1::int) i,
            LATERAL (SELECT date '1950-01-01' + ((i * 2654435761::bigint) % (50 * 365))::int AS d) x`,
    [MEMBERS, ORGS],
  );
  await client.query('ANALYZE');
  console.log(`members: ${MEMBERS.toLocaleString()} in ${(ms(t0) / 1000).toFixed(1)} s`);

  // Everyone with an occasion today is bound to a WeChat user with one grant, so each greeting is a message.
  t0 = now();
  const md = Number(TODAY.slice(5, 7)) * 100 + Number(TODAY.slice(8, 10));
  await client.query(
    `WITH due AS (SELECT id FROM member WHERE md(birthday) = $1 OR md(joined_party_on) = $1),
          u AS (INSERT INTO app_user (openid) SELECT 'bench-' || id FROM due RETURNING id, openid)
     UPDATE member m SET user_id = u.id FROM u WHERE u.openid = 'bench-' || m.id`,
    [md],
  );
  await client.query(`INSERT INTO subscription_quota (user_id, template_id, remaining) SELECT id, 'TPL_GREETING', 1 FROM app_user`);
  await client.query(`INSERT INTO greeting_settings (org_id, birthday_template, political_birthday_template, auto_send, send_hour)
                      VALUES ('00000000-0000-4000-8000-000000000000', '{name}同志，{org}祝您生日快乐！', '{name}同志，祝您{years}周年政治生日快乐！', true, 0)`);
  console.log(`bound ${(await client.query(`SELECT count(*)::int n FROM app_user`)).rows[0].n} members with occasions today in ${ms(t0).toFixed(0)} ms`);

  const scan = `SELECT m.id, k.kind FROM member m JOIN org o ON o.id = m.org_id
                 CROSS JOIN LATERAL (VALUES ('birthday', m.birthday), ('political_birthday', m.joined_party_on)) AS k(kind, original)
                 WHERE (md(m.birthday) = ANY($1) OR md(m.joined_party_on) = ANY($1)) AND md(k.original) = ANY($1)
                   AND NOT EXISTS (SELECT 1 FROM greeting g WHERE g.member_id = m.id AND g.kind = k.kind AND g.year = $2)`;
  const plan = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) ${scan}`, [[md], Number(TODAY.slice(0, 4))]);
  console.log('\ndaily occasion scan plan:\n' + plan.rows.map((r) => '  ' + r['QUERY PLAN']).join('\n'));
  const usesIndex = plan.rows.some((r) => /member_(birthday|joined)_md_idx/.test(r['QUERY PLAN']));
  console.log(`uses the md() indexes: ${usesIndex ? 'yes' : 'NO'}`);

  // Instance 1, no delivery workers: the daily job creates greetings and outbox rows.
  const at = new Date(`${TODAY}T02:00:00Z`); // 10:00 in Shanghai
  const standin = await startStandin({ port: 0 });
  const creator = await benchApp(db.url, { NOTIFY_WORKERS: '0' }, standin);
  t0 = now();
  const result = await creator.app.get(GreetingsService).runDaily(at);
  const createMs = ms(t0);
  console.log(`\ndaily job: ${result.sent} greetings created and enqueued (of ${result.candidates} candidates) in ${(createMs / 1000).toFixed(2)} s = ${(result.sent / (createMs / 1000)).toFixed(0)} greetings/s`);
  await creator.close();

  // Instance 2, 4 delivery workers: drain the outbox into the stand-in WeChat.
  const rssSamples: number[] = [];
  const sampler = setInterval(() => rssSamples.push(process.memoryUsage().rss), 200);
  const deliverer = await benchApp(db.url, { NOTIFY_WORKERS: '4', NOTIFY_BATCH: '10', NOTIFY_POLL_MS: '50' }, standin);
  t0 = now();
  for (;;) {
    const { rows } = await client.query(`SELECT count(*) FILTER (WHERE status IN ('pending','sending'))::int AS left, count(*) FILTER (WHERE status = 'sent')::int AS sent FROM notification`);
    if (rows[0].left === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const deliverMs = ms(t0);
  clearInterval(sampler);
  const stats = (await client.query(`SELECT status, count(*)::int n FROM notification GROUP BY status ORDER BY status`)).rows;
  const accepted = ((await (await fetch(`${deliverer.standin.url}/__standin/messages`)).json()) as unknown[]).length;
  const sent = stats.find((s) => s.status === 'sent')?.n ?? 0;
  console.log(`delivery with 4 workers: ${sent} messages in ${(deliverMs / 1000).toFixed(2)} s = ${(sent / (deliverMs / 1000)).toFixed(0)} messages/s; stand-in accepted ${accepted}; statuses ${JSON.stringify(stats)}`);
  console.log(`server process memory during delivery: peak RSS ${mb(Math.max(...rssSamples))}, heap used now ${mb(process.memoryUsage().heapUsed)}`);
  await deliverer.close();
  await standin.close();
  await close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
