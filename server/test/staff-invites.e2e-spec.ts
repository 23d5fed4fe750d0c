import { beforeAll, describe, expect, it } from '@jest/globals';
import type { StaffInvite } from '@xianfeng/shared';
import { bearer, useTestApp } from './support/app.js';
import { buildTree, expectErrorShape, user, type Tree } from './support/fixtures.js';

const API = '/api/v1';

describe('organisations: rename and staff invitations', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  let tree: Tree;
  const post = (token: string, path: string, body: object = {}) => t.http.post(`${API}${path}`).set('Authorization', bearer(token)).send(body);
  const patch = (token: string, path: string, body: object) => t.http.patch(`${API}${path}`).set('Authorization', bearer(token)).send(body);
  const invite = async (token: string, orgId: string): Promise<StaffInvite> => {
    const res = await post(token, `/orgs/${orgId}/staff-invites`);
    if (res.status !== 201) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** Whether the user may read the organisation's review queue, i.e. is staff of it now. */
  const isStaff = async (token: string, orgId: string) => (await t.http.get(`${API}/orgs/${orgId}/review-queue/counts`).set('Authorization', bearer(token))).status === 200;

  beforeAll(async () => {
    tree = await buildTree(t);
  });

  describe('PATCH /orgs/:id (rename)', () => {
    it('lets staff of the organisation or an ancestor, and admins, rename it', async () => {
      const byBranch = await patch(tree.branchAStaff.token, `/orgs/${tree.branchA.id}`, { name: '  第一党支部（老街）  ' });
      expect(byBranch.status).toBe(200);
      expect(byBranch.body).toMatchObject({ id: tree.branchA.id, name: '第一党支部（老街）', type: 'branch', parentId: tree.community.id });
      expect((await patch(tree.streetStaff.token, `/orgs/${tree.branchA.id}`, { name: '第一党支部' })).status).toBe(200);
      expect((await patch(tree.adminToken, `/orgs/${tree.street.id}`, { name: '测试街道党工委' })).status).toBe(200);
      expect((await t.http.get(`${API}/orgs/${tree.branchA.id}`)).body.name).toBe('第一党支部');
    });

    it('refuses staff of a child or of a sibling (403), residents (403), bad names (400) and unknown organisations (404)', async () => {
      expectErrorShape((await patch(tree.branchAStaff.token, `/orgs/${tree.community.id}`, { name: 'x' })).body, 403, 'FORBIDDEN');
      expectErrorShape((await patch(tree.branchAStaff.token, `/orgs/${tree.branchB.id}`, { name: 'x' })).body, 403, 'FORBIDDEN');
      expect((await patch(tree.resident.token, `/orgs/${tree.branchA.id}`, { name: 'x' })).status).toBe(403);
      expectErrorShape((await patch(tree.streetStaff.token, `/orgs/${tree.branchA.id}`, { name: '   ' })).body, 400, 'VALIDATION_FAILED');
      expectErrorShape((await patch(tree.streetStaff.token, `/orgs/${tree.branchA.id}`, { name: '长'.repeat(101) })).body, 400, 'VALIDATION_FAILED');
      expectErrorShape((await patch(tree.streetStaff.token, `/orgs/00000000-0000-4000-8000-000000000000`, { name: 'x' })).body, 404, 'NOT_FOUND');
      expect((await t.http.get(`${API}/orgs/${tree.branchA.id}`)).body.name).toBe('第一党支部');
    });
  });

  describe('staff invitations', () => {
    it('gives a short code whose acceptance makes the caller staff of that organisation (and its subtree only)', async () => {
      const inv = await invite(tree.branchAStaff.token, tree.branchA.id);
      expect(inv).toMatchObject({ orgId: tree.branchA.id, orgName: '第一党支部' });
      expect(inv.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const hours = (Date.parse(inv.expiresAt) - Date.now()) / 3600_000;
      expect(hours).toBeGreaterThan(71);
      expect(hours).toBeLessThanOrEqual(72);
      const [stored] = await t.dataSource.query(`SELECT code_hash FROM staff_invite WHERE org_id = $1`, [tree.branchA.id]);
      expect(stored.code_hash).not.toContain(inv.code.replace('-', ''));

      const newcomer = await user(t, 'newcomer');
      expect(await isStaff(newcomer.token, tree.branchA.id)).toBe(false);
      const res = await post(newcomer.token, '/staff-invites/accept', { code: inv.code.toLowerCase().replace('-', ' ') });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ orgId: tree.branchA.id, orgName: '第一党支部', staff: true });
      expect(await isStaff(newcomer.token, tree.branchA.id)).toBe(true);
      expect(await isStaff(newcomer.token, tree.community.id)).toBe(false);
      expect((await t.http.get(`${API}/me`).set('Authorization', bearer(newcomer.token))).body).toMatchObject({ roles: [{ role: 'staff', orgId: tree.branchA.id }] });
    });

    it('is one-time: of two users accepting the same code at once exactly one wins, the other gets 409 INVITE_USED', async () => {
      const inv = await invite(tree.streetStaff.token, tree.branchB.id);
      const people = await Promise.all([user(t, 'racer'), user(t, 'racer'), user(t, 'racer'), user(t, 'racer')]);
      const results = await Promise.all(people.map((p) => post(p.token, '/staff-invites/accept', { code: inv.code })));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      for (const r of results.filter((x) => x.status !== 200)) expectErrorShape(r.body, 409, 'INVITE_USED');
      const staff = await Promise.all(people.map((p) => isStaff(p.token, tree.branchB.id)));
      expect(staff.filter(Boolean)).toHaveLength(1);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM staff_grant WHERE org_id = $1 AND user_id = ANY($2::uuid[])`, [tree.branchB.id, people.map((p) => p.userId)]);
      expect(n).toBe(1);
    });

    it('refuses an expired code with 409 INVITE_EXPIRED and an unknown one with 404 INVITE_INVALID', async () => {
      const inv = await invite(tree.streetStaff.token, tree.community.id);
      await t.dataSource.query(`UPDATE staff_invite SET expires_at = now() - interval '1 second' WHERE org_id = $1`, [tree.community.id]);
      const late = await user(t, 'late');
      expectErrorShape((await post(late.token, '/staff-invites/accept', { code: inv.code })).body, 409, 'INVITE_EXPIRED');
      expect(await isStaff(late.token, tree.community.id)).toBe(false);
      expectErrorShape((await post(late.token, '/staff-invites/accept', { code: 'ZZZZ-ZZZZ' })).body, 404, 'INVITE_INVALID');
      expectErrorShape((await post(late.token, '/staff-invites/accept', { code: '<script>' })).body, 400, 'VALIDATION_FAILED');
      expectErrorShape((await post(late.token, '/staff-invites/accept', {})).body, 400, 'VALIDATION_FAILED');
      expect((await t.http.post(`${API}/staff-invites/accept`).send({ code: inv.code })).status).toBe(401);
    });

    it('may be created by admins and staff of the organisation or an ancestor only', async () => {
      expect((await post(tree.adminToken, `/orgs/${tree.branchA.id}/staff-invites`)).status).toBe(201);
      expectErrorShape((await post(tree.branchAStaff.token, `/orgs/${tree.community.id}/staff-invites`)).body, 403, 'FORBIDDEN');
      expectErrorShape((await post(tree.branchAStaff.token, `/orgs/${tree.branchB.id}/staff-invites`)).body, 403, 'FORBIDDEN');
      expect((await post(tree.resident.token, `/orgs/${tree.branchA.id}/staff-invites`)).status).toBe(403);
    });
  });
});
