import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createTestApp, type TestApp } from './support/app.js';

/**
 * Every route docs/api-contract.md names is served: it is in the OpenAPI document the server
 * builds from its controllers (`/api/docs-json`). Routes of features not built yet are listed in
 * NOT_YET_BUILT, and the test checks they are truly absent — so when a feature lands, its routes
 * must leave the list, and the list cannot go stale.
 */
const CONTRACT = new URL('../../docs/api-contract.md', import.meta.url);

/** `METHOD /api/v1/path/{param}`, as the OpenAPI document names routes. */
type Route = string;

/**
 * The contract's routes, by section. A row's method cell may hold several methods (`GET, PUT`) and
 * its path cell several paths (`/members/:id/wxacode, /orgs/:id/wxacode`); a path of one segment
 * after a longer one replaces that one's last segment (`/contests/:id/rounds/:orgId/open, /close`).
 */
function contractRoutes(markdown: string): Map<Route, string> {
  const routes = new Map<Route, string>();
  let section = '';
  for (const line of markdown.split('\n')) {
    const heading = /^###\s+(.*)$/.exec(line);
    if (heading) section = heading[1].trim();
    const row = /^\|\s*([A-Z, ]+?)\s*\|\s*(\/[^|]*?)\s*\|/.exec(line);
    if (!row || !section) continue;
    const methods = row[1].split(',').map((m) => m.trim());
    const [first, ...more] = row[2].split(',').map((p) => p.trim());
    const paths = [first, ...more.map((p) => (p.split('/').length === 2 && first.split('/').length > 2 ? first.replace(/\/[^/]+$/, p) : p))];
    for (const method of methods) {
      for (const path of paths) routes.set(`${method} /api/v1${path.replace(/:(\w+)/g, '{$1}')}`, section);
    }
  }
  return routes;
}

/**
 * Named by the contract, not built yet. Remove a route from here in the change that builds it.
 */
const NOT_YET_BUILT = new Set<Route>([
  // Organisations and members: staff invitations.
  'POST /api/v1/orgs/{id}/staff-invites',
  'POST /api/v1/staff-invites/accept',
  // Organisations: rename.
  'PATCH /api/v1/orgs/{id}',
  // Community service (在职党员进社区 · 我为群众办实事).
  'POST /api/v1/service/reports',
  'POST /api/v1/service/reports/{id}/accept',
  'POST /api/v1/service/reports/{id}/decline',
  'POST /api/v1/service/reports/{id}/end',
  'GET /api/v1/service/reports',
  'POST /api/v1/orgs/{id}/activities',
  'GET /api/v1/activities',
  'GET /api/v1/activities/{id}',
  'POST /api/v1/activities/{id}/signups',
  'DELETE /api/v1/activities/{id}/signups/me',
  'GET /api/v1/activities/{id}/checkin-code',
  'POST /api/v1/activities/{id}/checkin',
  'POST /api/v1/activities/{id}/checkout',
  'POST /api/v1/activities/{id}/attendance/{memberId}/confirm',
  'POST /api/v1/deeds',
  'POST /api/v1/deeds/{id}/confirm',
  'POST /api/v1/deeds/{id}/return',
  'GET /api/v1/members/{id}/service',
  'PUT /api/v1/service/ratings',
  'GET /api/v1/service/ratings',
  // WeChat: mini-program codes and message push.
  'GET /api/v1/members/{id}/wxacode',
  'GET /api/v1/orgs/{id}/wxacode',
  'GET /api/v1/wechat/push',
  'POST /api/v1/wechat/push',
]);

describe('the API contract (docs/api-contract.md)', () => {
  let t: TestApp;
  let served: Set<Route>;
  const contract = contractRoutes(readFileSync(CONTRACT, 'utf8'));

  beforeAll(async () => {
    t = await createTestApp();
    const doc = await t.http.get('/api/docs-json');
    expect(doc.status).toBe(200);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    served = new Set(Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
  });
  afterAll(() => t.close());

  it('is read: every section that lists routes yields them', () => {
    const sections = new Set(contract.values());
    expect([...sections]).toEqual(expect.arrayContaining(['Auth and me', 'Wishes', 'Commitments', 'Community service (在职党员进社区 · 我为群众办实事)', 'WeChat']));
    expect(contract.get('POST /api/v1/wishes/{id}/claim')).toBe('Wishes');
    expect(contract.has('POST /api/v1/contests/{id}/rounds/{orgId}/close')).toBe(true);
    expect(contract.has('GET /api/v1/members/{id}/wxacode')).toBe(true);
  });

  it('serves every route it names, but those listed as not built yet', () => {
    const missing = [...contract.keys()].filter((r) => !NOT_YET_BUILT.has(r) && !served.has(r));
    expect(missing).toEqual([]);
  });

  it('lists as not built yet only contract routes that are truly absent', () => {
    expect([...NOT_YET_BUILT].filter((r) => !contract.has(r))).toEqual([]);
    expect([...NOT_YET_BUILT].filter((r) => served.has(r))).toEqual([]);
  });

  it('describes the JSON body of each served contract route (a response DTO names it)', async () => {
    const paths = (await t.http.get('/api/docs-json')).body.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
    // Not JSON: the printable poster is an SVG image, the ledger a workbook.
    const notJson = new Set<Route>(['GET /api/v1/orgs/{id}/poster', 'GET /api/v1/orgs/{id}/ledger.xlsx']);
    const undescribed = [...contract.keys()]
      .filter((r) => served.has(r) && !notJson.has(r))
      .filter((r) => {
        const [method, path] = r.split(' ');
        const responses = paths[path][method.toLowerCase()].responses;
        const ok = responses['200'] ?? responses['201'];
        return !ok?.content?.['application/json']?.schema;
      });
    expect(undescribed).toEqual([]);
    expect(paths['/api/v1/wishes/{id}/claim'].post.responses['200'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/WishResponseDto' });
  });
});
