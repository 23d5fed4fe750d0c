/**
 * The WeChat gateway against the stand-in WeChat server over real HTTP and a real PostgreSQL (the
 * shared access token lives in `wechat_access_token`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger, type LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import { AccessTokenStore } from '../src/wechat/access-token.store.js';
import { startStandin, type StandinHandle } from '../src/wechat/standin/standin.js';
import { WechatApiError, WechatUnavailableError } from '../src/wechat/wechat.errors.js';
import { WechatGateway } from '../src/wechat/wechat.gateway.js';
import { createTestDataSource } from './support/db.js';

const APP_ID = 'wx-e2e-app';
const SECRET = 'e2e-secret-value';

let standin: StandinHandle;
let db: DataSource;
/** A second connection pool to the same database: a second server instance. */
let db2: DataSource;

function config(over: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test' }),
    wechatApiBase: standin.url,
    wechatAppId: APP_ID,
    wechatSecret: SECRET,
    wechatTimeoutMs: 2000,
    ...over,
  };
}

const gateway = (over: Partial<AppConfig> = {}, ds: DataSource = db) => new WechatGateway(config(over), new AccessTokenStore(ds));

async function control(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${standin.url}/__standin${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json();
}
const fault = (f: { route: string; errcode?: number; delayMs?: number; status?: number; drop?: boolean; times: number }) =>
  control('POST', '/faults', f);
const calls = (): Promise<Record<string, number>> => control('GET', '/calls');
const storedToken = async (): Promise<string | undefined> =>
  (await db.query(`SELECT access_token FROM wechat_access_token WHERE app_id = $1`, [APP_ID]))[0]?.access_token;

const message = { touser: 'openid-alice', templateId: 'TPL_GREETING', data: { thing1: { value: '生日快乐' } } };

/** Everything the gateway logs while running `fn`. */
async function captureLogs(fn: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const sink = (...args: unknown[]) => void lines.push(args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' '));
  const logger: LoggerService = { log: sink, warn: sink, error: sink, debug: sink, verbose: sink, fatal: sink };
  Logger.overrideLogger(logger);
  try {
    await fn().catch(() => undefined);
  } finally {
    Logger.overrideLogger(false);
  }
  return lines.join('\n');
}

beforeAll(async () => {
  standin = await startStandin({ appId: APP_ID, secret: SECRET });
  db = await createTestDataSource();
  db2 = new DataSource(db.options);
  await db2.initialize();
  Logger.overrideLogger(false);
});

afterAll(async () => {
  await db2?.destroy();
  await db?.destroy();
  await standin?.close();
});

beforeEach(async () => {
  await control('POST', '/reset');
  await db.query('DELETE FROM wechat_access_token');
});

describe('code2Session', () => {
  it('exchanges a dev code for the openid and a session key', async () => {
    const session = await gateway().code2Session('dev:alice');
    expect(session.openid).toBe('alice');
    expect(session.sessionKey).toEqual(expect.any(String));
    expect(session.unionid).toBeUndefined();
  });

  it('an invalid code → WechatApiError 40029, not retryable', async () => {
    const err = await gateway().code2Session('not-a-code').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect(err).toMatchObject({ errcode: 40029, api: 'code2Session', retryable: false });
  });

  it('wrong app credentials → WechatApiError 40125', async () => {
    await expect(gateway({ wechatSecret: 'wrong' }).code2Session('dev:alice')).rejects.toMatchObject({ errcode: 40125 });
  });
});

