import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startStandin, type StandinHandle } from './standin.js';

let standin: StandinHandle;

type Body = Record<string, any>;

async function get(path: string, query: Record<string, string> = {}): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${standin.url}${path}?${new URLSearchParams(query)}`);
  return { status: res.status, body: (await res.json()) as Body };
}

async function post(path: string, body: unknown, query: Record<string, string> = {}): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${standin.url}${path}?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const APP = { appid: 'wx-test', secret: 'test-secret' };

async function stableToken(force = false): Promise<string> {
  const { body } = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', ...APP, force_refresh: force });
  expect(body.errcode ?? 0).toBe(0);
  return body.access_token as string;
}

const message = (over: Body = {}) => ({
  touser: 'openid-1',
  template_id: 'TPL_GREETING',
  page: 'pages/greetings/index?id=1',
  data: { thing1: { value: '生日快乐' }, time2: { value: '2025-07-01 09:00' } },
  miniprogram_state: 'developer',
  lang: 'zh_CN',
  ...over,
});

beforeAll(async () => {
  standin = await startStandin({ appId: APP.appid, secret: APP.secret });
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  await post('/__standin/reset', {});
});

describe('stand-in WeChat: login (jscode2session)', () => {
  const login = (js_code: string, over: Record<string, string> = {}) =>
    get('/sns/jscode2session', { ...APP, js_code, grant_type: 'authorization_code', ...over });

  it('accepts dev:<openid>, answers the openid and a session key, and the code is reusable', async () => {
    const first = await login('dev:alice_01');
    expect(first.status).toBe(200);
    expect(first.body.openid).toBe('alice_01');
    expect(Buffer.from(first.body.session_key, 'base64')).toHaveLength(16);
    expect(first.body.errcode).toBeUndefined();
    const again = await login('dev:alice_01');
    expect(again.body.openid).toBe('alice_01');
  });

  it.each(['abc', 'dev:', 'dev:has space', `dev:${'x'.repeat(65)}`, 'DEV:alice'])('rejects %p with 40029', async (code) => {
    const { status, body } = await login(code);
    expect(status).toBe(200);
    expect(body.errcode).toBe(40029);
    expect(body.errmsg).toContain('invalid code');
  });

  it('answers missing parameters and wrong credentials like WeChat', async () => {
    expect((await get('/sns/jscode2session', { ...APP, grant_type: 'authorization_code' })).body.errcode).toBe(41008);
    expect((await get('/sns/jscode2session', { secret: APP.secret, js_code: 'dev:a', grant_type: 'authorization_code' })).body.errcode).toBe(41002);
    expect((await login('dev:a', { appid: 'wx-other' })).body.errcode).toBe(40013);
    expect((await login('dev:a', { secret: 'nope' })).body.errcode).toBe(40125);
    expect((await login('dev:a', { grant_type: 'nope' })).body.errcode).toBe(40002);
  });

  it('wants GET', async () => {
    expect((await post('/sns/jscode2session', {})).body.errcode).toBe(43001);
  });
});

describe('stand-in WeChat: access tokens', () => {
  it('stable_token returns the same valid token until forced; forcing invalidates the old one (40001)', async () => {
    const a = await stableToken();
    const b = await stableToken();
    expect(b).toBe(a);
    const forced = await stableToken(true);
    expect(forced).not.toBe(a);
    expect((await post('/cgi-bin/message/subscribe/send', message(), { access_token: a })).body.errcode).toBe(40001);
    expect((await post('/cgi-bin/message/subscribe/send', message(), { access_token: forced })).body.errcode).toBe(0);
  });

  it('answers expires_in ≤ 7200', async () => {
    const { body } = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', ...APP });
    expect(body.expires_in).toBeGreaterThan(7000);
    expect(body.expires_in).toBeLessThanOrEqual(7200);
  });

  it('plain /cgi-bin/token: a new one invalidates the old one', async () => {
    const q = { grant_type: 'client_credential', ...APP };
    const first = (await get('/cgi-bin/token', q)).body.access_token as string;
    const second = (await get('/cgi-bin/token', q)).body.access_token as string;
    expect(second).not.toBe(first);
    expect((await post('/cgi-bin/message/subscribe/send', message(), { access_token: first })).body.errcode).toBe(40001);
    expect((await post('/cgi-bin/message/subscribe/send', message(), { access_token: second })).body.errcode).toBe(0);
  });

  it('expire-tokens makes tokens answer 42001; a non-forced stable_token then issues a new one', async () => {
    const token = await stableToken();
    await post('/__standin/expire-tokens', {});
    const { body } = await post('/cgi-bin/message/subscribe/send', message(), { access_token: token });
    expect(body.errcode).toBe(42001);
    expect(body.errmsg).toContain('access_token expired');
    const fresh = await stableToken();
    expect(fresh).not.toBe(token);
    expect((await post('/cgi-bin/message/subscribe/send', message(), { access_token: fresh })).body.errcode).toBe(0);
  });

  it('unknown token → 40001, missing token → 41001', async () => {
    expect((await post('/cgi-bin/message/subscribe/send', message(), { access_token: 'made-up' })).body.errcode).toBe(40001);
    expect((await post('/cgi-bin/message/subscribe/send', message())).body.errcode).toBe(41001);
  });

  it('checks appid and secret', async () => {
    const bad = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APP.appid, secret: 'x' });
    expect(bad.body.errcode).toBe(40125);
  });
});

describe('stand-in WeChat: subscribe messages', () => {
  it('accepts sends and gives them back in arrival order, over HTTP and through the handle', async () => {
    const token = await stableToken();
    const answers = [];
    for (const touser of ['u1', 'u2', 'u3']) {
      answers.push((await post('/cgi-bin/message/subscribe/send', message({ touser }), { access_token: token })).body);
    }
    for (const a of answers) expect(a).toMatchObject({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    expect(new Set(answers.map((a) => a.msgid)).size).toBe(3);
    const listed = (await get('/__standin/messages')).body as unknown as Body[];
    expect(listed.map((m) => m.touser)).toEqual(['u1', 'u2', 'u3']);
    expect(listed[0]).toEqual(message({ touser: 'u1' }));
    expect(standin.messages().map((m) => m.touser)).toEqual(['u1', 'u2', 'u3']);

    await fetch(`${standin.url}/__standin/messages`, { method: 'DELETE' });
    expect((await get('/__standin/messages')).body).toEqual([]);
  });

  it('47003 naming the field for an over-long thing value, and nothing is stored', async () => {
    const token = await stableToken();
    const { body } = await post(
      '/cgi-bin/message/subscribe/send',
      message({ data: { thing1: { value: '一'.repeat(21) } } }),
      { access_token: token },
    );
    expect(body.errcode).toBe(47003);
    expect(body.errmsg).toContain('data.thing1.value');
    const ok = await post('/cgi-bin/message/subscribe/send', message({ data: { thing1: { value: '一'.repeat(20) } } }), {
      access_token: token,
    });
    expect(ok.body.errcode).toBe(0);
    expect(standin.messages()).toHaveLength(1);
  });

  it.each([
    ['missing data', { data: undefined }, 47003, 'data'],
    ['empty data', { data: {} }, 47003, 'data'],
    ['value not a string', { data: { thing1: { value: 3 } } }, 47003, 'data.thing1.value'],
    ['entry without value', { data: { thing1: 'x' } }, 47003, 'data.thing1.value'],
    ['name of 11 Chinese characters', { data: { name1: { value: '张'.repeat(11) } } }, 47003, 'data.name1.value'],
    ['phrase of 6', { data: { phrase3: { value: '已经完成了吧' } } }, 47003, 'data.phrase3.value'],
    ['number not digits', { data: { number2: { value: '3人' } } }, 47003, 'data.number2.value'],
    ['phone_number of 18', { data: { phone_number1: { value: '1'.repeat(18) } } }, 47003, 'data.phone_number1.value'],
    ['no touser', { touser: '' }, 40003, 'openid'],
    ['no template_id', { template_id: undefined }, 40037, 'template_id'],
  ])('%s is refused', async (_name, over, errcode, named) => {
    const token = await stableToken();
    const { body } = await post('/cgi-bin/message/subscribe/send', message(over as Body), { access_token: token });
    expect(body.errcode).toBe(errcode);
    expect(body.errmsg).toContain(named);
    expect(standin.messages()).toHaveLength(0);
  });

  it('accepts a latin name of 20 letters', async () => {
    const token = await stableToken();
    const { body } = await post('/cgi-bin/message/subscribe/send', message({ data: { name1: { value: 'a'.repeat(20) } } }), {
      access_token: token,
    });
    expect(body.errcode).toBe(0);
  });

  it('malformed JSON → 47001, empty body → 44002', async () => {
    const token = await stableToken();
    expect((await post('/cgi-bin/message/subscribe/send', '{nope', { access_token: token })).body.errcode).toBe(47001);
    expect((await post('/cgi-bin/message/subscribe/send', '', { access_token: token })).body.errcode).toBe(44002);
  });
});

describe('stand-in WeChat: faults', () => {
  const SEND = '/cgi-bin/message/subscribe/send';

  it('answers an errcode for the next N calls of a route, then behaves again', async () => {
    const token = await stableToken();
    expect((await post('/__standin/faults', { route: SEND, errcode: -1, times: 2 })).status).toBe(200);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await post(SEND, message(), { access_token: token })).body.errcode);
    expect(codes).toEqual([-1, -1, 0]);
    expect(standin.messages()).toHaveLength(1);
  });

  it('holds the answer back for delayMs', async () => {
    const token = await stableToken();
    await post('/__standin/faults', { route: SEND, delayMs: 300, times: 1 });
    const started = Date.now();
    const { body } = await post(SEND, message(), { access_token: token });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(body.errcode).toBe(0);
  });

  it('answers a raw HTTP status', async () => {
    await post('/__standin/faults', { route: '/cgi-bin/stable_token', status: 502, times: 1 });
    const res = await fetch(`${standin.url}/cgi-bin/stable_token`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(502);
    await res.text();
    expect(await stableToken()).toEqual(expect.any(String));
  });

  it('drops the connection', async () => {
    await post('/__standin/faults', { route: '/sns/jscode2session', drop: true, times: 1 });
    await expect(fetch(`${standin.url}/sns/jscode2session`)).rejects.toThrow();
  });

  it('ignores the query string in the route; DELETE clears faults; bad specs → 400', async () => {
    await post('/__standin/faults', { route: `${SEND}?access_token=x`, errcode: 45009, times: 5 });
    await fetch(`${standin.url}/__standin/faults`, { method: 'DELETE' });
    const token = await stableToken();
    expect((await post(SEND, message(), { access_token: token })).body.errcode).toBe(0);
    expect((await post('/__standin/faults', { route: 'nope', times: 1 })).status).toBe(400);
    expect((await post('/__standin/faults', { route: SEND, times: 0 })).status).toBe(400);
  });
});

describe('stand-in WeChat: msg_sec_check', () => {
  const check = async (content: string) => {
    const token = await stableToken();
    return (await post('/wxa/msg_sec_check', { version: 2, openid: 'o1', scene: 2, content }, { access_token: token })).body;
  };

  it.each([
    ['今天天气很好', 'pass', 100],
    ['一起去赌博吧', 'risky', 20006],
    ['this has a RiskyWord in it', 'risky', 21000],
    ['这条待审一下', 'review', 21000],
  ])('%p → %s', async (content, suggest, label) => {
    const body = await check(content);
    expect(body.errcode).toBe(0);
    expect(body.result).toEqual({ suggest, label });
    expect(body.detail).toEqual(expect.any(Array));
    expect(body.trace_id).toEqual(expect.any(String));
  });

  it('rejects bad input', async () => {
    const token = await stableToken();
    const q = { access_token: token };
    expect((await post('/wxa/msg_sec_check', { version: 2, scene: 2, content: 'x' }, q)).body.errcode).toBe(40003);
    expect((await post('/wxa/msg_sec_check', { version: 2, openid: 'o', scene: 9, content: 'x' }, q)).body.errcode).toBe(40097);
    expect((await post('/wxa/msg_sec_check', { version: 2, openid: 'o', scene: 1, content: 'x'.repeat(2501) }, q)).body.errcode).toBe(47001);
    expect((await post('/wxa/msg_sec_check', { version: 2, openid: 'o', scene: 1, content: 'x' })).body.errcode).toBe(41001);
  });

  it('uses a configured word list', async () => {
    const custom = await startStandin({ riskyWords: ['香蕉'] });
    try {
      const token = (
        (await (
          await fetch(`${custom.url}/cgi-bin/stable_token`, {
            method: 'POST',
            body: JSON.stringify({ grant_type: 'client_credential', ...APP }),
          })
        ).json()) as Body
      ).access_token;
      const res = await fetch(`${custom.url}/wxa/msg_sec_check?access_token=${token}`, {
        method: 'POST',
        body: JSON.stringify({ version: 2, openid: 'o', scene: 1, content: '我爱香蕉，也爱赌博' }),
      });
      expect(((await res.json()) as Body).result.suggest).toBe('risky');
    } finally {
      await custom.close();
    }
  });
});

describe('stand-in WeChat: phone number', () => {
  it('dev-phone:<digits> → phone_info; anything else → 40029', async () => {
    const token = await stableToken();
    const ok = await post('/wxa/business/getuserphonenumber', { code: 'dev-phone:13800138000' }, { access_token: token });
    expect(ok.body).toMatchObject({
      errcode: 0,
      phone_info: { phoneNumber: '13800138000', purePhoneNumber: '13800138000', countryCode: '86' },
    });
    const bad = await post('/wxa/business/getuserphonenumber', { code: 'whatever' }, { access_token: token });
    expect(bad.body.errcode).toBe(40029);
  });
});

describe('stand-in WeChat: control routes', () => {
  it('counts calls per route, faulted ones included', async () => {
    await post('/__standin/faults', { route: '/cgi-bin/stable_token', errcode: -1, times: 1 });
    await post('/cgi-bin/stable_token', { grant_type: 'client_credential', ...APP });
    await stableToken();
    await stableToken();
    await get('/sns/jscode2session', { ...APP, js_code: 'dev:x', grant_type: 'authorization_code' });
    expect((await get('/__standin/calls')).body).toEqual({ '/cgi-bin/stable_token': 3, '/sns/jscode2session': 1 });
  });

  it('reset forgets tokens, messages and counts', async () => {
    const token = await stableToken();
    await post('/cgi-bin/message/subscribe/send', message(), { access_token: token });
    await post('/__standin/reset', {});
    expect(standin.messages()).toEqual([]);
    expect((await get('/__standin/calls')).body).toEqual({});
    expect((await post('/cgi-bin/message/subscribe/send', message(), { access_token: token })).body.errcode).toBe(40001);
  });

  it('health, and 404 for unknown routes', async () => {
    expect((await get('/__standin/health')).body).toEqual({ ok: true });
    const unknown = await get('/cgi-bin/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ errcode: -1, errmsg: 'not found' });
  });
});
