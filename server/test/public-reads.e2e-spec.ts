import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { PgListener } from '../src/database/pg-listener.js';
import { SUBTREE_IDS_MAX } from '../src/orgs/subtree.js';
import { createTestApp, useTestApp } from './support/app.js';
import { buildTree, createMember } from './support/fixtures.js';

/** Polls until `check` passes (the change travels by NOTIFY from another connection). */
async function eventually(check: () => Promise<void>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/**
 * The organisation tree is cached per instance (OrgDirectory). Here "another instance" is a second
 * database connection that changes `org` behind the application's back: every read afterwards must
 * see the change, however the cache was warmed before.
 */
describe('organisation cache', () => {
  const t = useTestApp();

  it('sees an organisation added or renamed by another instance', async () => {
    const tree = await buildTree(t);
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      // Warm the cache: the street's subtree and the community itself.
      expect((await t.http.get(`/api/v1/orgs/${tree.street.id}/board`)).body.items).toEqual([]);
      expect((await t.http.get(`/api/v1/orgs/${tree.community.id}`)).body.name).toBe('测试社区党委');

      // Another instance adds a branch under the community, with a member on a post.
      const id = randomUUID();
      await other.query(`INSERT INTO org (id, name, type, parent_id, path, depth) SELECT $1::uuid, '新成立党支部', 'branch', id, path || $1::text || '/', depth + 1 FROM org WHERE id = $2`, [id, tree.community.id]);
      await createMember(t, tree.adminToken, id, { name: '新同志' });
      await eventually(async () => {
        const board = await t.http.get(`/api/v1/orgs/${tree.street.id}/board`);
        expect(board.body.items.map((c: { name: string }) => c.name)).toEqual(['新同志']);
      });

      // …and renames the community.
      await other.query(`UPDATE org SET name = '更名后的社区党委' WHERE id = $1`, [tree.community.id]);
      await eventually(async () => expect((await t.http.get(`/api/v1/orgs/${tree.community.id}`)).body.name).toBe('更名后的社区党委'));
    } finally {
      await other.end();
    }
  });

  it('an organisation created through this instance is visible at once', async () => {
    const tree = await buildTree(t);
    await t.http.get(`/api/v1/orgs/${tree.street.id}/board`); // warm
    const res = await t.http
      .post('/api/v1/orgs')
      .set('Authorization', `Bearer ${tree.adminToken}`)
      .send({ name: '刚建的支部', type: 'branch', parentId: tree.street.id });
    expect(res.status).toBe(201);
    await createMember(t, tree.adminToken, res.body.id, { name: '刚入册' });
    const board = await t.http.get(`/api/v1/orgs/${tree.street.id}/board`);
    expect(board.body.items.map((c: { name: string }) => c.name)).toContain('刚入册');
  });

  it('caches nothing while it cannot hear changes, and resumes when it can', async () => {
    const tree = await buildTree(t);
    const listener = t.app.get(PgListener);
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await t.http.get(`/api/v1/orgs/${tree.branchB.id}`); // warm
      // The LISTEN connection dies (a database restart, a proxy's idle timeout).
      await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'xianfeng-listen' AND datname = current_database()`);
      await eventually(async () => expect(listener.live).toBe(false));
      // A change made while nobody listens is still seen…
      await other.query(`UPDATE org SET name = '断线时改的名' WHERE id = $1`, [tree.branchB.id]);
      expect((await t.http.get(`/api/v1/orgs/${tree.branchB.id}`)).body.name).toBe('断线时改的名');
      // …and once the connection is back, so are later ones.
      await eventually(async () => expect(listener.live).toBe(true), 5000);
      await t.http.get(`/api/v1/orgs/${tree.branchB.id}`);
      await other.query(`UPDATE org SET name = '重连后改的名' WHERE id = $1`, [tree.branchB.id]);
      await eventually(async () => expect((await t.http.get(`/api/v1/orgs/${tree.branchB.id}`)).body.name).toBe('重连后改的名'));
    } finally {
      await other.end();
    }
  });
});

/**
 * A subtree is matched by its ids when small and by its path when large (orgs/subtree.ts): the
 * public reads must answer the same either way, and never reach into another tree.
 */
describe('large subtrees', () => {
  const t = useTestApp();

  it('the board, the org counts, the wall and the activities of a subtree of more than SUBTREE_IDS_MAX organisations', async () => {
    const tree = await buildTree(t);
    const elsewhere = await buildTree(t);
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      // SUBTREE_IDS_MAX more branches under the community: street and community become "large".
      const { rows } = await db.query<{ id: string }>(
        `WITH g AS (SELECT gen_random_uuid() AS id, i FROM generate_series(1, $2::int) i)
         INSERT INTO org (id, name, type, parent_id, path, depth)
         SELECT g.id, '网格支部' || g.i, 'branch', c.id, c.path || g.id::text || '/', c.depth + 1 FROM g, org c WHERE c.id = $1
         RETURNING id`,
        [tree.community.id, SUBTREE_IDS_MAX],
      );
      const deep = rows[rows.length - 1].id;
      await createMember(t, tree.adminToken, deep, { name: '网格员', postKind: 'vanguard', postTitle: '网格先锋岗' });
      await createMember(t, tree.adminToken, tree.branchA.id, { name: '一支部党员', postKind: null, postTitle: null });
      await createMember(t, elsewhere.adminToken, elsewhere.branchA.id, { name: '别处党员', postKind: 'vanguard', postTitle: '别处先锋岗' });
      const wish = (orgId: string, title: string) =>
        db.query(`INSERT INTO wish (org_id, title, description, category, status, wisher_user_id, posted_by) VALUES ($1, $2, '描述', 'goods', 'open', $3, $3)`, [orgId, title, tree.resident.userId]);
      await wish(deep, '网格里的心愿');
      await wish(tree.branchA.id, '一支部的心愿');
      await wish(elsewhere.branchA.id, '别处的心愿');
      const activity = (orgId: string, title: string) =>
        db.query(
          `INSERT INTO activity (org_id, title, description, place, starts_at, ends_at, capacity, created_by)
           VALUES ($1, $2, '说明', '社区广场', now() + interval '2 days', now() + interval '2 days 2 hours', 10, $3)`,
          [orgId, title, tree.resident.userId],
        );
      await activity(deep, '网格里的活动');
      await activity(elsewhere.branchA.id, '别处的活动');

      const names = async (orgId: string) => (await t.http.get(`/api/v1/orgs/${orgId}/board`)).body.items.map((c: { name: string }) => c.name);
      const titles = async (orgId: string) => (await t.http.get(`/api/v1/wishes?orgId=${orgId}`)).body.items.map((w: { title: string }) => w.title);
      // Large (by path): the post holder first, nothing from the other tree.
      expect(await names(tree.street.id)).toEqual(['网格员', '一支部党员']);
      expect(await names(tree.community.id)).toEqual(['网格员', '一支部党员']);
      expect((await t.http.get(`/api/v1/orgs/${tree.street.id}`)).body.counts).toEqual({ members: 2, children: 2 });
      expect((await titles(tree.street.id)).sort()).toEqual(['一支部的心愿', '网格里的心愿']);
      const activities = async (orgId: string) => (await t.http.get(`/api/v1/activities?orgId=${orgId}`)).body.items.map((a: { title: string }) => a.title);
      expect(await activities(tree.street.id)).toEqual(['网格里的活动']);
      expect(await activities(tree.branchA.id)).toEqual([]);
      // Small (by ids): only its own.
      expect(await names(tree.branchA.id)).toEqual(['一支部党员']);
      expect(await names(deep)).toEqual(['网格员']);
      expect(await titles(deep)).toEqual(['网格里的心愿']);
      expect((await t.http.get(`/api/v1/orgs/${tree.community.id}`)).body.counts).toEqual({ members: 2, children: SUBTREE_IDS_MAX + 1 });
    } finally {
      await db.end();
    }
  });
});

describe('caching headers of public reads', () => {
  const t = useTestApp();

  it('lets anonymous answers be reused briefly, never a signed-in caller\'s, and revalidates with ETag', async () => {
    const tree = await buildTree(t);
    const anonymous = await t.http.get(`/api/v1/orgs/${tree.street.id}/board`);
    expect(anonymous.headers['cache-control']).toBe('public, max-age=10');
    expect(anonymous.headers.vary).toMatch(/Authorization/);
    const again = await t.http.get(`/api/v1/orgs/${tree.street.id}/board`).set('If-None-Match', anonymous.headers.etag);
    expect(again.status).toBe(304);

    const signedIn = await t.http.get(`/api/v1/orgs/${tree.street.id}/board`).set('Authorization', `Bearer ${tree.adminToken}`);
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
    // Errors, private routes and the health check are not cacheable.
    expect((await t.http.get(`/api/v1/orgs/${randomUUID()}/board`)).headers['cache-control']).toBeUndefined();
    expect((await t.http.get('/api/v1/me').set('Authorization', `Bearer ${tree.adminToken}`)).headers['cache-control']).toBeUndefined();
    expect((await t.http.get('/api/v1/health')).headers['cache-control']).toBe('no-store');
  });
});

describe('the H5 client\'s files', () => {
  it('sends the pre-compressed copy the browser accepts, caches hashed assets for a year and revalidates index.html', async () => {
    const h5 = await mkdtemp(join(tmpdir(), 'xianfeng-h5-'));
    const js = 'console.log("先锋");'.repeat(200);
    await mkdir(join(h5, 'js'));
    await writeFile(join(h5, 'index.html'), '<!doctype html><title>先锋</title>');
    await writeFile(join(h5, 'js/app.0123abcd.js'), js);
    await writeFile(join(h5, 'js/app.0123abcd.js.br'), brotliCompressSync(js));
    await writeFile(join(h5, 'js/app.0123abcd.js.gz'), gzipSync(js));
    const app = await createTestApp({ env: { H5_DIR: h5 } });
    try {
      // The raw bytes, as the browser receives them (supertest would inflate them).
      const br = await new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        get(`${app.url}/js/app.0123abcd.js`, { headers: { 'Accept-Encoding': 'gzip, br' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.body.length).toBeLessThan(js.length / 10);
      expect(brotliDecompressSync(br.body).toString()).toBe(js);

      const gz = await app.http.get('/js/app.0123abcd.js').set('Accept-Encoding', 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.text).toBe(js); // supertest inflates it

      const plain = await app.http.get('/js/app.0123abcd.js').set('Accept-Encoding', 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.text).toBe(js);

      const index = await app.http.get('/');
      expect(index.status).toBe(200);
      expect(index.headers['cache-control']).toBe('no-cache');
      expect(index.text).toContain('先锋');
    } finally {
      await app.close();
      await rm(h5, { recursive: true, force: true });
    }
  });
});
