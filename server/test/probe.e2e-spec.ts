import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './support/app.js';
import {
  accessLevels,
  buildProbeCast,
  idsFor,
  isEnvelope,
  isMultipart,
  jsonSchemaOf,
  openApiRoutes,
  OTHER_PRIVATE,
  pool,
  resolveSchema,
  routeKey,
  routerRoutes,
  send,
  validBody,
  type Answer,
  type Cast,
  type OpenApiDoc,
  type Route,
} from './support/probe.js';

/**
 * The project's own outside probe, generated from the OpenAPI document so that a new route is covered
 * without editing this file:
 * - an authorization matrix: every route × role (anonymous, resident, member, branch staff, street
 *   staff, admin) against REAL objects of another organisation subtree and of another user;
 * - a fuzz: every route × role with bad inputs; no 5xx, the error envelope on every error;
 * - the captured log holds none of the sentinel phone / birthday / bind code planted by the fuzz.
 */

const SENTINEL = { phone: '13912345678', birthday: '1977-07-07', bindCode: 'SNTL7BIND9' };
const SENTINEL_FIELDS: Record<string, string> = {
  phone: SENTINEL.phone,
  wisherPhone: SENTINEL.phone,
  birthday: SENTINEL.birthday,
  bindCode: SENTINEL.bindCode,
};

/**
 * Routes of the user/member level that rightly succeed on another subtree's objects, with why.
 * Anything else that answers 2xx to a non-admin there is a hit.
 */
const CROSS_SUBTREE_OK: Record<string, string> = {
  'POST /api/v1/wishes': 'a resident may post a wish to any community',
  'POST /api/v1/uploads': 'stores the caller’s own file',
  'POST /api/v1/subscriptions': 'records the caller’s own subscription choices',
  'POST /api/v1/wishes/{id}/claim': 'any member may claim an open wish anywhere (contract: claimant = a member)',
  'POST /api/v1/wishes/{id}/release': 'the claimant gives back the wish they claimed just before',
  'POST /api/v1/commitments/{id}/reviews': 'public reviews: any user but the owner reviews a published commitment',
  'POST /api/v1/deeds': 'a member logs their own deed, in their own organisation',
  'POST /api/v1/service/reports': 'a member reports to the community where they live, wherever that is (双报到)',
};

/** Answers that rightly carry private fields to this caller, with why. */
const MAY_SEE_PRIVATE: Record<string, string> = {
  'POST /api/v1/wishes/{id}/claim': 'the claimant gets the wisher’s name and phone to fulfil the wish (contract)',
};

/** A 2xx that still refused everything: a batch whose every item failed. */
const refusedEverything = (body: unknown) => {
  const results = (body as { results?: Array<{ status?: string }> } | null)?.results;
  return Array.isArray(results) && results.length > 0 && results.every((r) => r.status === 'error');
};

let t: TestApp;
const log: string[] = [];
let doc: OpenApiDoc;
let routes: Route[];
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp({
    env: { LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '100000000', LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '100000000' },
    logDestination: { write: (line: string) => void log.push(line) },
  });
  doc = (await t.http.get('/api/docs-json')).body as OpenApiDoc;
  routes = openApiRoutes(doc);
  cast = await buildProbeCast(t);
}, 120_000);
afterAll(async () => t?.close());

const ROLES = ['anonymous', 'resident', 'member', 'branchStaff', 'streetStaff', 'admin'] as const;

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, p: string) => values[p]);
}

