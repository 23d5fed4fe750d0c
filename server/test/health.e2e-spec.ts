import { describe, expect, it } from '@jest/globals';
import { hostname } from 'node:os';
import pg from 'pg';
import { createTestApp, useTestApp } from './support/app.js';

describe('health, docs and the error envelope', () => {
  const t = useTestApp();

  it('reports database readiness', async () => {
    const res = await t.http.get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up', instance: `${hostname()}-${process.pid}` });
  });

  it('names the instance that answered: INSTANCE_ID when set', async () => {
    const named = await createTestApp({ databaseUrl: t.databaseUrl, env: { INSTANCE_ID: 'api-2' } });
    try {
      expect((await named.http.get('/api/v1/health')).body.instance).toBe('api-2');
    } finally {
      await named.close();
    }
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const json = await t.http.get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/wechat-login', '/api/v1/orgs/{id}/board', '/api/v1/uploads']));
    const page = await t.http.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
  });

  it('answers an unknown route with the error shape', async () => {
    const res = await t.http.get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(typeof res.body.message).toBe('string');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t.http.post('/api/v1/auth/wechat-login').set('Content-Type', 'application/json').send('{"code": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|SyntaxError/);
  });

  it('answers a too-large body with 413', async () => {
    const res = await t.http
      .post('/api/v1/auth/wechat-login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ code: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('sends a request id back and accepts a sane incoming one', async () => {
    const res = await t.http.get('/api/v1/health').set('x-request-id', 'abc12345-trace');
    expect(res.headers['x-request-id']).toBe('abc12345-trace');
    const other = await t.http.get('/api/v1/no-such-thing');
    expect(other.body.requestId).toBe(other.headers['x-request-id']);
  });

  it('logs one line per request: its id, the path without the query, the status (4xx at warn); not the probe, not the token', async () => {
    const lines: string[] = [];
    const logged = await createTestApp({ databaseUrl: t.databaseUrl, env: { LOG_LEVEL: 'info' }, logDestination: { write: (line) => void lines.push(line) } });
    try {
      const ok = await logged.http.get('/api/v1/orgs?q=13912345678').set('Authorization', 'Bearer not.a.token');
      const missing = await logged.http.get('/api/v1/no-such-thing');
      await logged.http.get('/api/v1/health');
      await new Promise((r) => setTimeout(r, 50));
      const requests = lines.map((l) => JSON.parse(l) as { level: number; msg: string; req?: { id: string; method: string; path: string }; res?: { statusCode: number } }).filter((l) => l.req);
      expect(requests).toEqual([
        expect.objectContaining({ level: 30, msg: 'request completed', req: { id: ok.headers['x-request-id'], method: 'GET', path: '/api/v1/orgs' }, res: { statusCode: 200 } }),
        expect.objectContaining({ level: 40, req: { id: missing.headers['x-request-id'], method: 'GET', path: '/api/v1/no-such-thing' }, res: { statusCode: 404 } }),
      ]);
      expect(lines.join('')).not.toMatch(/13912345678|not\.a\.token/);
    } finally {
      await logged.close();
    }
  });

  it('answers 503 from /health, and 503 DATABASE_UNAVAILABLE from routes, once the database is gone', async () => {
    const doomed = await createTestApp();
    try {
      const url = new URL(doomed.databaseUrl);
      const name = url.pathname.slice(1);
      url.pathname = '/postgres';
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
      const health = await doomed.http.get('/api/v1/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'degraded', database: 'down' });
      const route = await doomed.http.get('/api/v1/orgs');
      expect(route.status).toBe(503);
      expect(route.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    } finally {
      await doomed.close().catch(() => undefined);
    }
  });
});
