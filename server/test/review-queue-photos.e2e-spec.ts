import { beforeAll, describe, expect, it } from '@jest/globals';
import { HeldPhotoLabels, type ReviewItem, type ReviewQueue } from '@xianfeng/shared';
import { readFileSync } from 'node:fs';
import { bearer, useTestApp } from './support/app.js';
import { bindMember, buildTree, expectErrorShape, type Tree } from './support/fixtures.js';

const API = '/api/v1';
const png = readFileSync(new URL('./fixtures/1x1.png', import.meta.url));

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('held photos in the review queue (工作台 · 待审核)', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000', WECHAT_TIMEOUT_MS: '15000' } });
  let tree: Tree;
  let m: Awaited<ReturnType<typeof bindMember>>;

  const queue = async (token: string, orgId: string, query: Record<string, string | number> = {}): Promise<ReviewQueue> => {
    const res = await t.http.get(`${API}/orgs/${orgId}/review-queue`).set('Authorization', bearer(token)).query(query);
    if (res.status !== 200) throw new Error(`queue: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const photos = (q: ReviewQueue) => q.items.filter((i) => i.kind === 'photo');
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

  /** The member uploads a photo and puts it on their card (shown in branch A). */
  async function photoOnCard(verdict?: 'review'): Promise<{ url: string; path: string; key: string }> {
    const res = await t.http.post(`${API}/uploads`).set('Authorization', bearer(m.token)).attach('file', png, 'me.png');
    expect(res.status).toBe(201);
    const url = res.body.url as string;
    const key = new URL(url).pathname.split('/').pop()!;
    if (verdict) t.standin.setMediaVerdict(key, verdict);
    expect((await t.http.patch(`${API}/members/me`).set('Authorization', bearer(m.token)).send({ photoUrl: url })).status).toBe(200);
    return { url, path: new URL(url).pathname, key };
  }

  /** WeChat never answered and the review time has passed: the photo waits for staff. */
  async function neverAnswered(key: string): Promise<void> {
    await t.dataSource.query(
      `UPDATE upload SET check_state = 'pending', checked_at = NULL, trace_id = NULL, check_requested_at = now() - interval '2 hours' WHERE key = $1`,
      [key],
    );
  }

  let late: { url: string; path: string; key: string };
  let reviewed: { url: string; path: string; key: string };
  let wishId: string;

  beforeAll(async () => {
    tree = await buildTree(t);
    m = await bindMember(t, tree.branchA.id);
    late = await photoOnCard();
    await neverAnswered(late.key);
    reviewed = await photoOnCard('review');
    await until('the review verdict', async () => (await t.dataSource.query(`SELECT checked_at FROM upload WHERE key = $1`, [reviewed.key]))[0]?.checked_at);
    const wish = await t.http
      .post(`${API}/wishes`)
      .set('Authorization', bearer(tree.resident.token))
      .send({ orgId: tree.branchA.id, title: '帮忙修理轮椅', description: '家里老人的轮椅坏了。', category: 'service' });
    expect(wish.status).toBe(201);
    wishId = wish.body.id;
  });

  it('lists photos held past the review time or sent to review by WeChat, with a thumbnail staff can open, over the subtree only', async () => {
    const fresh = await photoOnCard(); // held, but WeChat still has time to answer: not yet for staff
    await t.dataSource.query(`UPDATE upload SET check_state = 'pending', checked_at = NULL, trace_id = NULL, check_requested_at = now() WHERE key = $1`, [fresh.key]);

    const community = await queue(tree.streetStaff.token, tree.community.id);
    const held = photos(community);
    expect(held.map((p) => p.excerpt)).toEqual([HeldPhotoLabels.noVerdict, HeldPhotoLabels.review]);
    expect(held[0]).toMatchObject({ reason: 'content_held', title: HeldPhotoLabels.title, orgId: tree.branchA.id, orgName: '第一党支部', actions: ['approve', 'remove'] });
    expect(community.counts).toEqual({ orgId: tree.community.id, total: 3, byKind: { wish: 1, commitment: 0, photo: 2 } });

    // the public URL is still 404; the thumbnail's signed URL opens it without a login (an <Image> sends none)
    expect((await t.http.get(late.path)).status).toBe(404);
    const thumb = await t.http.get(pathOf(held[0].imageUrl!));
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/png');
    expect(community.items.filter((i) => i.kind !== 'photo').every((i) => i.imageUrl === undefined)).toBe(true);

    // branch A's own staff see them and count them (the workbench badge); branch B's subtree has none
    const counts = await t.http.get(`${API}/orgs/${tree.branchA.id}/review-queue/counts`).set('Authorization', bearer(tree.branchAStaff.token));
    expect(counts.body).toEqual({ orgId: tree.branchA.id, total: 3, byKind: { wish: 1, commitment: 0, photo: 2 } });
    const branchB = await queue(tree.streetStaff.token, tree.branchB.id);
    expect(branchB.items).toEqual([]);
    expect(branchB.counts.byKind.photo).toBe(0);
    expectErrorShape((await t.http.get(`${API}/orgs/${tree.branchA.id}/review-queue`).set('Authorization', bearer(m.token))).body, 403, 'FORBIDDEN');
  });

  it('pages through photos and wishes together, one at a time, in the order of the whole list', async () => {
    const whole = await queue(tree.streetStaff.token, tree.street.id);
    expect(whole.items.map((i) => i.kind).sort()).toEqual(['photo', 'photo', 'wish']);
    const seen: ReviewItem[] = [];
    let cursor: string | null = null;
    do {
      const page: ReviewQueue = await queue(tree.streetStaff.token, tree.street.id, cursor ? { limit: 1, cursor } : { limit: 1 });
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen.map((i) => `${i.kind}:${i.id}`)).toEqual(whole.items.map((i) => `${i.kind}:${i.id}`));
    expect(seen.map((i) => i.id)).toContain(wishId);
  });

  it('approving from the queue makes the photo public and takes it off the queue', async () => {
    const [item] = photos(await queue(tree.branchAStaff.token, tree.branchA.id)).filter((p) => p.excerpt === HeldPhotoLabels.noVerdict);
    const res = await t.http.post(`${API}/uploads/${item.id}/${item.actions[0]}`).set('Authorization', bearer(tree.branchAStaff.token));
    expect(res.status).toBe(200);
    const shown = await t.http.get(late.path);
    expect(shown.status).toBe(200);
    const after = await queue(tree.branchAStaff.token, tree.branchA.id);
    expect(photos(after).map((p) => p.id)).not.toContain(item.id);
    expect(after.counts.byKind.photo).toBe(1);
    // handled already: a second decision from a stale list is a clear 409
    expectErrorShape((await t.http.post(`${API}/uploads/${item.id}/remove`).set('Authorization', bearer(tree.streetStaff.token))).body, 409, 'CONFLICT');
  });

  it('removing from the queue takes the photo off the card, out of public view and off the queue, and tells the uploader', async () => {
    const [item] = photos(await queue(tree.streetStaff.token, tree.street.id));
    expect(item.excerpt).toBe(HeldPhotoLabels.review);
    // the member shows it on the card again meanwhile
    expect((await t.http.patch(`${API}/members/me`).set('Authorization', bearer(m.token)).send({ photoUrl: reviewed.url })).status).toBe(200);
    const res = await t.http.post(`${API}/uploads/${item.id}/${item.actions[1]}`).set('Authorization', bearer(tree.streetStaff.token));
    expect(res.status).toBe(200);
    expect((await t.http.get(reviewed.path)).status).toBe(404);
    expect((await t.http.get(pathOf(item.imageUrl!))).status).toBe(404);
    expect((await t.http.get(`${API}/members/${m.memberId}/card`)).body.photoUrl ?? null).toBeNull();
    const notes: Array<{ title: string }> = await t.dataSource.query(`SELECT title FROM notification WHERE user_id = $1 AND dedupe_key = $2`, [m.userId, `photo-removed:${item.id}`]);
    expect(notes.map((n) => n.title)).toEqual(['您上传的照片未通过审核']);
    const after = await queue(tree.streetStaff.token, tree.street.id);
    expect(photos(after)).toEqual([]);
    expect(after.counts).toMatchObject({ total: 1, byKind: { wish: 1, commitment: 0, photo: 0 } });
  });
});