describe('WeChat unreachable or misbehaving → WechatUnavailableError', () => {
  it('gives up on a slow WeChat after wechatTimeoutMs', async () => {
    await fault({ route: '/sns/jscode2session', delayMs: 3000, times: 1 });
    const started = Date.now();
    const err = await gateway({ wechatTimeoutMs: 300 }).code2Session('dev:alice').catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(WechatUnavailableError);
    expect((err as WechatUnavailableError).message).toContain('300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
  });

  it('a closed port', async () => {
    const gone = await startStandin();
    const url = gone.url;
    await gone.close();
    const started = Date.now();
    const err = await gateway({ wechatApiBase: url }).code2Session('dev:alice').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatUnavailableError);
    expect((err as WechatUnavailableError).retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a non-2xx HTTP status', async () => {
    await fault({ route: '/sns/jscode2session', status: 502, times: 1 });
    await expect(gateway().code2Session('dev:alice')).rejects.toMatchObject({ name: 'WechatUnavailableError', status: 502 });
  });

  it('a dropped connection', async () => {
    await fault({ route: '/sns/jscode2session', drop: true, times: 1 });
    await expect(gateway().code2Session('dev:alice')).rejects.toBeInstanceOf(WechatUnavailableError);
  });

  it('a body that is not JSON', async () => {
    const server: Server = createServer((_req, res) => res.end('<html>gateway says hi</html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(gateway({ wechatApiBase: base }).code2Session('dev:alice')).rejects.toBeInstanceOf(WechatUnavailableError);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('no base URL configured → a clear error at call time, not at construction', async () => {
    const gw = gateway({ wechatApiBase: null });
    await expect(gw.code2Session('dev:alice')).rejects.toThrow(/WECHAT_API_BASE/);
  });
});

describe('access token', () => {
  it('is fetched once with stable_token, stored in the database, and reused', async () => {
    const gw = gateway();
    const token = await gw.getAccessToken();
    expect(await gw.getAccessToken()).toBe(token);
    expect(await gateway().getAccessToken()).toBe(token);
    expect(await storedToken()).toBe(token);
    expect(await calls()).toEqual({ '/cgi-bin/stable_token': 1 });
    const [row] = await db.query(
      `SELECT extract(epoch FROM expires_at - now())::int AS ttl FROM wechat_access_token WHERE app_id = $1`,
      [APP_ID],
    );
    expect(row.ttl).toBeGreaterThan(7000);
  });

  it('is refreshed when it is about to expire', async () => {
    const gw = gateway();
    const old = await gw.getAccessToken();
    await db.query(`UPDATE wechat_access_token SET expires_at = now() + interval '60 seconds'`);
    await control('POST', '/expire-tokens'); // WeChat's side agrees the old one is at its end
    const fresh = await gw.getAccessToken();
    expect(fresh).not.toBe(old);
    expect(await storedToken()).toBe(fresh);
  });

  it('expired at WeChat → exactly one refresh, then the call succeeds', async () => {
    const gw = gateway();
    const old = await gw.getAccessToken();
    await control('DELETE', '/calls');
    await control('POST', '/expire-tokens');

    const result = await gw.sendSubscribeMessage(message);

    expect(result.msgid).toEqual(expect.any(String));
    expect(await calls()).toEqual({ '/cgi-bin/stable_token': 1, '/cgi-bin/message/subscribe/send': 2 });
    const fresh = await storedToken();
    expect(fresh).not.toBe(old);
    expect(standin.messages()).toEqual([
      expect.objectContaining({ touser: 'openid-alice', template_id: 'TPL_GREETING', lang: 'zh_CN' }),
    ]);
  });

  it('rejected twice → the second failure is thrown, after one refresh', async () => {
    const gw = gateway();
    await gw.getAccessToken();
    await fault({ route: '/cgi-bin/message/subscribe/send', errcode: 40001, times: 2 });
    await expect(gw.sendSubscribeMessage(message)).rejects.toMatchObject({ name: 'WechatApiError', errcode: 40001 });
    const c = await calls();
    expect(c['/cgi-bin/message/subscribe/send']).toBe(2);
    expect(c['/cgi-bin/stable_token']).toBe(2); // the first fetch and the one refresh
    expect(standin.messages()).toEqual([]);
  });

  it('two instances sharing one database, 10 concurrent callers each → one fetch, one token', async () => {
    const a = gateway({}, db);
    const b = gateway({}, db2);
    const tokens = await Promise.all([
      ...Array.from({ length: 10 }, () => a.getAccessToken()),
      ...Array.from({ length: 10 }, () => b.getAccessToken()),
    ]);
    expect(new Set(tokens).size).toBe(1);
    expect(await calls()).toEqual({ '/cgi-bin/stable_token': 1 });
    expect(await storedToken()).toBe(tokens[0]);
  });

  it('two instances hitting an expired token at once → one refresh between them, both sends succeed', async () => {
    const a = gateway({}, db);
    const b = gateway({}, db2);
    await a.getAccessToken();
    await control('DELETE', '/calls');
    await control('POST', '/expire-tokens');

    const results = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => a.sendSubscribeMessage({ ...message, touser: `a${i}` })),
      ...Array.from({ length: 5 }, (_, i) => b.sendSubscribeMessage({ ...message, touser: `b${i}` })),
    ]);

    expect(results.every((r) => typeof r.msgid === 'string')).toBe(true);
    expect((await calls())['/cgi-bin/stable_token']).toBe(1);
    expect(standin.messages()).toHaveLength(10);
  });
});

