import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { bearer, createTestApp, useTestApp } from './support/app.js';
import { expectErrorShape, uniqueOpenid } from './support/fixtures.js';

const png = readFileSync(new URL('./fixtures/1x1.png', import.meta.url));

/**
 * What clients relied on when the API ran on Express, kept on Fastify: routing, bodies, uploads,
 * proxies. Each answer a client could get wrong is in the contract's error shape.
 */
describe('the HTTP platform', () => {
  const t = useTestApp();

  it('routes a path with a trailing slash or in other letter case', async () => {
    expect((await t.http.get('/api/v1/health/')).status).toBe(200);
    expect((await t.http.get('/API/V1/Health')).status).toBe(200);
  });

  it('takes an empty JSON body as no body and reads a form body, as before', async () => {
    const empty = await t.http.post('/api/v1/auth/wechat-login').set('Content-Type', 'application/json').send('');
    expectErrorShape(empty.body, 400, 'VALIDATION_FAILED');
    expect(empty.body.details).toContainEqual(expect.objectContaining({ field: 'code' }));
    const form = await t.http.post('/api/v1/auth/wechat-login').type('form').send({ code: `dev:${uniqueOpenid('form')}` });
    expect(form.status).toBe(200);
    expect(typeof form.body.token).toBe('string');
  });

  it('refuses a bare JSON value, another content type, charset or encoding in the error shape', async () => {
    const login = () => t.http.post('/api/v1/auth/wechat-login');
    expectErrorShape((await login().set('Content-Type', 'application/json').send('"dev:x"')).body, 400, 'MALFORMED_JSON');
    expectErrorShape((await login().set('Content-Type', 'text/xml').send('<xml><code>x</code></xml>')).body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectErrorShape((await login().set('Content-Type', 'application/json; charset=latin1').send('{"code":"x"}')).body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectErrorShape((await login().set('Content-Type', 'application/json').set('Content-Encoding', 'compress').send('{"code":"x"}')).body, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('reads a gzip-compressed body, and refuses one that does not decompress or grows past the limit', async () => {
    const login = async (body: Buffer) => {
      const res = await fetch(`${t.url}/api/v1/auth/wechat-login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const ok = await login(gzipSync(JSON.stringify({ code: `dev:${uniqueOpenid('gzip')}` })));
    expect(ok.status).toBe(200);
    expect(typeof ok.body.token).toBe('string');
    expectErrorShape((await login(Buffer.from('not gzip at all'))).body, 400, 'VALIDATION_FAILED');
    const bomb = gzipSync(JSON.stringify({ code: 'x'.repeat(2 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expectErrorShape((await login(bomb)).body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a malformed URL, an over-long id and a NUL outside any route in the error shape', async () => {
    const badEscape = await t.http.get('/api/v1/orgs/%E0%A4%A/board');
    expect(badEscape.status).toBe(400);
    expectErrorShape(badEscape.body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await t.http.get(`/api/v1/orgs/${'x'.repeat(3000)}/board`)).body, 404, 'NOT_FOUND');
    expectErrorShape((await t.http.get('/api/v1/no-such-route%00')).body, 400, 'VALIDATION_FAILED');
  });

  it('answers a request the HTTP parser refuses with the error shape on the socket', async () => {
    const url = new URL(t.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.end('GET /api/v1/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'));
      let text = '';
      socket.on('data', (c) => (text += c.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expectErrorShape(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)), 400, 'VALIDATION_FAILED');
  });

  it('closes a kept-alive connection whose request was refused before its body was read', async () => {
    // An anonymous upload: refused (401) by the guard before the multipart body is read. Half the
    // body is sent and the connection kept alive: the server answers, then closes it, instead of
    // waiting for the rest for ever (which held every shutdown up).
    const url = new URL(t.url);
    const { raw, closedBy } = await new Promise<{ raw: string; closedBy: string }>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () =>
        socket.write('POST /api/v1/uploads HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000\r\n\r\n--b\r\n'),
      );
      let text = '';
      const timer = setTimeout(() => (socket.destroy(), resolve({ raw: text, closedBy: 'test' })), 5000);
      socket.on('data', (c) => (text += c.toString()));
      socket.on('close', () => (clearTimeout(timer), resolve({ raw: text, closedBy: 'server' })));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 401 /);
    expect(raw).toMatch(/\r\nconnection: close\r\n/i);
    expect(closedBy).toBe('server');
  });

  it('takes one file from the field "file" only, and says so', async () => {
    const { token } = await t.login(uniqueOpenid('upload'));
    const otherField = await t.http.post('/api/v1/uploads').set('Authorization', bearer(token)).attach('photo', png, 'a.png');
    expectErrorShape(otherField.body, 400, 'VALIDATION_FAILED');
    expect(otherField.body.details).toContainEqual(expect.objectContaining({ field: 'file' }));
    const two = await t.http.post('/api/v1/uploads').set('Authorization', bearer(token)).attach('file', png, 'a.png').attach('file', png, 'b.png');
    expectErrorShape(two.body, 400, 'VALIDATION_FAILED');
    const gzipped = await t.http.post('/api/v1/uploads').set('Authorization', bearer(token)).set('Content-Encoding', 'gzip').attach('file', png, 'a.png');
    expect(gzipped.status).toBeLessThan(500);
    const withText = await t.http.post('/api/v1/uploads').set('Authorization', bearer(token)).field('note', 'hello').attach('file', png, 'a.png');
    expect(withText.status).toBe(201);
    const broken = await t.http
      .post('/api/v1/uploads')
      .set('Authorization', bearer(token))
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nnot finished');
    expectErrorShape(broken.body, 400, 'VALIDATION_FAILED');
  });

  it('believes X-Forwarded-For through as many proxies as a TRUST_PROXY hop count says', async () => {
    const oneHop = await createTestApp({ databaseUrl: t.databaseUrl, env: { LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '2', TRUST_PROXY: '1' } });
    try {
      const statuses = [];
      for (const ip of ['10.9.0.1', '10.9.0.2', '10.9.0.3']) {
        statuses.push((await oneHop.http.post('/api/v1/auth/wechat-login').set('X-Forwarded-For', ip).send({ code: `dev:${uniqueOpenid('hop')}` })).status);
      }
      expect(statuses).toEqual([200, 200, 200]);
      const same = [];
      for (let i = 0; i < 3; i++) {
        same.push((await oneHop.http.post('/api/v1/auth/wechat-login').set('X-Forwarded-For', '10.9.0.9').send({ code: `dev:${uniqueOpenid('hop')}` })).status);
      }
      expect(same).toEqual([200, 200, 429]);
    } finally {
      await oneHop.close();
    }
  });
});
