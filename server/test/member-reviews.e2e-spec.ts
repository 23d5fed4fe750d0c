import { beforeAll, describe, expect, it } from '@jest/globals';
import type { MemberReviews } from '@xianfeng/shared';
import { bearer, useTestApp } from './support/app.js';
import { bindMember, buildTree, expectErrorShape, user, type BoundMember, type Tree } from './support/fixtures.js';

const API = '/api/v1';

describe('民主评议: member reviews', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  let tree: Tree;
  let reviewed: BoundMember;
  let peer: BoundMember;
  let otherBranch: BoundMember;

  const post = (token: string | null, memberId: string, body: object) => {
    const r = t.http.post(`${API}/members/${memberId}/reviews`);
    return (token ? r.set('Authorization', bearer(token)) : r).send(body);
  };
  const get = (token: string | null, memberId: string, period = '2026') => {
    const r = t.http.get(`${API}/members/${memberId}/reviews`).query({ period });
    return token ? r.set('Authorization', bearer(token)) : r;
  };

  beforeAll(async () => {
    tree = await buildTree(t);
    reviewed = await bindMember(t, tree.branchA.id, { name: '被评议' });
    peer = await bindMember(t, tree.branchA.id, { name: '同支部' });
    otherBranch = await bindMember(t, tree.branchB.id, { name: '外支部' });
  });

  it('lets each kind come only from who may give it, and nobody review themselves', async () => {
    const body = (kind: string) => ({ period: '2026', kind, score: 4, comment: `${kind} 的意见` });
    expectErrorShape((await post(reviewed.token, reviewed.memberId, body('public'))).body, 403, 'FORBIDDEN');
    expectErrorShape((await post(tree.resident.token, reviewed.memberId, body('org'))).body, 403, 'FORBIDDEN');
    expectErrorShape((await post(otherBranch.token, reviewed.memberId, body('peer'))).body, 403, 'FORBIDDEN');
    expectErrorShape((await post(tree.resident.token, reviewed.memberId, body('peer'))).body, 403, 'FORBIDDEN');
    expectErrorShape((await post(null, reviewed.memberId, body('public'))).body, 401, 'UNAUTHENTICATED');
    expectErrorShape((await post(tree.resident.token, reviewed.memberId, { ...body('public'), period: '2026Q5' })).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await post(tree.resident.token, reviewed.memberId, { ...body('public'), score: 6 })).body, 400, 'VALIDATION_FAILED');

    expect((await post(tree.branchAStaff.token, reviewed.memberId, body('org'))).status).toBe(201);
    expect((await post(tree.streetStaff.token, reviewed.memberId, { ...body('org'), score: 5 })).status).toBe(201);
    expect((await post(peer.token, reviewed.memberId, body('peer'))).status).toBe(201);
    // The same person may give each kind they are allowed, once each: staff also review as residents.
    const asPublic = await post(tree.branchAStaff.token, reviewed.memberId, { ...body('public'), score: 2 });
    expect(asPublic.status).toBe(201);
    expect((asPublic.body as MemberReviews).viewer).toEqual({ reviewed: expect.arrayContaining(['org', 'public']), canReview: [] });
  });

  it('keeps one review per reviewer and kind under concurrency', async () => {
    const resident = await user(t, 'eager-resident');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => post(resident.token, reviewed.memberId, { period: '2026', kind: 'public', score: 1 + (i % 5) })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(7);
    refused.forEach((a) => expectErrorShape(a.body, 409, 'ALREADY_REVIEWED'));
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM member_review WHERE reviewer_user_id = $1`, [resident.userId]);
    expect(n).toBe(1);
    // Another period is another review.
    expect((await post(resident.token, reviewed.memberId, { period: '2026Q4', kind: 'public', score: 3 })).status).toBe(201);
  });

  it('shows averages to everyone, comments to the member and staff only, and never who wrote them', async () => {
    const pub = await get(null, reviewed.memberId);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ memberId: reviewed.memberId, period: '2026', org: { count: 2, average: 4.5 }, peer: { count: 1, average: 4 } });
    expect(pub.body.public.count).toBe(2);
    expect(pub.body.comments).toBeUndefined();
    expect(JSON.stringify(pub.body)).not.toContain('的意见');

    const reviewerIds = [tree.branchAStaff.userId, tree.streetStaff.userId, peer.userId, peer.memberId, tree.branchAStaff.token];
    for (const token of [reviewed.token, tree.branchAStaff.token]) {
      const res = await get(token, reviewed.memberId);
      expect(res.body.comments.map((c: { comment: string }) => c.comment)).toEqual(expect.arrayContaining(['org 的意见', 'peer 的意见']));
      const text = JSON.stringify(res.body);
      for (const id of reviewerIds) expect(text).not.toContain(id);
    }
    expect((await get(otherBranch.token, reviewed.memberId)).body.comments).toBeUndefined();
    expect((await get(tree.resident.token, reviewed.memberId, '2025')).body).toMatchObject({ period: '2025', org: { count: 0, average: null } });
  });
});
