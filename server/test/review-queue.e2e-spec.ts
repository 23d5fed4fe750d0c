import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ReviewItem, ReviewQueue } from '@xianfeng/shared';
import { bearer, useTestApp } from './support/app.js';
import { api, buildCast, commitmentIn, statusOf, type Cast } from './support/commitments.js';
import { bindMember, expectErrorShape } from './support/fixtures.js';

const API = '/api/v1';

describe('review queue (工作台 · 待审核)', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  let cast: Cast;

  const get = (token: string, path: string, query: Record<string, string | number> = {}) =>
    t.http.get(`${API}${path}`).set('Authorization', bearer(token)).query(query);
  const post = (token: string, path: string, body: object = {}) => t.http.post(`${API}${path}`).set('Authorization', bearer(token)).send(body);

  async function postWish(orgId: string, over: Record<string, unknown> = {}): Promise<string> {
    const res = await post(cast.resident.token, '/wishes', { orgId, title: '帮忙修理轮椅', description: '家里老人的轮椅坏了。', category: 'service', ...over });
    if (res.status !== 201) throw new Error(`post wish: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  const queue = async (token: string, orgId: string, query: Record<string, string | number> = {}): Promise<ReviewQueue> => {
    const res = await get(token, `/orgs/${orgId}/review-queue`, query);
    if (res.status !== 200) throw new Error(`queue: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const key = (i: ReviewItem) => `${i.kind}:${i.id}:${i.reason}`;

  let wishInBranchA: string;
  let wishInBranchB: string;
  let commitmentInBranchA: string;

  beforeAll(async () => {
    cast = await buildCast(t);
    wishInBranchA = await postWish(cast.tree.branchA.id, { title: '支部A的心愿' });
    wishInBranchB = await postWish(cast.tree.branchB.id, { title: '支部B的心愿' });
    commitmentInBranchA = (await commitmentIn(cast, 'pending_review')).id;
  });

  it('lists wishes and commitments waiting over the subtree, oldest first, and nothing outside it', async () => {
    const street = await queue(cast.staffAbove.token, cast.tree.street.id);
    expect(street.items.map(key)).toEqual([`wish:${wishInBranchA}:pending_review`, `wish:${wishInBranchB}:pending_review`, `commitment:${commitmentInBranchA}:pending_review`]);
    expect(street.counts).toEqual({ orgId: cast.tree.street.id, total: 3, byKind: { wish: 2, commitment: 1, photo: 0 } });
    expect(street.items[0]).toMatchObject({ title: '支部A的心愿', orgName: '第一党支部', actions: ['approve', 'reject'], excerpt: '家里老人的轮椅坏了。' });
    expect(street.items[2]).toMatchObject({ actions: ['approve', 'return'], orgId: cast.tree.branchA.id });

    const branchA = await queue(cast.branchStaff.token, cast.tree.branchA.id);
    expect(branchA.items.map((i) => i.id)).toEqual([wishInBranchA, commitmentInBranchA]);
    expect(branchA.counts.total).toBe(2);
    const counts = await get(cast.branchStaff.token, `/orgs/${cast.tree.branchA.id}/review-queue/counts`);
    expect(counts.body).toEqual({ orgId: cast.tree.branchA.id, total: 2, byKind: { wish: 1, commitment: 1, photo: 0 } });
  });

  it('refuses staff of another organisation, members and residents (403), and unknown organisations (404)', async () => {
    expectErrorShape((await get(cast.branchStaff.token, `/orgs/${cast.tree.branchB.id}/review-queue`)).body, 403, 'FORBIDDEN');
    expectErrorShape((await get(cast.branchStaff.token, `/orgs/${cast.tree.street.id}/review-queue/counts`)).body, 403, 'FORBIDDEN');
    expect((await get(cast.ownerMember.token, `/orgs/${cast.tree.branchA.id}/review-queue`)).status).toBe(403);
    expect((await get(cast.resident.token, `/orgs/${cast.tree.branchA.id}/review-queue/counts`)).status).toBe(403);
    expect((await t.http.get(`${API}/orgs/${cast.tree.branchA.id}/review-queue`)).status).toBe(401);
    expectErrorShape((await get(cast.staffAbove.token, `/orgs/00000000-0000-4000-8000-000000000000/review-queue`)).body, 404, 'NOT_FOUND');
    expectErrorShape((await get(cast.staffAbove.token, `/orgs/${cast.tree.street.id}/review-queue`, { cursor: 'bm9wZQ' })).body, 400, 'VALIDATION_FAILED');
  });

  it('pages through the merged queue with the cursor, each item once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queue(cast.staffAbove.token, cast.tree.street.id, cursor ? { limit: 1, cursor } : { limit: 1 });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map(key));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual((await queue(cast.staffAbove.token, cast.tree.street.id)).items.map(key));
  });

  it('approving and returning from the list go through the features’ own routes, and the counts drop', async () => {
    const page = await queue(cast.branchStaff.token, cast.tree.branchA.id);
    const wish = page.items.find((i) => i.kind === 'wish')!;
    const commitment = page.items.find((i) => i.kind === 'commitment')!;
    expect((await post(cast.branchStaff.token, `/wishes/${wish.id}/approve`)).status).toBe(200);
    expect((await api(cast).step(commitment.id, 'return', cast.branchStaff.token, { reason: '请补充具体时间' })).status).toBe(200);
    expect(await statusOf(t, commitment.id)).toBe('draft');
    const after = await get(cast.branchStaff.token, `/orgs/${cast.tree.branchA.id}/review-queue/counts`);
    expect(after.body).toMatchObject({ total: 0, byKind: { wish: 0, commitment: 0 } });
    const street = await queue(cast.staffAbove.token, cast.tree.street.id);
    expect(street.items.map((i) => i.id)).toEqual([wishInBranchB]);
  });

  it('lists text held by the content check until staff clear it', async () => {
    const member = await bindMember(t, cast.tree.branchB.id, { name: '认领党员' });
    const id = await postWish(cast.tree.branchB.id, { title: '待复核的心愿' });
    await post(cast.staffAbove.token, `/wishes/${id}/approve`).expect(200);
    await post(member.token, `/wishes/${id}/claim`).expect(200);
    await post(member.token, `/wishes/${id}/fulfil`, { note: '已完成 reviewword' }).expect(200);
    const held = (await queue(cast.otherStaff.token, cast.tree.branchB.id)).items.find((i) => i.id === id);
    expect(held).toMatchObject({ kind: 'wish', reason: 'content_held', actions: ['clear_held'], excerpt: '已完成 reviewword' });
    await post(cast.otherStaff.token, `/wishes/${id}/clear-held`).expect(200);
    expect((await queue(cast.otherStaff.token, cast.tree.branchB.id)).items.find((i) => i.id === id)).toBeUndefined();
  });
});