describe('token-bearing calls', () => {
  it('system busy (-1) → WechatApiError with retryable true, and no token refresh', async () => {
    const gw = gateway();
    await gw.getAccessToken();
    await fault({ route: '/cgi-bin/message/subscribe/send', errcode: -1, times: 1 });
    const err = await gw.sendSubscribeMessage(message).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect(err).toMatchObject({ errcode: -1, retryable: true, api: 'sendSubscribeMessage' });
    expect(await calls()).toEqual({ '/cgi-bin/stable_token': 1, '/cgi-bin/message/subscribe/send': 1 });
  });

  it('no grant left (43101) is a permanent WechatApiError', async () => {
    await fault({ route: '/cgi-bin/message/subscribe/send', errcode: 43101, times: 1 });
    await expect(gateway().sendSubscribeMessage(message)).rejects.toMatchObject({ errcode: 43101, retryable: false });
  });

  it('bad template data → 47003 naming the field', async () => {
    const err = await gateway()
      .sendSubscribeMessage({ ...message, data: { thing1: { value: '长'.repeat(21) } } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ errcode: 47003 });
    expect((err as WechatApiError).errmsg).toContain('data.thing1.value');
  });

  it('sends page and miniprogram_state as WeChat names them', async () => {
    await gateway().sendSubscribeMessage({ ...message, page: 'pages/greetings/index?id=1', miniprogramState: 'developer' });
    expect(standin.messages()[0]).toEqual({
      touser: 'openid-alice',
      template_id: 'TPL_GREETING',
      page: 'pages/greetings/index?id=1',
      data: { thing1: { value: '生日快乐' } },
      miniprogram_state: 'developer',
      lang: 'zh_CN',
    });
  });

  it('msgSecCheck: pass, review, risky', async () => {
    const gw = gateway();
    expect(await gw.msgSecCheck({ openid: 'o1', scene: 2, content: '帮忙修一下楼道灯' })).toEqual({ suggest: 'pass', label: 100 });
    expect((await gw.msgSecCheck({ openid: 'o1', scene: 2, content: '这个待审' })).suggest).toBe('review');
    expect((await gw.msgSecCheck({ openid: 'o1', scene: 2, content: '来赌博' })).suggest).toBe('risky');
  });

  it('getPhoneNumber', async () => {
    expect(await gateway().getPhoneNumber('dev-phone:13800138000')).toEqual({
      phoneNumber: '13800138000',
      purePhoneNumber: '13800138000',
      countryCode: '86',
    });
    await expect(gateway().getPhoneNumber('nope')).rejects.toMatchObject({ errcode: 40029 });
  });
});

describe('logging', () => {
  it('names the api and errcode but never the token, secret, session key, openid or phone', async () => {
    const gw = gateway();
    const token = await gw.getAccessToken();
    await control('POST', '/expire-tokens');
    await fault({ route: '/wxa/business/getuserphonenumber', errcode: -1, times: 1 });
    const logs = await captureLogs(async () => {
      await gw.sendSubscribeMessage({ ...message, touser: 'openid-secretive' });
      await gw.code2Session('dev:openid-secretive');
      await gw.getPhoneNumber('dev-phone:13900001111').catch(() => undefined);
      await gw.getPhoneNumber('dev-phone:13900001111');
      await gw.code2Session('bad-code').catch(() => undefined);
    });
    expect(logs).toContain('sendSubscribeMessage');
    expect(logs).toContain('errcode=42001');
    expect(logs).toContain('errcode=-1');
    for (const secret of [token, (await storedToken())!, SECRET, 'openid-secretive', '13900001111']) {
      expect(logs).not.toContain(secret);
    }
  });
});
