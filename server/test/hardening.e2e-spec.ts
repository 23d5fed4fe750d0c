import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { loggableError } from '../src/common/logging.js';
import { ADMIN_OPENID, bearer, createTestApp, type TestApp } from './support/app.js';
import { buildTree, createMember, expectErrorShape, uniqueOpenid, type Tree } from './support/fixtures.js';

/** The defects of issue 9, each by the request that showed it. */
describe('hardening', () => {
  let t: TestApp;
  let tree: Tree;
  beforeAll(async () => {
    t = await createTestApp();
    tree = await buildTree(t);
  });
  afterAll(() => t.close());
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it('refuses a NUL character in a query, a body or a cursor with 400, before any route', async () => {
    const q = await t.http.get(`/api/v1/orgs/${tree.branchA.id}/members?q=%00`).set('Authorization', bearer(tree.adminToken));
    expectErrorShape(q.body, 400, 'VALIDATION_FAILED');
    const body = await t.http
      .post('/api/v1/wishes')
      .set('Authorization', bearer(tree.resident.token))
      .send({ orgId: tree.community.id, title: 'a\u0000b', description: 'x', category: 'errand', wisherPhone: '13711112222' });
    expectErrorShape(body.body, 400, 'VALIDATION_FAILED');
    const cursor = await t.http.get(`/api/v1/orgs/${tree.branchA.id}/members?cursor=${b64(['a\u0000', '00000000-0000-4000-8000-000000000000'])}`).set('Authorization', bearer(tree.adminToken));
    expectErrorShape(cursor.body, 400, 'VALIDATION_FAILED');
  });

  it('refuses JSON nested 5,000 deep with 400, on the public login too', async () => {
    const deep = '{"code":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    const res = await t.http.post('/api/v1/auth/wechat-login').set('Content-Type', 'application/json').send(deep);
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
  });

  it('refuses cursors that are well-formed but name an impossible time or an integer out of range', async () => {
    const uuid = '00000000-0000-4000-8000-000000000000';
    const time = await t.http.get(`/api/v1/wishes?cursor=${b64(['9999-99-99T99:99:99.999999Z', uuid])}`);
    expectErrorShape(time.body, 400, 'VALIDATION_FAILED');
    const int = await t.http.get(`/api/v1/orgs/${tree.street.id}/board?cursor=${b64([2 ** 40, 'a', uuid])}`);
    expectErrorShape(int.body, 400, 'VALIDATION_FAILED');
    const fine = await t.http.get(`/api/v1/wishes?cursor=${b64(['2026-01-01T00:00:00.000000Z', uuid])}`);
    expect(fine.status).toBe(200);
  });

  it('treats null as "clear" only for nullable fields: a required field sent as null is a 400', async () => {
    const { member, bindCode } = await createMember(t, tree.adminToken, tree.branchA.id, { name: '空值' });
    const name = await t.http.patch(`/api/v1/members/${member.id}`).set('Authorization', bearer(tree.adminToken)).send({ name: null });
    expectErrorShape(name.body, 400, 'VALIDATION_FAILED');
    expect(name.body.details).toContainEqual(expect.objectContaining({ field: 'name' }));
    const cleared = await t.http.patch(`/api/v1/members/${member.id}`).set('Authorization', bearer(tree.adminToken)).send({ postTitle: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.postTitle).toBeNull();
    const me = await t.login(uniqueOpenid('nullable'));
    await t.http.post('/api/v1/members/bind').set('Authorization', bearer(me.token)).send({ bindCode }).expect(200);
    const show = await t.http.patch('/api/v1/members/me').set('Authorization', bearer(me.token)).send({ showPhone: null });
    expectErrorShape(show.body, 400, 'VALIDATION_FAILED');
  });

  it('logs a database error without its parameters, detail or quoted values', async () => {
    const phone = '13711112222';
    const errors: unknown[] = [];
    await t.dataSource.query('SELECT $1::date', [phone]).catch((e: unknown) => errors.push(e));
    await t.dataSource.query(`INSERT INTO app_setting (key, value) VALUES ('dup', $1)`, [phone]);
    await t.dataSource.query(`INSERT INTO app_setting (key, value) VALUES ('dup', $1)`, [phone]).catch((e: unknown) => errors.push(e));
    await t.dataSource.query(`INSERT INTO app_setting (key, value) SELECT $1, 'x'`, [`${phone}`.repeat(20)]).catch((e: unknown) => errors.push(e));
    expect(errors).toHaveLength(3);
    for (const err of errors) {
      expect((err as { parameters?: unknown }).parameters).toBeDefined(); // the raw error does carry them
      const logged = JSON.stringify(loggableError(err));
      expect(logged).not.toContain(phone);
      expect(logged).toMatch(/"code":"[0-9A-Z]{5}"/); // the SQLSTATE stays, for diagnosis
    }
  });

  it('signs with a random secret kept in the database when JWT_SECRET is unset, shared by every instance on it, and requires exp', async () => {
    const a = await createTestApp({ env: { JWT_SECRET: '' } });
    const b = await createTestApp({ env: { JWT_SECRET: '' }, databaseUrl: a.databaseUrl });
    try {
      expect(a.config.jwtSecret.length).toBeGreaterThanOrEqual(32);
      expect(a.config.jwtSecret).toBe(b.config.jwtSecret);
      const login = await a.login(ADMIN_OPENID);
      expect((await b.http.get('/api/v1/me').set('Authorization', bearer(login.token))).status).toBe(200);
      const user = login.user.id;
      const publicDefault = jwt.sign({}, 'dev-only-secret-change-me', { subject: user, issuer: 'xianfeng', expiresIn: 600 });
      expectErrorShape((await a.http.get('/api/v1/me').set('Authorization', bearer(publicDefault))).body, 401, 'UNAUTHENTICATED');
      const forever = jwt.sign({}, a.config.jwtSecret, { subject: user, issuer: 'xianfeng' });
      expectErrorShape((await a.http.get('/api/v1/me').set('Authorization', bearer(forever))).body, 401, 'UNAUTHENTICATED');
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('trusts X-Forwarded-For only from proxies TRUST_PROXY names (none by default)', async () => {
    const login = (app: TestApp, ip: string) =>
      app.http.post('/api/v1/auth/wechat-login').set('X-Forwarded-For', ip).send({ code: `dev:${uniqueOpenid('xff')}` });
    const strict = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '2' } });
    const behindProxy = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '2', TRUST_PROXY: 'loopback' } });
    try {
      const statuses = [];
      for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) statuses.push((await login(strict, ip)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const proxied = [];
      for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) proxied.push((await login(behindProxy, ip)).status);
      expect(proxied).toEqual([200, 200, 200]);
    } finally {
      await strict.close();
      await behindProxy.close();
    }
  });

  it('answers CORS only for the origins CORS_ORIGINS lists', async () => {
    const evil = await t.http.get('/api/v1/health').set('Origin', 'https://evil.example');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const listed = await createTestApp({ env: { CORS_ORIGINS: 'https://admin.example.cn' } });
    try {
      const ok = await listed.http.get('/api/v1/health').set('Origin', 'https://admin.example.cn');
      expect(ok.headers['access-control-allow-origin']).toBe('https://admin.example.cn');
      const other = await listed.http.get('/api/v1/health').set('Origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await listed.close();
    }
  });

  it("takes only the member's own upload as photoUrl on PATCH /members/me", async () => {
    const { bindCode } = await createMember(t, tree.adminToken, tree.branchA.id, { name: '照片' });
    const me = await t.login(uniqueOpenid('photo'));
    await t.http.post('/api/v1/members/bind').set('Authorization', bearer(me.token)).send({ bindCode }).expect(200);
    const foreign = await t.http.patch('/api/v1/members/me').set('Authorization', bearer(me.token)).send({ photoUrl: 'https://evil.example/x.png' });
    expectErrorShape(foreign.body, 400, 'VALIDATION_FAILED');
    expect(foreign.body.details).toContainEqual(expect.objectContaining({ field: 'photoUrl' }));
    const someoneElses = await t.http
      .post('/api/v1/uploads')
      .set('Authorization', bearer(tree.resident.token))
      .attach('file', readFileSync(new URL('./fixtures/1x1.png', import.meta.url)), 'a.png');
    const stolen = await t.http.patch('/api/v1/members/me').set('Authorization', bearer(me.token)).send({ photoUrl: someoneElses.body.url });
    expectErrorShape(stolen.body, 400, 'VALIDATION_FAILED');
    const mine = await t.http
      .post('/api/v1/uploads')
      .set('Authorization', bearer(me.token))
      .attach('file', readFileSync(new URL('./fixtures/1x1.png', import.meta.url)), 'a.png');
    const ok = await t.http.patch('/api/v1/members/me').set('Authorization', bearer(me.token)).send({ photoUrl: mine.body.url });
    expect(ok.status).toBe(200);
    expect(ok.body.photoUrl).toBe(mine.body.url);
  });

  it('stores a roster cell such as =HYPERLINK(…) as text, escaped', async () => {
    const csv = '姓名,性别,出生日期,入党日期,职责\n公式党员,男,1980-01-01,2005-07-01,"=HYPERLINK(""http://evil"",""x"")"\n';
    const res = await t.http
      .post(`/api/v1/orgs/${tree.branchB.id}/members/import`)
      .set('Authorization', bearer(tree.adminToken))
      .attach('file', Buffer.from(csv), 'r.csv');
    expect(res.status).toBe(201);
    const roster = await t.http.get(`/api/v1/orgs/${tree.branchB.id}/members?q=公式`).set('Authorization', bearer(tree.adminToken));
    expect(roster.body.items[0].duties).toBe(`'=HYPERLINK("http://evil","x")`);
  });

  it('answers paths outside the API with the error envelope, while still serving the H5 files', async () => {
    const h5 = await mkdtemp(join(tmpdir(), 'xianfeng-h5-'));
    await writeFile(join(h5, 'index.html'), '<!doctype html><title>先锋</title>');
    const withH5 = await createTestApp({ env: { H5_DIR: h5 } });
    try {
      const index = await withH5.http.get('/');
      expect(index.status).toBe(200);
      expect(index.text).toContain('先锋');
      for (const path of ['/no-such-page', '/api/v2/orgs', '/static/missing.js']) {
        const res = await withH5.http.get(path);
        expectErrorShape(res.body, 404, 'ROUTE_NOT_FOUND');
      }
    } finally {
      await withH5.close();
      await rm(h5, { recursive: true, force: true });
    }
  });

  it('prints readable coloured lines on a terminal and JSON lines otherwise', () => {
    const logging = new URL('../dist/common/logging.js', import.meta.url).href;
    const script = `import(${JSON.stringify(logging)}).then(({ createBootLogger }) => createBootLogger('info').info({ port: 1 }, 'hello there'))`;
    const piped = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(JSON.parse(piped.stdout.trim().split('\n')[0])).toMatchObject({ msg: 'hello there', port: 1 });
    // `script` runs the command on a pseudo-terminal.
    const tty = spawnSync('script', ['-qec', `${process.execPath} -e '${script.replace(/'/g, `'\\''`)}'`, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(tty.stdout).toContain('hello there');
    expect(tty.stdout).toContain('\u001b['); // ANSI colours
    expect(tty.stdout).not.toContain('"msg"');
  });
});
