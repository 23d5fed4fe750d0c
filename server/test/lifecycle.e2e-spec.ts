import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The real product binary (dist/main.js, built by the test script) with its embedded PostgreSQL:
 * data survives a restart and a kill -9, SIGTERM lets in-flight requests finish, and production
 * refuses to boot without a proper JWT_SECRET.
 */
const MAIN = new URL('../dist/main.js', import.meta.url).pathname;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

interface Running {
  proc: ChildProcess;
  port: number;
  base: string;
  logs: string[];
  standinUrl: string;
  exited: Promise<number | null>;
}

async function start(dataDir: string, env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const logs: string[] = [];
  const proc = spawn(process.execPath, [MAIN], {
    env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'development', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (c: Buffer) => logs.push(...c.toString().split('\n').filter(Boolean)));
  proc.stderr!.on('data', (c: Buffer) => logs.push(...c.toString().split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${logs.join('\n')}`);
    const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const standinLine = logs.find((l) => l.includes('stand-in WeChat server running'));
  const standinUrl = standinLine ? JSON.parse(standinLine).url : '';
  return { proc, port, base, logs, standinUrl, exited };
}

async function login(base: string, openid: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/wechat-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `dev:${openid}` }) });
  return ((await res.json()) as { token: string }).token;
}

const postmasterPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the product process', () => {
  const dirs: string[] = [];
  const procs: ChildProcess[] = [];
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), 'xianfeng-life-'));
    await chmod(d, 0o755);
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    for (const d of dirs) {
      if (existsSync(join(d, 'pg', 'postmaster.pid'))) {
        const pid = postmasterPid(d);
        if (alive(pid)) process.kill(pid, 'SIGKILL');
      }
      await rm(d, { recursive: true, force: true });
    }
  });

  it('keeps data across a restart and recovers after kill -9, finishing in-flight requests on SIGTERM', async () => {
    const dataDir = await tmp();
    const first = await start(dataDir);
    procs.push(first.proc);
    expect(first.logs.some((l) => l.includes('demo data loaded'))).toBe(true);
    const token = await login(first.base, 'demo-secretary');
    const me = (await (await fetch(`${first.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { roles: Array<{ orgId: string }> };
    const orgId = me.roles[0].orgId;
    const created = await fetch(`${first.base}/api/v1/orgs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '重启后还在的支部', type: 'branch', parentId: orgId }),
    });
    expect(created.status).toBe(201);
    const newOrg = (await created.json()) as { id: string };

    // A login held back 1.5 s by the stand-in WeChat is in flight when SIGTERM arrives: it completes.
    await fetch(`${first.standinUrl}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: '/sns/jscode2session', delayMs: 1500, times: 1 }),
    });
    const inflight = fetch(`${first.base}/api/v1/auth/wechat-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'dev:late-comer' }),
    });
    await new Promise((r) => setTimeout(r, 300));
    const pgPid = postmasterPid(dataDir);
    first.proc.kill('SIGTERM');
    expect((await inflight).status).toBe(200);
    expect(await first.exited).toBe(0);
    expect(alive(pgPid)).toBe(false); // the embedded database was stopped too

    // Restart: same data, no second seeding.
    const second = await start(dataDir);
    procs.push(second.proc);
    expect(second.logs.some((l) => l.includes('demo data loaded'))).toBe(false);
    expect((await fetch(`${second.base}/api/v1/orgs/${newOrg.id}`)).status).toBe(200);
    const orphan = postmasterPid(dataDir);

    // kill -9: the server dies without cleaning up and its postgres is orphaned.
    second.proc.kill('SIGKILL');
    await second.exited;
    expect(alive(orphan)).toBe(true);

    const third = await start(dataDir);
    procs.push(third.proc);
    expect(third.logs.some((l) => l.includes('orphaned postgres'))).toBe(true);
    expect(alive(orphan)).toBe(false);
    const org = await fetch(`${third.base}/api/v1/orgs/${newOrg.id}`);
    expect(org.status).toBe(200);
    expect(((await org.json()) as { name: string }).name).toBe('重启后还在的支部');
    third.proc.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 90_000);

  it.each([
    ['unset', {}],
    ['the development default', { JWT_SECRET: 'dev-only-secret-change-me' }],
    ['too short', { JWT_SECRET: 'short' }],
  ])('refuses to boot in production with JWT_SECRET %s, saying why', async (_n, env) => {
    const proc = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x', WECHAT_API_BASE: 'http://127.0.0.1:1', WECHAT_APPID: 'a', WECHAT_SECRET: 'b', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => proc.on('exit', r));
    expect(code).not.toBe(0);
    expect(err).toContain('JWT_SECRET');
  });

  it('keeps tokens, session keys and phone numbers out of the logs', async () => {
    const dataDir = await tmp();
    const run = await start(dataDir, { LOG_LEVEL: 'debug' });
    procs.push(run.proc);
    const login = await fetch(`${run.base}/api/v1/auth/wechat-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'dev:demo-secretary' }),
    });
    const { token, user } = (await login.json()) as { token: string; user: { roles: Array<{ orgId: string }> } };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const phone = '13912345678';
    const created = await fetch(`${run.base}/api/v1/orgs/${user.roles[0].orgId}/members`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: '日志检查', gender: 'female', birthday: '1985-01-01', joinedPartyOn: '2010-07-01', status: 'full', phone, showPhone: true }),
    });
    expect(created.status).toBe(201);
    const { member } = (await created.json()) as { member: { id: string } };
    // the phone travels in bodies, answers and a failing request; none of it may reach the log
    await fetch(`${run.base}/api/v1/members/${member.id}/card`);
    await fetch(`${run.base}/api/v1/orgs/${user.roles[0].orgId}/members?q=${phone}`, { headers: auth });
    await fetch(`${run.base}/api/v1/members/${member.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ phone: `${phone}x` }) });
    await fetch(`${run.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}broken` } });
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const text = run.logs.join('\n');
    expect(run.logs.length).toBeGreaterThan(10); // debug logging was on
    expect(text).toContain('request completed');
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[2]); // not even the signature
    expect(text).not.toContain(phone);
    expect(text).not.toMatch(/session_?key/i);
    expect(text).not.toMatch(/access_token=/);
  }, 60_000);
});