function pathVariants(route: Route, world: Cast['own']): Array<Record<string, string>> {
  const params = (route.op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
  let combos: Array<Record<string, string>> = [{}];
  for (const p of params) combos = combos.flatMap((c) => idsFor(world, route.path, p).map((id) => ({ ...c, [p]: id })));
  return combos;
}

function multipartForm(route: Route): FormData {
  const form = new FormData();
  const csv = route.path.includes('import') ? '姓名,性别,出生日期,入党日期\n探针,男,1980-01-01,2005-07-01\n' : '';
  form.append('file', new Blob([csv || Buffer.from('89504e470d0a1a0a', 'hex')]), csv ? 'r.csv' : 'a.png');
  return form;
}

describe('the probe', () => {
  it('covers every route the router has', () => {
    const documented = routes.map((r) => routeKey(r.method, r.path)).sort();
    expect(documented).toEqual([...new Set(routerRoutes(t.app))].sort());
    const levels = accessLevels(t.app);
    expect([...levels.keys()].sort()).toEqual(documented);
  });

  it('authorization matrix: no role reaches another subtree’s or user’s objects, and no private field is in an answer it may not see', async () => {
    const levels = accessLevels(t.app);
    const privateValues = [OTHER_PRIVATE.phone, OTHER_PRIVATE.birthday, OTHER_PRIVATE.wisherName, OTHER_PRIVATE.wisherPhone, cast.other.member.userId];
    const hits: string[] = [];
    let calls = 0;
    // Reads first, then writes: a write the contract allows (a claim) may rightly show more afterwards.
    const ordered = [...routes.filter((r) => r.method === 'GET'), ...routes.filter((r) => r.method !== 'GET')];
    for (const route of ordered) {
      const key = routeKey(route.method, route.path);
      const level = levels.get(key);
      for (const role of ROLES) {
        if (role === 'admin') continue; // admins may do anything; their calls would only change the objects
        const token = cast.roles[role];
        for (const params of pathVariants(route, cast.other)) {
          const path = fill(route.path, params);
          const schema = jsonSchemaOf(route);
          const opts = isMultipart(route) ? { token, form: multipartForm(route) } : schema ? { token, json: validBody(doc, schema, cast.other) } : { token };
          const a = await send(t.url, route.method, path, opts);
          calls++;
          const ok = a.status >= 200 && a.status < 300 && !refusedEverything(a.body);
          const leaked = key in MAY_SEE_PRIVATE ? [] : privateValues.filter((v) => a.text.includes(v));
          if (leaked.length) hits.push(`${role} ${route.method} ${path} → ${a.status} shows ${leaked.join(', ')}`);
          if (ok && (level === 'staff' || level === 'admin')) hits.push(`${role} ${route.method} ${path} → ${a.status} (route is ${level}-only, object in another subtree)`);
          if (ok && route.method !== 'GET' && (level === 'user' || level === 'member') && !(key in CROSS_SUBTREE_OK)) {
            hits.push(`${role} ${route.method} ${path} → ${a.status} (acts on another subtree’s or user’s object)`);
          }
          if (a.status >= 500) hits.push(`${role} ${route.method} ${path} → ${a.status}`);
        }
      }
    }
    console.log(`authorization matrix: ${routes.length} routes × ${ROLES.length - 1} non-admin roles, ${calls} calls against real objects of another subtree, ${hits.length} violations`);
    if (hits.length) console.log(hits.join('\n'));
    expect(hits).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(routes.length * (ROLES.length - 1));
  }, 600_000);

  it('fuzz: no 5xx and the error envelope on every error answer; the log holds no planted phone, birthday or bind code', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const uuid = '00000000-0000-4000-8000-000000000000';
    const badIds = ['not-an-id', '%00', encodeURIComponent("1' OR '1'='1"), 'x'.repeat(300), uuid, '-1', encodeURIComponent('{"$gt":""}')];
    const badQuery = [
      '%00',
      `${SENTINEL.phone}%00`,
      'x'.repeat(5000),
      '-1',
      '0',
      '99999999999999999999',
      '1e309',
      'null',
      encodeURIComponent("' OR 1=1 --"),
      encodeURIComponent('<script>alert(1)</script>'),
    ];
    const badCursors = [
      b64(['9999-99-99T99:99:99.999999Z', uuid]),
      b64(['2024-02-30T10:00:00.000000Z', uuid]),
      b64([2 ** 40, 'a', uuid]),
      b64([1, 'a\u0000b', uuid]),
      b64(['a\u0000', uuid]),
      b64([null, null]),
      b64({ a: 1 }),
      '!!!',
      'x'.repeat(600),
    ];
    const deepArray = '['.repeat(5000) + ']'.repeat(5000);
    const deepObject = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const badValues = (value: unknown): unknown[] => [
      null,
      typeof value === 'number' ? 'seven' : 12345,
      typeof value === 'boolean' ? 'true' : true,
      { nested: { value } },
      [value, value],
      'y'.repeat(100_000),
      `${SENTINEL.phone}\u0000`,
      "'; DROP TABLE member; --",
      -(2 ** 53),
      1e308,
    ];

    type Req = { role: (typeof ROLES)[number]; method: string; path: string; opts: Parameters<typeof send>[3] };
    const requests: Req[] = [];
    for (const route of routes) {
      const schema = resolveSchema(doc, jsonSchemaOf(route));
      const queryParams = (route.op.parameters ?? []).filter((p) => p.in === 'query');
      const hasPathParams = route.path.includes('{');
      for (const role of ROLES) {
        const token = cast.roles[role];
        const [params] = pathVariants(route, cast.own);
        const path = fill(route.path, params);
        const body = schema ? validBody(doc, schema, cast.own, SENTINEL_FIELDS) : undefined;
        const base = body ? { token, json: body } : { token };
        // invalid ids
        if (hasPathParams) {
          for (const id of badIds) {
            const bad = Object.fromEntries(Object.keys(params).map((k) => [k, id]));
            requests.push({ role, method: route.method, path: fill(route.path, bad), opts: base });
          }
        }
        // query strings
        for (const q of queryParams) {
          for (const v of q.name === 'cursor' ? [...badCursors, ...badQuery] : badQuery) {
            requests.push({ role, method: route.method, path: `${path}?${q.name}=${v}`, opts: base });
          }
          requests.push({ role, method: route.method, path: `${path}?${q.name}=1&${q.name}=2`, opts: base });
        }
        if (queryParams.length) requests.push({ role, method: route.method, path: `${path}?unknownParam=1&q=${SENTINEL.phone}`, opts: base });
        if (route.method === 'GET') {
          requests.push({ role, method: route.method, path: `${path}?q=%00`, opts: base });
          continue;
        }
        // whole bodies
        const raw = (r: string, contentType?: string) => requests.push({ role, method: route.method, path, opts: { token, raw: r, contentType } });
        raw(deepArray);
        raw(deepObject);
        raw('null');
        raw('"just a string"');
        raw('[{"a":1}]');
        raw('{"unterminated": ');
        raw(JSON.stringify({ ...(body ?? {}), unknownField: 'x' }));
        raw(`{"title":"a\\u0000b","wisherPhone":"${SENTINEL.phone}","birthday":"${SENTINEL.birthday}","bindCode":"${SENTINEL.bindCode}\\u0000"}`);
        raw('name=%00&x=1', 'application/x-www-form-urlencoded');
        raw('<xml/>', 'text/xml');
        if (role === 'anonymous' || role === 'admin') {
          raw(JSON.stringify({ ...(body ?? {}), pad: 'z'.repeat(1024 * 1024) })); // over the 1 MB limit
          raw(JSON.stringify({ ...(body ?? {}), pad: 'z'.repeat(900 * 1024) })); // just under it
        }
        if (isMultipart(route)) {
          requests.push({ role, method: route.method, path, opts: { token, form: multipartForm(route) } });
          const junk = new FormData();
          junk.append('file', new Blob([Buffer.alloc(2048, 0)]), 'x\u0000.xlsx');
          junk.append('extra', `${SENTINEL.phone}\u0000`);
          requests.push({ role, method: route.method, path, opts: { token, form: junk } });
        }
        // field by field
        for (const [field, value] of Object.entries(body ?? {})) {
          for (const v of badValues(value)) requests.push({ role, method: route.method, path, opts: { token, json: { ...body, [field]: v } } });
        }
        for (const field of schema?.required ?? []) {
          const { [field]: _dropped, ...rest } = body ?? {};
          requests.push({ role, method: route.method, path, opts: { token, json: rest } });
        }
      }
    }
    // Outside the API: files or the envelope.
    for (const p of ['/no-such-page', '/api/v2/orgs', '/api/v1/%00', '/../../etc/passwd', '/api/v1/orgs/%00/board']) {
      requests.push({ role: 'anonymous', method: 'GET', path: p, opts: {} });
    }

    const started = Date.now();
    const failures: string[] = [];
    let fiveXx = 0;
    const answers = await pool(6, requests.map((r) => async (): Promise<Answer> => {
      try {
        return await send(t.url, r.method, r.path, r.opts);
      } catch (err) {
        return { status: 0, body: null, text: String(err) };
      }
    }));
    answers.forEach((a, i) => {
      const r = requests[i];
      const sent = r.opts?.json !== undefined ? JSON.stringify(r.opts.json) : typeof r.opts?.raw === 'string' ? r.opts.raw : '';
      const where = `${r.role} ${r.method} ${r.path.slice(0, 120)} ${sent.slice(0, 160)}`;
      if (a.status >= 500 || a.status === 0) {
        fiveXx++;
        failures.push(`${where} → ${a.status} ${a.text.slice(0, 200)}`);
      } else if (a.status >= 400 && !isEnvelope(a)) {
        failures.push(`${where} → ${a.status} without the error envelope: ${a.text.slice(0, 200)}`);
      }
    });
    const counts = answers.reduce<Record<string, number>>((acc, a) => ((acc[String(a.status)] = (acc[String(a.status)] ?? 0) + 1), acc), {});
    console.log(`fuzz: ${requests.length} requests over ${routes.length} routes × ${ROLES.length} roles in ${Date.now() - started} ms; 5xx: ${fiveXx}; statuses ${JSON.stringify(counts)}`);
    if (failures.length) console.log(failures.slice(0, 50).join('\n'));
    expect(failures).toEqual([]);
    expect(requests.length).toBeGreaterThan(routes.length * ROLES.length * 10);

    // The log was written (so the check below can fail) and holds none of the planted values.
    await new Promise((r) => setTimeout(r, 200));
    const captured = log.join('');
    expect(captured).toContain('"statusCode":400');
    for (const value of Object.values(SENTINEL)) expect(captured.includes(value) ? value : null).toBeNull();
  }, 900_000); // a hang guard, not a speed check: ~90 routes × 6 roles of fuzz take minutes on a busy 2-core machine
});
