import { describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { ADMIN_OPENID, bearer, createTestApp, useTestApp } from './support/app.js';
import { count, expectErrorShape, uniqueOpenid } from './support/fixtures.js';

describe('POST /auth/wechat-login and GET /me', () => {
  const t = useTestApp();

  it('creates the user on first login, keyed by openid, and returns a token that works', async () => {
    const openid = uniqueOpenid('alice');
    const first = await t.http.post('/api/v1/auth/wechat-login').send({ code: `dev:${openid}` });
    expect(first.status).toBe(200);
    expect(first.body.token).toEqual(expect.any(String));
    expect(new Date(first.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(first.body.user).toMatchObject({ roles: [], member: null });
    expect(JSON.stringify(first.body)).not.toMatch(/session_key|sessionKey|openid/i);
    const again = await t.login(openid);
    expect(again.user.id).toBe(first.body.user.id);
    const me = await t.http.get('/api/v1/me').set('Authorization', bearer(first.body.token));
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(first.body.user.id);
  });

  it('makes BOOTSTRAP_ADMIN_OPENIDS admins', async () => {
    const res = await t.login(ADMIN_OPENID);
    expect(res.user.roles).toContainEqual({ role: 'admin' });
  });

  it.each([
    ['missing code', {}, 'code'],
    ['wrong type', { code: 12345 }, 'code'],
    ['over-long code', { code: 'dev:' + 'x'.repeat(200) }, 'code'],
    ['unknown field', { code: 'dev:abc', admin: true }, 'admin'],
  ])('refuses %s with 400 VALIDATION_FAILED naming the field, and writes nothing', async (_n, body, field) => {
    const before = await count(t, 'app_user');
    const res = await t.http.post('/api/v1/auth/wechat-login').send(body);
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await count(t, 'app_user')).toBe(before);
  });

  it('answers an invalid code (WeChat 40029) with 401 WECHAT_CODE_INVALID', async () => {
    const res = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'not-a-real-code' });
    expect(res.status).toBe(401);
    expectErrorShape(res.body, 401, 'WECHAT_CODE_INVALID');
  });

  it('answers 503 within a bounded time when WeChat is slow', async () => {
    await fetch(`${t.standin.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: '/sns/jscode2session', delayMs: 5000, times: 1 }),
    });
    const t0 = Date.now();
    const res = await t.http.post('/api/v1/auth/wechat-login').send({ code: `dev:${uniqueOpenid('slow')}` });
    expect(res.status).toBe(503);
    expectErrorShape(res.body, 503, 'WECHAT_UNAVAILABLE');
    expect(Date.now() - t0).toBeLessThan(3000); // WECHAT_TIMEOUT_MS is 1000 in tests
  });

  it('answers 503 when WeChat is busy (-1)', async () => {
    await fetch(`${t.standin.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: '/sns/jscode2session', errcode: -1, times: 1 }),
    });
    const res = await t.http.post('/api/v1/auth/wechat-login').send({ code: `dev:${uniqueOpenid('busy')}` });
    expect(res.status).toBe(503);
  });

  it('answers 503 when WeChat is unreachable', async () => {
    const dead = await createTestApp({ databaseUrl: t.databaseUrl, env: { WECHAT_API_BASE: 'http://127.0.0.1:1' } });
    try {
      const res = await dead.http.post('/api/v1/auth/wechat-login').send({ code: `dev:${uniqueOpenid('x')}` });
      expect(res.status).toBe(503);
      expectErrorShape(res.body, 503, 'WECHAT_UNAVAILABLE');
    } finally {
      await dead.close();
    }
  });

  it('refuses /me without a token, with a forged token and with an expired one', async () => {
    const none = await t.http.get('/api/v1/me');
    expect(none.status).toBe(401);
    expectErrorShape(none.body, 401, 'UNAUTHENTICATED');
    const forged = jwt.sign({}, 'some-other-secret', { subject: '00000000-0000-0000-0000-000000000000', issuer: 'xianfeng' });
    expect((await t.http.get('/api/v1/me').set('Authorization', bearer(forged))).status).toBe(401);
    const { user } = await t.login(uniqueOpenid('expired'));
    const expired = jwt.sign({ exp: Math.floor(Date.now() / 1000) - 10 }, t.config.jwtSecret, { subject: user.id, issuer: 'xianfeng' });
    const res = await t.http.get('/api/v1/me').set('Authorization', bearer(expired));
    expect(res.status).toBe(401);
    expectErrorShape(res.body, 401, 'TOKEN_EXPIRED');
  });

  it('lets fifty phones behind one Wi-Fi log in within a minute', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.http.post('/api/v1/auth/wechat-login').send({ code: `dev:${uniqueOpenid('meeting' + i)}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
  });
});

describe('login rate limit', () => {
  it('answers 429 in the error shape past the configured per-IP limit', async () => {
    const t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '5' } });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 7; i++) {
        last = await t.http.post('/api/v1/auth/wechat-login').send({ code: `dev:${uniqueOpenid('rl')}` });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expectErrorShape(last!.body, 429, 'RATE_LIMITED');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
