import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { readFileSync } from 'node:fs';
import { ACCESS_KEY, type AccessLevel } from '../../src/common/auth/access.decorator.js';
import { bearer, type TestApp } from './app.js';
import { buildTree, createMember, createOrg, user, type Tree } from './fixtures.js';

/**
 * Helpers for the outside-in probes (probe.e2e-spec.ts): the routes as the OpenAPI document and as the
 * router know them, the declared access level of each, and two populated organisation subtrees.
 */

export interface Route {
  method: string; // GET, POST…
  /** OpenAPI form: /api/v1/orgs/{id}/members */
  path: string;
  op: OpenApiOperation;
}
export interface OpenApiOperation {
  parameters?: Array<{ name: string; in: 'path' | 'query'; required?: boolean; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}
export interface Schema {
  type?: string;
  $ref?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  example?: unknown;
  format?: string;
}
export type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOperation>>; components: { schemas: Record<string, Schema> } };

export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`;

export function openApiRoutes(doc: OpenApiDoc): Route[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
}

/**
 * Every route the Fastify router of the running app has (Nest's, under the API prefix). Fastify lists
 * its routes only as a printed tree, where routes that share a parameter position show all their names
 * (`/:key|:id`): each route's own names are read back by matching a sample URL against the router.
 */
export function routerRoutes(app: INestApplication): string[] {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const out: string[] = [];
  const pathAtDepth: string[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    const pattern = (depth ? pathAtDepth[depth - 1] : '') + m[2];
    pathAtDepth[depth] = pattern;
    if (!pattern.startsWith('/api/v1/') || !m[3]) continue;
    let n = 0;
    const sample = pattern.replace(/:\w+(?:\|:\w+)*/g, () => `__p${n++}`);
    for (const method of m[3].split(', ').filter((x) => x !== 'HEAD' && x !== 'OPTIONS')) {
      const params = Object.entries(fastify.findRoute({ method: method as HTTPMethods, url: sample })?.params ?? {});
      const path = sample.replace(/__p\d+/g, (v) => `:${params.find(([, value]) => value === v)?.[0] ?? '?'}`);
      out.push(routeKey(method, path));
    }
  }
  return out;
}

/** `GET /api/v1/orgs/{id}` → its @Access level, read from the controllers' metadata. */
export function accessLevels(app: INestApplication): Map<string, AccessLevel> {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const out = new Map<string, AccessLevel>();
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance) continue;
    const base = String(reflector.get(PATH_METADATA, wrapper.metatype as never) ?? '').replace(/^\/|\/$/g, '');
    const proto = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      const sub = reflector.get(PATH_METADATA, handler);
      if (sub === undefined) continue;
      const method = RequestMethod[reflector.get(METHOD_METADATA, handler) as RequestMethod];
      // A handler may answer on several paths (an old name kept as an alias).
      for (const one of [sub].flat() as string[]) {
        const path = ['/api/v1', base, String(one).replace(/^\/|\/$/g, '')].filter(Boolean).join('/');
        out.set(routeKey(method, path.replace(/\/+/g, '/')), reflector.getAllAndOverride(ACCESS_KEY, [handler, wrapper.metatype as object]));
      }
    }
  }
  return out;
}

export interface Answer {
  status: number;
  body: unknown;
  text: string;
}

/** One HTTP request with fetch; never throws for an HTTP status. */
export async function send(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown; raw?: string | Buffer; contentType?: string; form?: FormData } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = bearer(opts.token);
  let body: RequestInit['body'];
  if (opts.form) body = opts.form;
  else if (opts.raw !== undefined) {
    body = opts.raw as RequestInit['body'];
    headers['content-type'] = opts.contentType ?? 'application/json';
  } else if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body: method === 'GET' ? undefined : body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, text };
}

/** Runs `tasks` with at most `n` in flight. */
export async function pool<T>(n: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

export interface Person {
  token: string;
  userId: string;
  memberId?: string;
}

/** The real objects of one organisation subtree, for path parameters and body references. */
export interface World {
  orgIds: string[];
  communityId: string;
  member: Person & { memberId: string };
  /** A second member of the subtree, never bound. */
  unboundMemberId: string;
  commitmentIds: string[];
  wishIds: string[];
  greetingIds: string[];
  notificationIds: string[];
  uploadKeys: string[];
}

const PNG = readFileSync(new URL('../fixtures/1x1.png', import.meta.url));

async function ok(res: { status: number; body: unknown }, what: string, ...expected: number[]) {
  if (!expected.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Fills a subtree with one of everything: a bound member (with `privateValues` as phone/birthday),
 * a published and a draft commitment of theirs, an open and a pending wish they posted (with a
 * wisher name and phone), a greeting to them, their notification, their upload.
 */
export async function populate(
  t: TestApp,
  adminToken: string,
  orgs: { top: string; community: string; branch: string },
  label: string,
  privateValues: { phone: string; birthday: string; wisherName: string; wisherPhone: string },
): Promise<World> {
  const base = t.url;
  const { member, bindCode } = await createMember(t, adminToken, orgs.branch, { name: `${label}党员`, phone: privateValues.phone, birthday: privateValues.birthday, showPhone: false });
  const other = await createMember(t, adminToken, orgs.branch, { name: `${label}未绑定`, phone: '13600000000' });
  const u = await user(t, label === '本' ? 'own-member' : 'other-member');
  await ok(await send(base, 'POST', '/api/v1/members/bind', { token: u.token, json: { bindCode } }), 'bind', 200);
  const upload = await t.http.post('/api/v1/uploads').set('Authorization', bearer(u.token)).attach('file', PNG, 'a.png');
  await ok({ status: upload.status, body: upload.body }, 'upload', 201, 200);
  const uploadKey = String((upload.body as { url: string }).url).split('/').pop()!;
  const commitment = (id?: string) => ({
    ownerType: 'member',
    orgId: orgs.branch,
    title: `${label}的承诺${id ?? ''}`,
    content: '为居民服务',
    items: ['走访'],
    dueOn: daysFromNow(30),
  });
  const c1 = await ok(await send(base, 'POST', '/api/v1/commitments', { token: u.token, json: commitment('一') }), 'commitment', 201);
  await ok(await send(base, 'POST', `/api/v1/commitments/${c1.id}/submit`, { token: u.token }), 'submit', 200, 201);
  await ok(await send(base, 'POST', `/api/v1/commitments/${c1.id}/approve`, { token: adminToken }), 'approve', 200, 201);
  const c2 = await ok(await send(base, 'POST', '/api/v1/commitments', { token: u.token, json: commitment('二') }), 'commitment', 201);
  const wish = (n: string) => ({
    orgId: orgs.community,
    title: `${label}心愿${n}`,
    description: '需要帮助',
    category: 'errand',
    wisherName: privateValues.wisherName,
    wisherPhone: privateValues.wisherPhone,
  });
  const w1 = await ok(await send(base, 'POST', '/api/v1/wishes', { token: u.token, json: wish('一') }), 'wish', 201);
  await ok(await send(base, 'POST', `/api/v1/wishes/${w1.id}/approve`, { token: adminToken, json: {} }), 'approve wish', 200, 201);
  const w2 = await ok(await send(base, 'POST', '/api/v1/wishes', { token: u.token, json: wish('二') }), 'wish', 201);
  const g = await ok(await send(base, 'POST', '/api/v1/greetings', { token: adminToken, json: { memberId: member.id, kind: 'birthday' } }), 'greeting', 201, 200);
  const notes = await ok(await send(base, 'GET', '/api/v1/notifications?limit=5', { token: u.token }), 'notifications', 200);
  const mine = await ok(await send(base, 'GET', '/api/v1/greetings/mine?limit=5', { token: u.token }), 'greetings', 200);
  return {
    orgIds: [orgs.top, orgs.community, orgs.branch],
    communityId: orgs.community,
    member: { ...u, memberId: member.id },
    unboundMemberId: other.member.id,
    commitmentIds: [String(c1.id), String(c2.id)],
    wishIds: [String(w1.id), String(w2.id)],
    greetingIds: [...new Set([String(g.id ?? ''), ...((mine.items as Array<{ id: string }>) ?? []).map((x) => x.id)])].filter(Boolean),
    notificationIds: ((notes.items as Array<{ id: string }>) ?? []).map((x) => x.id),
    uploadKeys: [uploadKey],
  };
}

export interface Cast {
  tree: Tree;
  roles: Record<'anonymous' | 'resident' | 'member' | 'branchStaff' | 'streetStaff' | 'admin', string | undefined>;
  /** The subtree the actors work in. */
  own: World;
  /** Another top-level organisation's subtree and another user: what the matrix aims at. */
  other: World;
}

export const OTHER_PRIVATE = { phone: '13700001111', birthday: '1966-06-16', wisherName: '隐秘者甲', wisherPhone: '13700002222' };

export async function buildProbeCast(t: TestApp): Promise<Cast> {
  const tree = await buildTree(t);
  const own = await populate(t, tree.adminToken, { top: tree.street.id, community: tree.community.id, branch: tree.branchA.id }, '本', {
    phone: '13800001234',
    birthday: '1970-01-02',
    wisherName: '居民乙',
    wisherPhone: '13800005678',
  });
  const street2 = await createOrg(t, tree.adminToken, { name: '另一街道党工委', type: 'committee' });
  const community2 = await createOrg(t, tree.adminToken, { name: '另一社区党委', type: 'community', parentId: street2.id });
  const branch2 = await createOrg(t, tree.adminToken, { name: '另一党支部', type: 'branch', parentId: community2.id });
  const other = await populate(t, tree.adminToken, { top: street2.id, community: community2.id, branch: branch2.id }, '外', OTHER_PRIVATE);
  return {
    tree,
    own,
    other,
    roles: {
      anonymous: undefined,
      resident: tree.resident.token,
      member: own.member.token,
      branchStaff: tree.branchAStaff.token,
      streetStaff: tree.streetStaff.token,
      admin: tree.adminToken,
    },
  };
}

/** Real ids for a path parameter, chosen by the path segment before it; unknown segments get a fresh uuid. */
export function idsFor(world: World, path: string, param: string): string[] {
  const segment = path.split('/').slice(0, path.split('/').indexOf(`{${param}}`)).pop();
  switch (segment) {
    case 'orgs':
      return world.orgIds;
    case 'members':
      return [world.member.memberId, world.unboundMemberId];
    case 'commitments':
      return world.commitmentIds;
    case 'wishes':
      return world.wishIds;
    case 'greetings':
      return world.greetingIds;
    case 'notifications':
      return world.notificationIds.length ? world.notificationIds : ['00000000-0000-4000-8000-000000000000'];
    case 'uploads':
      return world.uploadKeys;
    default:
      return ['00000000-0000-4000-8000-000000000001'];
  }
}

export function resolveSchema(doc: OpenApiDoc, s: Schema | undefined): Schema | undefined {
  if (!s) return s;
  if (s.$ref) return resolveSchema(doc, doc.components.schemas[s.$ref.split('/').pop()!]);
  return s;
}

/** A well-formed value for a schema; `*Id` fields name objects of `world`. */
export function validValue(doc: OpenApiDoc, schema: Schema | undefined, name: string, world: World, sentinels?: Record<string, string>): unknown {
  const s = resolveSchema(doc, schema) ?? {};
  if (sentinels && name in sentinels) return sentinels[name];
  if (s.enum?.length) return s.enum[0];
  if (name === 'orgId') return world.orgIds[2];
  if (name === 'memberId') return world.member.memberId;
  if (name === 'userId') return world.member.userId;
  if (/dueOn|expiresOn|birthday|joinedPartyOn|workStartedOn|from|to$/.test(name)) return name === 'birthday' ? '1980-01-01' : daysFromNow(name === 'dueOn' || name === 'expiresOn' ? 30 : 0);
  if (/phone/i.test(name)) return '13900000000';
  if (/photoUrl|photos/.test(name) && s.type !== 'array') return '';
  switch (s.type) {
    case 'number':
    case 'integer':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return /photos/.test(name) ? [] : [validValue(doc, s.items, name.replace(/s$/, ''), world, sentinels)];
    case 'object':
      return validBody(doc, s, world, sentinels);
    default:
      return s.example !== undefined && typeof s.example === 'string' ? s.example : `值${name}`.slice(0, Math.max(1, s.maxLength ?? 20));
  }
}

export function validBody(doc: OpenApiDoc, schema: Schema | undefined, world: World, sentinels?: Record<string, string>): Record<string, unknown> {
  const s = resolveSchema(doc, schema) ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = validValue(doc, v, k, world, sentinels);
  return out;
}

export function jsonSchemaOf(route: Route): Schema | undefined {
  return route.op.requestBody?.content['application/json']?.schema;
}

export const isMultipart = (route: Route) => Boolean(route.op.requestBody?.content['multipart/form-data']);

/** The contract's error envelope, with the status it came with. */
export function isEnvelope(a: Answer): boolean {
  const b = a.body as Record<string, unknown> | null;
  return Boolean(b && typeof b === 'object' && b.statusCode === a.status && typeof b.code === 'string' && typeof b.message === 'string');
}
