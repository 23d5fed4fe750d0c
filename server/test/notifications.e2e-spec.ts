import { beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createTestApp, useTestApp, type TestApp } from './support/app.js';
import { bindMember, buildTree, expectErrorShape, user, type Tree } from './support/fixtures.js';
import { calls, eventually, fault, messages, notificationRows, subscribe } from './support/notify.js';

/** Members whose birthdays the greetings below use. */
const BORN = { birthday: '1980-01-15', joinedPartyOn: '2001-07-01' };

const greet = (t: TestApp, token: string, memberId: string, kind = 'birthday') =>
  t.http.post('/api/v1/greetings').set('Authorization', bearer(token)).send({ memberId, kind });

describe('subscriptions, delivery and the inbox', () => {
  const t = useTestApp();
  let tree: Tree;
  beforeAll(async () => {
    tree = await buildTree(t);
  });

  it('lists the template ids to ask for, and counts each accept as one grant', async () => {
    const u = await user(t, 'sub');
    const list = await t.http.get('/api/v1/subscriptions/templates').set('Authorization', bearer(u.token));
    expect(list.status).toBe(200);
    expect(list.body.map((x: { key: string }) => x.key).sort()).toEqual(['commitment_event', 'greeting', 'service_event', 'wish_event']);
    const greetingTpl = list.body.find((x: { key: string }) => x.key === 'greeting').templateId;
    const r = await t.http
      .post('/api/v1/subscriptions')
      .set('Authorization', bearer(u.token))
      .send({ results: { [greetingTpl]: 'accept', unknownTemplate: 'accept' } });
    expect(r.status).toBe(200);
    await t.http.post('/api/v1/subscriptions').set('Authorization', bearer(u.token)).send({ results: { [greetingTpl]: 'accept' } });
    await t.http.post('/api/v1/subscriptions').set('Authorization', bearer(u.token)).send({ results: { [greetingTpl]: 'reject' } });
    const after = await t.http.get('/api/v1/subscriptions/templates').set('Authorization', bearer(u.token));
    expect(after.body.find((x: { key: string }) => x.key === 'greeting').remaining).toBe(2);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM subscription_quota WHERE user_id = $1`, [u.userId]);
    expect(n).toBe(1); // the unknown template id was ignored
  });

  it.each([
    ['no results', {}],
    ['results not an object', { results: 'accept' }],
    ['a bad outcome', { results: { TPL_GREETING: 'maybe' } }],
  ])('refuses %s with 400', async (_n, body) => {
    const u = await user(t, 'badsub');
    const res = await t.http.post('/api/v1/subscriptions').set('Authorization', bearer(u.token)).send(body);
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    expect((await t.http.post('/api/v1/subscriptions').send(body)).status).toBe(401);
  });

  it('sends a subscribed member exactly one subscribe message for a greeting, and puts it in the inbox', async () => {
    const m = await bindMember(t, tree.branchA.id, { name: 'subscribed', ...BORN });
    await subscribe(t, m.token);
    const res = await greet(t, tree.branchAStaff.token, m.member.id);
    expect(res.status).toBe(201);
    const [msg] = await eventually(async () => {
      const ms = await messages(t.standin, m.openid);
      return ms.length ? ms : null;
    });
    expect(msg.template_id).toBe(t.config.templates.greeting);
    expect(msg.data.name2.value).toBe('subscribed');
    expect(msg.data.thing1.value).toBe('生日祝福');
    expect(msg.data.thing4.value.length).toBeLessThanOrEqual(20); // cut to WeChat's thing limit
    await new Promise((r) => setTimeout(r, 400));
    expect(await messages(t.standin, m.openid)).toHaveLength(1);
    const inbox = await t.http.get('/api/v1/notifications').set('Authorization', bearer(m.token));
    expect(inbox.body.items).toEqual([expect.objectContaining({ templateKey: 'greeting', title: '生日祝福', delivery: 'sent', readAt: null })]);
    expect(inbox.body.items[0].body).toContain('subscribed同志');
    expect(inbox.body.unread).toBe(1);
    const quota = await t.http.get('/api/v1/subscriptions/templates').set('Authorization', bearer(m.token));
    expect(quota.body.find((x: { key: string }) => x.key === 'greeting').remaining).toBe(0); // the grant was spent
  });

  it('sends an unsubscribed member nothing, and the greeting waits in the inbox', async () => {
    const m = await bindMember(t, tree.branchA.id, { name: 'unsubscribed', ...BORN });
    expect((await greet(t, tree.branchAStaff.token, m.member.id)).status).toBe(201);
    const [row] = await eventually(async () => {
      const rows = await notificationRows(t, m.userId);
      return rows[0]?.status === 'no_quota' ? rows : null;
    });
    expect(row.attempts).toBe(1);
    expect(await messages(t.standin, m.openid)).toHaveLength(0);
    const inbox = await t.http.get('/api/v1/notifications').set('Authorization', bearer(m.token));
    expect(inbox.body.items[0]).toMatchObject({ title: '生日祝福', delivery: 'no_quota' });
  });

  it('retries WeChat -1 with back-off: busy twice, then delivered once', async () => {
    const m = await bindMember(t, tree.branchA.id, { name: 'busy', ...BORN });
    await subscribe(t, m.token);
    await fault(t.standin, { route: '/cgi-bin/message/subscribe/send', errcode: -1, times: 2 });
    await greet(t, tree.branchAStaff.token, m.member.id);
    const [row] = await eventually(async () => {
      const rows = await notificationRows(t, m.userId);
      return rows[0]?.status === 'sent' ? rows : null;
    });
    expect(row.attempts).toBe(3);
    expect(await messages(t.standin, m.openid)).toHaveLength(1);
    const q = await t.http.get('/api/v1/subscriptions/templates').set('Authorization', bearer(m.token));
    expect(q.body.find((x: { key: string }) => x.key === 'greeting').remaining).toBe(0); // spent once, not three times
  });

  it('records 43101 as no_quota without retrying, and sets the quota to 0', async () => {
    const m = await bindMember(t, tree.branchA.id, { name: 'refused', ...BORN });
    await subscribe(t, m.token, 3);
    await fault(t.standin, { route: '/cgi-bin/message/subscribe/send', errcode: 43101, times: 1 });
    await greet(t, tree.branchAStaff.token, m.member.id);
    const [row] = await eventually(async () => {
      const rows = await notificationRows(t, m.userId);
      return rows[0]?.status === 'no_quota' ? rows : null;
    });
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('43101');
    const [{ remaining }] = await t.dataSource.query(`SELECT remaining FROM subscription_quota WHERE user_id = $1 AND template_id = $2`, [m.userId, t.config.templates.greeting]);
    expect(remaining).toBe(0);
  });

  it('fails 47003 permanently, keeping the error, and refunds the grant', async () => {
    const m = await bindMember(t, tree.branchA.id, { name: 'badData', ...BORN });
    await subscribe(t, m.token);
    await fault(t.standin, { route: '/cgi-bin/message/subscribe/send', errcode: 47003, times: 1 });
    await greet(t, tree.branchAStaff.token, m.member.id);
    const [row] = await eventually(async () => {
      const rows = await notificationRows(t, m.userId);
      return rows[0]?.status === 'failed' ? rows : null;
    });
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/^47003/);
    const [{ remaining }] = await t.dataSource.query(`SELECT remaining FROM subscription_quota WHERE user_id = $1`, [m.userId]);
    expect(remaining).toBe(1);
  });

  it('refreshes an expired access token once and delivers', async () => {
    const m = await bindMember(t, tree.branchA.id, { name: 'tokenExpired', ...BORN });
    await subscribe(t, m.token);
    // get a token issued first, then let it expire at the stand-in
    const warm = await bindMember(t, tree.branchA.id, { name: 'warm', ...BORN });
    await subscribe(t, warm.token);
    await greet(t, tree.branchAStaff.token, warm.member.id);
    await eventually(async () => (await messages(t.standin, warm.openid)).length === 1);
    const before = await calls(t.standin);
    await fetch(`${t.standin.url}/__standin/expire-tokens`, { method: 'POST' });
    await greet(t, tree.branchAStaff.token, m.member.id);
    await eventually(async () => (await messages(t.standin, m.openid)).length === 1);
    const after = await calls(t.standin);
    expect((after['/cgi-bin/stable_token'] ?? 0) - (before['/cgi-bin/stable_token'] ?? 0)).toBe(1);
  });

  it('does not make requests wait for a slow WeChat', async () => {
    const m = await bindMember(t, tree.branchA.id, { name: 'slowWechat', ...BORN });
    await subscribe(t, m.token);
    await fault(t.standin, { route: '/cgi-bin/message/subscribe/send', delayMs: 900, times: 5 });
    const t0 = Date.now();
    const res = await greet(t, tree.branchAStaff.token, m.member.id);
    expect(res.status).toBe(201);
    expect(Date.now() - t0).toBeLessThan(500);
    // meanwhile other requests are served promptly too
    const t1 = Date.now();
    expect((await t.http.get('/api/v1/health')).status).toBe(200);
    expect(Date.now() - t1).toBeLessThan(300);
    await eventually(async () => (await messages(t.standin, m.openid)).length === 1);
  });

  it('marks a notification read for its recipient only', async () => {
    const m = await bindMember(t, tree.branchA.id, { name: 'reader', ...BORN });
    await greet(t, tree.branchAStaff.token, m.member.id);
    const inbox = await t.http.get('/api/v1/notifications').set('Authorization', bearer(m.token));
    const id = inbox.body.items[0].id;
    const other = await user(t, 'snoop');
    expect((await t.http.post(`/api/v1/notifications/${id}/read`).set('Authorization', bearer(other.token))).status).toBe(404);
    const read = await t.http.post(`/api/v1/notifications/${id}/read`).set('Authorization', bearer(m.token));
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await t.http.get('/api/v1/notifications').set('Authorization', bearer(m.token));
    expect(again.body.unread).toBe(0);
    expect((await t.http.post('/api/v1/notifications/nope/read').set('Authorization', bearer(m.token))).status).toBe(404);
    expect((await t.http.get('/api/v1/notifications')).status).toBe(401);
  });
});

describe('delivery bounds', () => {
  it('gives up after the configured attempts and marks the notification failed', async () => {
    const t = await createTestApp({ env: { NOTIFY_MAX_ATTEMPTS: '3' } });
    try {
      const tree = await buildTree(t);
      const m = await bindMember(t, tree.branchA.id, { name: 'alwaysBusy', ...BORN });
      await subscribe(t, m.token);
      await fault(t.standin, { route: '/cgi-bin/message/subscribe/send', errcode: -1, times: 10 });
      await greet(t, tree.branchAStaff.token, m.member.id);
      const [row] = await eventually(async () => {
        const rows = await notificationRows(t, m.userId);
        return rows[0]?.status === 'failed' ? rows : null;
      });
      expect(row.attempts).toBe(3);
      expect(row.last_error).toMatch(/^-1/);
      expect(await messages(t.standin, m.openid)).toHaveLength(0);
    } finally {
      await t.close();
    }
  });

  it('re-claims a row whose worker died mid-send once its lease ran out, and delivers it once', async () => {
    const t = await createTestApp({ env: { NOTIFY_WORKERS: '0' } });
    try {
      const tree = await buildTree(t);
      const m = await bindMember(t, tree.branchA.id, { name: 'orphaned', ...BORN });
      await subscribe(t, m.token);
      await greet(t, tree.branchAStaff.token, m.member.id);
      // as if a worker claimed it and then the process died
      await t.dataSource.query(`UPDATE notification SET status = 'sending', attempts = 1, locked_until = now() - interval '1 second' WHERE user_id = $1`, [m.userId]);
      const second = await createTestApp({ databaseUrl: t.databaseUrl, standin: t.standin });
      try {
        await eventually(async () => (await notificationRows(t, m.userId))[0]?.status === 'sent');
        await new Promise((r) => setTimeout(r, 400));
        expect(await messages(t.standin, m.openid)).toHaveLength(1);
        expect((await notificationRows(t, m.userId))[0].attempts).toBe(2);
      } finally {
        await second.close();
      }
    } finally {
      await t.close();
    }
  });
});
