import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createTestApp, type TestApp } from './support/app.js';
import { api, buildCast, commitmentIn, type Cast } from './support/commitments.js';

/**
 * The server tells the client who the caller is to a commitment and to an organisation (`viewer`),
 * so the mini-program offers the right buttons and tabs without deciding staff scope itself (it used
 * to walk the org tree with GET /orgs/:id). Staff grants cover the subtree.
 */
describe('viewer: the caller as the server sees them', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await buildCast(t);
  });
  afterAll(() => t.close());

  it('a commitment says whether the caller owns it and whether they are staff of it (from above too)', async () => {
    const c = await commitmentIn(cast, 'pending_review');
    const viewerOf = async (token?: string) => (await api(cast).get(c.id, token)).body.viewer;
    expect(await viewerOf(cast.ownerMember.token)).toEqual({ owner: true, staff: false });
    expect(await viewerOf(cast.branchStaff.token)).toEqual({ owner: false, staff: true });
    expect(await viewerOf(cast.staffAbove.token)).toEqual({ owner: false, staff: true });
    expect(await viewerOf(cast.tree.adminToken)).toEqual({ owner: false, staff: true });
    // Staff of another branch may not even see a pending commitment.
    expect((await api(cast).get(c.id, cast.otherStaff.token)).status).toBe(404);
  });

  it('a published commitment tells the public and other members they are neither', async () => {
    const c = await commitmentIn(cast, 'published');
    expect((await api(cast).get(c.id)).body.viewer).toEqual({ owner: false, staff: false });
    expect((await api(cast).get(c.id, cast.peerMember.token)).body.viewer).toEqual({ owner: false, staff: false });
    expect((await api(cast).get(c.id, cast.otherStaff.token)).body.viewer).toEqual({ owner: false, staff: false });
  });

  it('the answer of a step carries the viewer too; a branch commitment is owned by its staff', async () => {
    const draft = await commitmentIn(cast, 'draft', { ownerType: 'branch' });
    expect(draft.viewer).toEqual({ owner: true, staff: true });
    const submitted = await api(cast).step(draft.id, 'submit', cast.branchStaff.token);
    expect(submitted.status).toBe(200);
    expect(submitted.body.viewer).toEqual({ owner: true, staff: true });
  });

  it('GET /orgs/:id says whether the caller is staff of the organisation or an ancestor', async () => {
    const { branchA, community } = cast.tree;
    const staffOf = async (orgId: string, token?: string) => {
      const req = t.http.get(`/api/v1/orgs/${orgId}`);
      const res = await (token ? req.set('Authorization', bearer(token)) : req);
      expect(res.status).toBe(200);
      return res.body.viewer.staff as boolean;
    };
    expect(await staffOf(branchA.id)).toBe(false);
    expect(await staffOf(branchA.id, cast.resident.token)).toBe(false);
    expect(await staffOf(branchA.id, cast.branchStaff.token)).toBe(true);
    expect(await staffOf(branchA.id, cast.staffAbove.token)).toBe(true);
    expect(await staffOf(branchA.id, cast.otherStaff.token)).toBe(false);
    expect(await staffOf(branchA.id, cast.tree.adminToken)).toBe(true);
    // Staff of a branch are not staff of the community above it.
    expect(await staffOf(community.id, cast.branchStaff.token)).toBe(false);
    // A stale token reads the public page as anyone.
    expect(await staffOf(branchA.id, 'not-a-token')).toBe(false);
  });
});
