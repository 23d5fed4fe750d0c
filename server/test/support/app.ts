import { afterAll, beforeAll } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { LoginResponse } from '@xianfeng/shared';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createNestApp } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { startStandin, type StandinHandle } from '../../src/wechat/standin/standin.js';
import { createTestDatabase } from './db.js';

export interface TestApp {
  app: INestApplication;
  /** Base URL of the API server, listening on a real port. */
  url: string;
  /** supertest bound to the real HTTP server. */
  http: ReturnType<typeof request>;
  standin: StandinHandle;
  dataSource: DataSource;
  config: AppConfig;
  databaseUrl: string;
  /** Logs in through the stand-in WeChat (`dev:<openid>`) and returns the token and user. */
  login(openid: string): Promise<LoginResponse>;
  close(): Promise<void>;
}

export const ADMIN_OPENID = 'test-admin';

/**
 * A real application on a real port, against its own fresh PostgreSQL database and its own stand-in
 * WeChat server reached over HTTP. Pass `databaseUrl` to start a second instance on the same database.
 */
export interface TestAppOptions {
  env?: Record<string, string>;
  databaseUrl?: string;
  standin?: StandinHandle;
  logDestination?: { write(line: string): void };
}

export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = opts.databaseUrl ?? (await createTestDatabase());
  const standin = opts.standin ?? (await startStandin({ port: 0 }));
  const dataDir = await mkdtemp(join(tmpdir(), 'xianfeng-app-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret',
    BOOTSTRAP_ADMIN_OPENIDS: ADMIN_OPENID,
    WECHAT_API_BASE: standin.url,
    WECHAT_TIMEOUT_MS: '1000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    H5_DIR: join(dataDir, 'no-h5'),
    JOBS_ENABLED: 'false',
    NOTIFY_POLL_MS: '100',
    NOTIFY_RETRY_BASE_MS: '50',
    NOTIFY_RETRY_MAX_MS: '200',
    WECHAT_PUSH_TOKEN: 'testpushtoken',
    WECHAT_PUSH_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    ...opts.env,
  });
  const app = await createNestApp(config, databaseUrl, { logDestination: opts.logDestination });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  config.publicBaseUrl = url;
  // Image-check verdicts of this app's uploads come back here (a shared stand-in follows the last app).
  standin.setPushTarget({ url: `${url}/api/v1/wechat/push`, token: config.wechatPush.token, aesKey: config.wechatPush.aesKey, appId: config.wechatAppId });
  const http = request(url);
  return {
    app,
    url,
    http,
    standin,
    dataSource: app.get(DataSource),
    config,
    databaseUrl,
    async login(openid: string) {
      const res = await http.post('/api/v1/auth/wechat-login').send({ code: `dev:${openid}` });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as LoginResponse;
    },
    async close() {
      await app.close();
      if (!opts.standin) await standin.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One application for the enclosing `describe`: created in its beforeAll, closed in its afterAll.
 * The handle it returns forwards to that application, so it can be read in tests and hooks (not
 * while jest collects the tests, before the application exists).
 */
export function useTestApp(opts: TestAppOptions = {}): TestApp {
  let current: TestApp | null = null;
  beforeAll(async () => {
    current = await createTestApp(opts);
  });
  afterAll(async () => {
    await current?.close();
    current = null;
  });
  return new Proxy({} as TestApp, {
    get(_target, key) {
      if (!current) throw new Error(`useTestApp: no application running (t.${String(key)} read outside a test or hook)`);
      return Reflect.get(current, key);
    },
  });
}

/** `Authorization` header value for a token. */
export const bearer = (token: string) => `Bearer ${token}`;
