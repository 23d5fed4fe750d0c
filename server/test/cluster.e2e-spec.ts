import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoginResponse, Wish } from '@xianfeng/shared';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgBoss } from 'pg-boss';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startCluster, type ClusterHandle } from '../src/cluster/cluster.js';
import { todayInShanghai } from '../src/common/dates.js';
import { dataSourceOptions } from '../src/database/data-source.js';
import { ADMIN_OPENID, bearer, type TestApp } from './support/app.js';
import { draftBody } from './support/commitments.js';
import { createTestDatabase } from './support/db.js';
import { bindMember, buildTree, expectErrorShape, uniqueOpenid, user, type Tree } from './support/fixtures.js';
import { calls, eventually, fault, messages, subscribe } from './support/notify.js';

const API = '/api/v1';
const png = readFileSync(new URL('./fixtures/1x1.png', import.meta.url));
const RATE_LIMIT = 300;
const LOGIN_LIMIT = 10;

let ipSeq = 0;
/** Each login from an address of its own (the balancer passes X-Forwarded-For on), so only the login-limit test shares one. */
const freshIp = () => `10.${(process.pid >> 8) & 255}.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

/**
 * The whole system as production runs it: the built server started three times (`pnpm cluster`'s
 * own launcher, src/cluster/cluster.ts) on one PostgreSQL, the stand-in WeChat and an S3 store,
 * behind the Node balancer. Every request of these tests goes through the balancer.
 */
describe('three instances behind one balancer', () => {
  let dir: string;
  let cluster: ClusterHandle;
  let db: DataSource;
  let t: TestApp;
  let tree: Tree;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xianfeng-cluster-'));
    const databaseUrl = await createTestDatabase();
    cluster = await startCluster({
      dir,
      databaseUrl,
      balancer: 'node',
      seed: false,
      serverEntry: fileURLToPath(new URL('../dist/main.js', import.meta.url)),
      onLog: (id, line) => logs.push(`[${id}] ${line}`),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOG_LEVEL: 'warn',
        BOOTSTRAP_ADMIN_OPENIDS: ADMIN_OPENID,
        RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: String(LOGIN_LIMIT),
        // One row per delivery worker at a time, leases short enough to expire within the test.
        NOTIFY_WORKERS: '4',
        NOTIFY_BATCH: '1',
        NOTIFY_LEASE_SECONDS: '3',
        NOTIFY_POLL_MS: '200',
        NOTIFY_RETRY_BASE_MS: '100',
        NOTIFY_RETRY_MAX_MS: '500',
        WECHAT_TIMEOUT_MS: '4000',
      },
    });
    db = new DataSource(dataSourceOptions(databaseUrl, 4));
    await db.initialize();
    const http = request(cluster.url);
    // The fixtures' view of an application, here the balancer's address.
    t = {
      http,
      url: cluster.url,
      standin: cluster.standin,
      dataSource: db,
      databaseUrl,
      async login(openid: string) {
        const res = await http.post(`${API}/auth/wechat-login`).set('X-Forwarded-For', freshIp()).send({ code: `dev:${openid}` });
        if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body as LoginResponse;
      },
    } as unknown as TestApp;
    tree = await buildTree(t);
  }, 180_000);

  afterAll(async () => {
    await db?.destroy();
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
    // The instances' last words, when a run needs explaining.
    if (process.env.XF_CLUSTER_LOGS) process.stderr.write(`${logs.slice(-80).join('\n')}\n`);
  }, 60_000);

  it('spreads requests over the three instances (GET /health names the one that answered)', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) seen.add((await t.http.get(`${API}/health`)).body.instance);
    expect([...seen].sort()).toEqual(['api-1', 'api-2', 'api-3']);
  });

  it('a rate limit of L per minute allows L in total across the instances, not 3L', async () => {
    const { token } = await user(t, 'limited');
    const statuses: number[] = [];
    for (let wave = 0; wave < 11; wave++) {
      const res = await Promise.all(Array.from({ length: 30 }, () => t.http.get(`${API}/me`).set('Authorization', bearer(token))));
      statuses.push(...res.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(RATE_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(330 - RATE_LIMIT);

    const ip = freshIp();
    const logins = await Promise.all(
      Array.from({ length: 16 }, () => t.http.post(`${API}/auth/wechat-login`).set('X-Forwarded-For', ip).send({ code: `dev:${uniqueOpenid('same-wifi')}` })),
    );
    expect(logins.filter((r) => r.status === 200)).toHaveLength(LOGIN_LIMIT);
    expectErrorShape(logins.find((r) => r.status === 429)!.body, 429, 'RATE_LIMITED');
  });

  it('a photo uploaded through one instance is served by every instance', async () => {
    const { token } = await user(t, 'photographer');
    const up = await t.http.post(`${API}/uploads`).set('Authorization', bearer(token)).attach('file', png, 'p.png');
    expect(up.status).toBe(201);
    expect(up.body.url).toMatch(new RegExp(`^${cluster.url}/api/v1/uploads/[a-z0-9-]+\\.png$`));
    const path = new URL(up.body.url).pathname;
    // Public once WeChat's image check has passed it: the verdict is pushed back through the balancer.
    await eventually(async () => (await fetch(`${cluster.url}${path}`)).status === 200, 30_000);
    for (const inst of cluster.instances) {
      const res = await fetch(`${inst.url}${path}`);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    }
  });

  /** Members of branch B, set up directly in the database (binding is tested elsewhere). */
  async function members(n: number, prefix: string) {
    const users = await Promise.all(Array.from({ length: n }, () => user(t, prefix)));
    const rows: Array<{ id: string; user_id: string }> = await db.query(
      `INSERT INTO member (org_id, user_id, name, gender, birthday, joined_party_on, status)
       SELECT $1, u, '党员' || i, 'male', '1980-01-01', '2005-07-01', 'full' FROM unnest($2::uuid[]) WITH ORDINALITY AS x(u, i)
       RETURNING id, user_id`,
      [tree.branchB.id, users.map((u) => u.userId)],
    );
    const byUser = new Map(rows.map((r) => [r.user_id, r.id]));
    return users.map((u) => ({ ...u, memberId: byUser.get(u.userId)! }));
  }

  async function openWish(resident: { token: string }, title: string): Promise<Wish> {
    const posted = await t.http
      .post(`${API}/wishes`)
      .set('Authorization', bearer(resident.token))
      .send({ orgId: tree.community.id, title, description: '帮忙搬一下米', category: 'errand', wisherName: '陈阿姨', wisherPhone: '13600001111' });
    if (posted.status !== 201) throw new Error(`post: ${posted.status} ${JSON.stringify(posted.body)}`);
    const approved = await t.http.post(`${API}/wishes/${posted.body.id}/approve`).set('Authorization', bearer(tree.streetStaff.token)).send({});
    if (approved.status !== 200) throw new Error(`approve: ${approved.status}`);
    return approved.body;
  }

  it('100 members claiming one wish through different instances: one winner', async () => {
    const claimers = await members(100, 'claimer');
    const wish = await openWish(tree.resident, '集群心愿');
    const results = await Promise.all(claimers.map((m) => t.http.post(`${API}/wishes/${wish.id}/claim`).set('Authorization', bearer(m.token)).send()));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body.code}`)).toEqual(Array(99).fill('409 WISH_ALREADY_CLAIMED'));
    const stats = cluster.balancerStats()!;
    expect(stats.perBackend.every((n) => n > 30)).toBe(true);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM wish_event WHERE wish_id = $1 AND action = 'claim'`, [wish.id]);
    expect(n).toBe(1);
  });

  it('the WeChat access token is fetched by one instance and used by all', async () => {
    const authors = await Promise.all(Array.from({ length: 6 }, () => bindMember(t, tree.branchA.id)));
    // The token every instance holds is now refused by WeChat: the first instance to notice refreshes it.
    await fetch(`${cluster.standin.url}/__standin/expire-tokens`, { method: 'POST' });
    await fetch(`${cluster.standin.url}/__standin/calls`, { method: 'DELETE' });
    const created = await Promise.all(
      authors.flatMap((a) => [0, 1].map(() => t.http.post(`${API}/commitments`).set('Authorization', bearer(a.token)).send(draftBody(tree.branchA.id)))),
    );
    expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
    const counted = await calls(cluster.standin);
    expect(counted['/wxa/msg_sec_check']).toBeGreaterThanOrEqual(12);
    expect(counted['/cgi-bin/stable_token']).toBe(1);
  });

  it('the daily greetings job with all three running: each greeting once, each message once', async () => {
    const today = todayInShanghai();
    const org = await t.http.post(`${API}/orgs`).set('Authorization', bearer(tree.adminToken)).send({ name: '集群生日支部', type: 'branch', parentId: tree.street.id });
    expect(org.status).toBe(201);
    const celebrants = await Promise.all(Array.from({ length: 5 }, () => bindMember(t, org.body.id, { birthday: `1970-${today.slice(5)}`, joinedPartyOn: '2000-01-01' })));
    for (const c of celebrants) await subscribe(t, c.token, 2);
    const settings = await t.http.put(`${API}/orgs/${org.body.id}/greeting-settings`).set('Authorization', bearer(tree.adminToken)).send({ autoSend: true, sendHour: 0 });
    expect(settings.status).toBe(200);

    // Each instance's scheduler queues the tick; here three ticks at once, then three more.
    const boss = new PgBoss({ connectionString: t.databaseUrl, schema: 'pgboss', supervise: false, schedule: false, migrate: false });
    await boss.start();
    try {
      for (let round = 0; round < 2; round++) {
        const ids = await Promise.all([0, 1, 2].map(() => boss.send('greetings-daily', {})));
        await eventually(async () => {
          const jobs = await Promise.all(ids.map((id) => boss.getJobById('greetings-daily', id!)));
          return jobs.every((j) => j?.state === 'completed');
        }, 30_000, 200);
      }
    } finally {
      await boss.stop({ graceful: false });
    }
    const greetings: Array<{ member_id: string; n: number }> = await db.query(
      `SELECT member_id, count(*)::int AS n FROM greeting WHERE member_id = ANY($1) GROUP BY member_id`,
      [celebrants.map((c) => c.memberId)],
    );
    expect(greetings.map((g) => g.n)).toEqual([1, 1, 1, 1, 1]);
    await eventually(async () => (await messages(cluster.standin)).filter((m) => celebrants.some((c) => c.openid === m.touser)).length >= 5, 20_000, 200);
    await new Promise((r) => setTimeout(r, 1500)); // a duplicate would arrive now
    for (const c of celebrants) expect(await messages(cluster.standin, c.openid)).toHaveLength(1);
  });

  it('kill -9 of an instance under a load of claims and posts: routed around, acknowledged writes kept, nothing half-written, its leased messages delivered', async () => {
    const claimers = await members(24, 'loader');
    const residents = await Promise.all(Array.from({ length: 4 }, () => user(t, 'load-resident')));
    for (const r of residents) await subscribe(t, r.token, 40);
    const wishes: Wish[] = [];
    for (let i = 0; i < claimers.length; i++) wishes.push(await openWish(residents[i % residents.length], `负载心愿${i}`));
    // Slow deliveries (1.5 s, within the 3 s lease): the workers hold leased rows when the instance dies.
    await fault(cluster.standin, { route: '/cgi-bin/message/subscribe/send', delayMs: 1500, times: 10_000 });

    const victim = cluster.instances[1];
    type Outcome = { kind: 'claim' | 'post'; status: number; wishId?: string; claimant?: string; title?: string };
    const load: Array<Promise<Outcome>> = [];
    for (let wave = 0; wave < 6; wave++) {
      for (let k = 0; k < 4; k++) {
        const i = wave * 4 + k;
        const c = claimers[i];
        load.push(
          t.http
            .post(`${API}/wishes/${wishes[i].id}/claim`)
            .set('Authorization', bearer(c.token))
            .send()
            .then((r) => ({ kind: 'claim' as const, status: r.status, wishId: wishes[i].id, claimant: c.memberId })),
        );
        const title = `宕机期间的心愿${i}`;
        load.push(
          t.http
            .post(`${API}/wishes`)
            .set('Authorization', bearer(residents[k].token))
            .send({ orgId: tree.community.id, title, description: '请帮忙修水管', category: 'errand', wisherName: '王大爷', wisherPhone: '13600002222' })
            .then((r) => ({ kind: 'post' as const, status: r.status, wishId: r.body?.id, title })),
        );
      }
      if (wave === 2) {
        // Each instance leases at most NOTIFY_WORKERS (4) × NOTIFY_BATCH (1) rows: with 9 leased at
        // once, the victim holds at least one when it dies.
        await eventually(async () => {
          const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM notification WHERE status = 'sending' AND locked_until > now()`);
          return n >= 9;
        }, 15_000, 25);
        await victim.kill('SIGKILL');
      }
      await new Promise((r) => setTimeout(r, 120));
    }
    const outcomes = await Promise.all(load);

    // Routed around: after the kill every request is answered by a living instance.
    const after = await Promise.all(Array.from({ length: 9 }, () => t.http.get(`${API}/health`)));
    expect(after.map((r) => r.status)).toEqual(Array(9).fill(200));
    expect(after.map((r) => r.body.instance)).not.toContain(victim.id);
    // Only requests that were in flight on the victim may have failed, and those only with the balancer's 502.
    const failed = outcomes.filter((o) => o.status !== 200 && o.status !== 201);
    expect(failed.every((o) => o.status === 502)).toBe(true);
    expect(failed.length).toBeLessThanOrEqual(8);
    expect(outcomes.filter((o) => o.status === 200 || o.status === 201).length).toBeGreaterThanOrEqual(40);

    // Every acknowledged write is in the database.
    for (const o of outcomes.filter((x) => x.kind === 'claim' && x.status === 200)) {
      const [w] = await db.query(`SELECT status, claimant_member_id FROM wish WHERE id = $1`, [o.wishId]);
      expect(w).toEqual({ status: 'claimed', claimant_member_id: o.claimant });
    }
    const posted = outcomes.filter((x) => x.kind === 'post' && x.status === 201);
    const rows: Array<{ title: string }> = await db.query(`SELECT title FROM wish WHERE id = ANY($1)`, [posted.map((p) => p.wishId)]);
    expect(rows.map((r) => r.title).sort()).toEqual(posted.map((p) => p.title!).sort());
    // Nothing half-written: a claimed wish has exactly one claim event and its notification, and an
    // unclaimed one has neither.
    const halves: Array<{ id: string }> = await db.query(
      `SELECT w.id FROM wish w
        WHERE w.id = ANY($1)
          AND (w.status = 'claimed') <> ((SELECT count(*) FROM wish_event e WHERE e.wish_id = w.id AND e.action = 'claim') = 1
                                         AND EXISTS (SELECT 1 FROM notification n WHERE n.page = 'packages/wish/detail/index?id=' || w.id AND n.data->>'phrase2' = '已认领'))`,
      [wishes.map((w) => w.id)],
    );
    expect(halves).toEqual([]);

    // The outbox delivers what the dead instance had leased: its rows' leases run out and the others
    // send them. Every notification of the load ends sent; some needed a second lease.
    await fetch(`${cluster.standin.url}/__standin/faults`, { method: 'DELETE' });
    const residentIds = residents.map((r) => r.userId);
    const settled = await eventually(
      async () => {
        const rows: Array<{ status: string; attempts: number }> = await db.query(`SELECT status, attempts FROM notification WHERE user_id = ANY($1)`, [residentIds]);
        return rows.length > 0 && rows.every((r) => r.status === 'sent') ? rows : null;
      },
      60_000,
      250,
    );
    expect(settled.length).toBeGreaterThanOrEqual(outcomes.filter((o) => o.kind === 'claim' && o.status === 200).length);
    expect(settled.some((r) => r.attempts >= 2)).toBe(true);

    await victim.start(); // back in the pool for whatever runs after
  }, 180_000);
});
