import { beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, useTestApp } from './support/app.js';
import { buildTree, count, createMember, createOrg, expectErrorShape, user, type Tree } from './support/fixtures.js';

describe('organisations', () => {
  const t = useTestApp();
  let tree: Tree;
  beforeAll(async () => {
    tree = await buildTree(t);
  });

  describe('POST /orgs', () => {
    it('lets an admin create a top-level organisation, and nobody else', async () => {
      const res = await t.http.post('/api/v1/orgs').set('Authorization', bearer(tree.adminToken)).send({ name: '另一街道党工委', type: 'committee' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), name: '另一街道党工委', type: 'committee', parentId: null });
      const staff = await t.http.post('/api/v1/orgs').set('Authorization', bearer(tree.streetStaff.token)).send({ name: 'x', type: 'committee' });
      expect(staff.status).toBe(403);
      const resident = await t.http.post('/api/v1/orgs').set('Authorization', bearer(tree.resident.token)).send({ name: 'x', type: 'committee' });
      expect(resident.status).toBe(403);
      expectErrorShape(resident.body, 403, 'FORBIDDEN');
      expect((await t.http.post('/api/v1/orgs').send({ name: 'x', type: 'committee' })).status).toBe(401);
    });

    it('lets staff create under their organisation or below, not beside it', async () => {
      const deep = await t.http
        .post('/api/v1/orgs')
        .set('Authorization', bearer(tree.streetStaff.token))
        .send({ name: '新支部', type: 'branch', parentId: tree.community.id });
      expect(deep.status).toBe(201);
      const beside = await t.http
        .post('/api/v1/orgs')
        .set('Authorization', bearer(tree.branchAStaff.token))
        .send({ name: '越权支部', type: 'branch', parentId: tree.branchB.id });
      expect(beside.status).toBe(403);
      const up = await t.http
        .post('/api/v1/orgs')
        .set('Authorization', bearer(tree.branchAStaff.token))
        .send({ name: '越权支部', type: 'branch', parentId: tree.community.id });
      expect(up.status).toBe(403);
    });

    it('answers an unknown parent with 404', async () => {
      const res = await t.http
        .post('/api/v1/orgs')
        .set('Authorization', bearer(tree.adminToken))
        .send({ name: '孤儿', type: 'branch', parentId: '00000000-0000-4000-8000-000000000000' });
      expect(res.status).toBe(404);
      expectErrorShape(res.body, 404, 'NOT_FOUND');
    });

    it.each([
      ['missing name', { type: 'branch' }, 'name'],
      ['empty name', { name: '   ', type: 'branch' }, 'name'],
      ['over-long name', { name: '党'.repeat(101), type: 'branch' }, 'name'],
      ['bad type', { name: 'x', type: 'club' }, 'type'],
      ['wrong-typed parent', { name: 'x', type: 'branch', parentId: 42 }, 'parentId'],
      ['unknown field', { name: 'x', type: 'branch', secret: 1 }, 'secret'],
    ])('refuses %s with 400 and writes nothing', async (_n, body, field) => {
      const before = await count(t, 'org');
      const res = await t.http.post('/api/v1/orgs').set('Authorization', bearer(tree.adminToken)).send(body);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await count(t, 'org')).toBe(before);
    });
  });

  describe('public reads', () => {
    it('GET /orgs/:id gives name, type, parent and counts to anyone', async () => {
      await createMember(t, tree.branchAStaff.token, tree.branchA.id, { name: '计数甲' });
      const res = await t.http.get(`/api/v1/orgs/${tree.community.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: tree.community.id, name: '测试社区党委', type: 'community', parentId: tree.street.id, parentName: '测试街道党工委' });
      expect(res.body.counts.members).toBeGreaterThanOrEqual(1);
      expect(res.body.counts.children).toBeGreaterThanOrEqual(1);
    });

    it('answers unknown and malformed ids with 404', async () => {
      expect((await t.http.get('/api/v1/orgs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      const bad = await t.http.get('/api/v1/orgs/not-an-id');
      expect(bad.status).toBe(404);
      expectErrorShape(bad.body, 404, 'NOT_FOUND');
    });

    it('lists direct children, paginated without repeats', async () => {
      for (let i = 0; i < 5; i++) await createOrg(t, tree.adminToken, { name: `分页支部${i}`, type: 'branch', parentId: tree.branchB.id });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: { items: Array<{ id: string; parentId: string }>; nextCursor: string | null } } = await t.http
          .get(`/api/v1/orgs/${tree.branchB.id}/children`)
          .query({ limit: 2, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        res.body.items.forEach((o) => expect(o.parentId).toBe(tree.branchB.id));
        seen.push(...res.body.items.map((o) => o.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      expect((await t.http.get(`/api/v1/orgs/${tree.branchB.id}/children`).query({ limit: 500 })).status).toBe(400);
      expect((await t.http.get(`/api/v1/orgs/${tree.branchB.id}/children`).query({ cursor: 'garbage!' })).status).toBe(400);
    });

    it('GET /orgs lists top-level organisations', async () => {
      const res = await t.http.get('/api/v1/orgs');
      expect(res.status).toBe(200);
      expect(res.body.items.map((o: { id: string }) => o.id)).toContain(tree.street.id);
      res.body.items.forEach((o: { parentId: string | null }) => expect(o.parentId).toBeNull());
    });
  });

  describe('GET /orgs?q= (search by name)', () => {
    it('finds organisations at any depth by every word, exact and prefix matches first, with the parent\'s name, page by page', async () => {
      const community = await createOrg(t, tree.adminToken, { name: '桃源里社区党委', type: 'community', parentId: tree.street.id });
      const first = await createOrg(t, tree.adminToken, { name: '桃源里社区第一党支部', type: 'branch', parentId: community.id });
      const second = await createOrg(t, tree.adminToken, { name: '桃源里社区第二党支部', type: 'branch', parentId: community.id });
      const elsewhere = await createOrg(t, tree.adminToken, { name: '东区桃源里物业党支部', type: 'branch', parentId: tree.street.id });

      const all = await t.http.get('/api/v1/orgs').query({ q: '  桃源里 ' });
      expect(all.status).toBe(200);
      // Names that start with the query before the one that only contains it; by name within each.
      const ids = all.body.items.map((o: { id: string }) => o.id);
      expect(ids).toHaveLength(4);
      expect(new Set(ids.slice(0, 3))).toEqual(new Set([community.id, first.id, second.id]));
      expect(ids[3]).toBe(elsewhere.id);
      expect(all.body.items.find((o: { id: string }) => o.id === first.id)).toEqual({ id: first.id, name: '桃源里社区第一党支部', type: 'branch', parentId: community.id, parentName: '桃源里社区党委' });

      const exact = await t.http.get('/api/v1/orgs').query({ q: '东区桃源里物业党支部' });
      expect(exact.body.items[0].id).toBe(elsewhere.id);
      const words = await t.http.get('/api/v1/orgs').query({ q: '桃源里 第二' });
      expect(words.body.items.map((o: { id: string }) => o.id)).toEqual([second.id]);
      expect((await t.http.get('/api/v1/orgs').query({ q: '没有这个组织' })).body).toEqual({ items: [], nextCursor: null });

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t.http.get('/api/v1/orgs').query({ q: '桃源里', limit: 1, ...(cursor ? { cursor } : {}) });
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((o) => o.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((o: { id: string }) => o.id));
    });

    it('lists the top-level organisations without q, and refuses a bad query or cursor with 400', async () => {
      const roots = await t.http.get('/api/v1/orgs').query({ q: '' });
      expect(roots.status).toBe(200);
      expect(roots.body.items.every((o: { parentId: string | null; parentName: string | null }) => o.parentId === null && o.parentName === null)).toBe(true);
      expect(roots.body.items.map((o: { id: string }) => o.id)).toContain(tree.street.id);
      expectErrorShape((await t.http.get('/api/v1/orgs').query({ q: 'x'.repeat(101) })).body, 400, 'VALIDATION_FAILED');
      expectErrorShape((await t.http.get('/api/v1/orgs').query({ q: '桃源里', cursor: 'bm9wZQ' })).body, 400, 'VALIDATION_FAILED');
      // A cursor from the top-level list does not fit a search.
      const rootCursor = (await t.http.get('/api/v1/orgs').query({ limit: 1 })).body.nextCursor;
      if (rootCursor) expectErrorShape((await t.http.get('/api/v1/orgs').query({ q: '桃源里', cursor: rootCursor })).body, 400, 'VALIDATION_FAILED');
    });
  });

  describe('POST /orgs/:id/staff', () => {
    it('grants staff on an organisation and its subtree, and revocation bites at once', async () => {
      const u = await user(t, 'new-staff');
      const before = await t.http.get(`/api/v1/orgs/${tree.branchA.id}/members`).set('Authorization', bearer(u.token));
      expect(before.status).toBe(403);
      // staff of an ancestor may grant on a descendant
      const grant = await t.http.post(`/api/v1/orgs/${tree.community.id}/staff`).set('Authorization', bearer(tree.streetStaff.token)).send({ userId: u.userId });
      expect(grant.status).toBe(200);
      expect(grant.body).toEqual({ userId: u.userId, orgId: tree.community.id, staff: true });
      const me = await t.http.get('/api/v1/me').set('Authorization', bearer(u.token));
      expect(me.body.roles).toContainEqual(expect.objectContaining({ role: 'staff', orgId: tree.community.id }));
      const during = await t.http.get(`/api/v1/orgs/${tree.branchA.id}/members`).set('Authorization', bearer(u.token));
      expect(during.status).toBe(200); // subtree
      const revoke = await t.http.post(`/api/v1/orgs/${tree.community.id}/staff`).set('Authorization', bearer(tree.adminToken)).send({ userId: u.userId, revoke: true });
      expect(revoke.status).toBe(200);
      expect(revoke.body.staff).toBe(false);
      const after = await t.http.get(`/api/v1/orgs/${tree.branchA.id}/members`).set('Authorization', bearer(u.token));
      expect(after.status).toBe(403);
    });

    it('refuses staff of a descendant granting on an ancestor, and residents', async () => {
      const u = await user(t, 'hopeful');
      const up = await t.http.post(`/api/v1/orgs/${tree.street.id}/staff`).set('Authorization', bearer(tree.branchAStaff.token)).send({ userId: u.userId });
      expect(up.status).toBe(403);
      const resident = await t.http.post(`/api/v1/orgs/${tree.branchA.id}/staff`).set('Authorization', bearer(tree.resident.token)).send({ userId: u.userId });
      expect(resident.status).toBe(403);
    });

    it('answers an unknown user with 404 and bad bodies with 400', async () => {
      const unknown = await t.http
        .post(`/api/v1/orgs/${tree.branchA.id}/staff`)
        .set('Authorization', bearer(tree.adminToken))
        .send({ userId: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.status).toBe(404);
      const bad = await t.http.post(`/api/v1/orgs/${tree.branchA.id}/staff`).set('Authorization', bearer(tree.adminToken)).send({ userId: 'x', revoke: 'yes' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['revoke', 'userId']);
    });
  });

  describe('board and poster', () => {
    it('shows public cards of the organisation and its subtree, never birthdays, phones only when opted in', async () => {
      const shown = await createMember(t, tree.streetStaff.token, tree.branchA.id, { name: '公开电话', phone: '13911112222', showPhone: true });
      const hidden = await createMember(t, tree.streetStaff.token, tree.branchA.id, { name: '隐藏电话', phone: '13933334444', showPhone: false });
      const res = await t.http.get(`/api/v1/orgs/${tree.community.id}/board`).query({ limit: 100 });
      expect(res.status).toBe(200);
      expect(res.body.org).toMatchObject({ id: tree.community.id });
      const byId = new Map(res.body.items.map((c: { id: string }) => [c.id, c]));
      expect(byId.get(shown.member.id)).toMatchObject({ name: '公开电话', phone: '13911112222', orgName: '第一党支部', postKind: 'vanguard' });
      expect(byId.get(hidden.member.id)).not.toHaveProperty('phone');
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('13933334444');
      expect(text).not.toContain('1980-05-01');
      expect(text).not.toMatch(/birthday|userId|showPhone|gender/);
    });

    it('pages through the board without skipping or repeating', async () => {
      for (let i = 0; i < 7; i++) await createMember(t, tree.adminToken, tree.branchB.id, { name: `墙${i}`, postKind: i % 2 ? null : 'demonstration' });
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t.http
          .get(`/api/v1/orgs/${tree.branchB.id}/board`)
          .query({ limit: 3, ...(cursor ? { cursor } : {}) });
        ids.push(...res.body.items.map((c) => c.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(ids).toHaveLength(7);
      expect(new Set(ids).size).toBe(7);
    });

    it('serves a printable SVG poster with a QR code and no private data', async () => {
      const res = await t.http.get(`/api/v1/orgs/${tree.branchA.id}/poster`).buffer(true).parse((r, cb) => {
        let s = '';
        r.on('data', (c: Buffer) => (s += c.toString()));
        r.on('end', () => cb(null, s));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      const svg = res.body as string;
      expect(svg).toMatch(/^(<\?xml[^>]*>\s*)?<svg/);
      expect(svg).toContain('第一党支部');
      expect(svg).toMatch(/<path/); // the QR modules
      expect(svg).not.toContain('13800138000');
      expect((await t.http.get('/api/v1/orgs/00000000-0000-4000-8000-000000000000/poster')).status).toBe(404);
    });
  });
});
