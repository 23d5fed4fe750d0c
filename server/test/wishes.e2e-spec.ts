import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Wish } from '@xianfeng/shared';
import { readFileSync } from 'node:fs';
import { DEFAULT_CLAIM_LIMIT } from '../src/wishes/wishes.repository.js';
import { WishesService } from '../src/wishes/wishes.service.js';
import { bearer, useTestApp } from './support/app.js';
import { bindMember, buildTree, claimCountMismatches, count, expectErrorShape, user, type BoundMember, type Tree } from './support/fixtures.js';

const API = '/api/v1';
const PHONE = '13912345678';
const DAY = 86_400_000;
const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const today = () => shanghaiDate(new Date());
const png = readFileSync(new URL('./fixtures/1x1.png', import.meta.url));

interface Person {
  token: string;
  userId: string;
}
type MemberPerson = BoundMember;

describe('wishes (微心愿)', () => {
  const t = useTestApp();
  let tree: Tree;
  /** A second resident, and members of branch A, branch B and the community. */
  let resident2: Person;
  let memberA: MemberPerson;
  let memberB: MemberPerson;
  let memberC: MemberPerson;

  const post = (token: string | null, path: string, body: object = {}) => {
    const r = t.http.post(`${API}${path}`);
    return (token ? r.set('Authorization', bearer(token)) : r).send(body);
  };
  const get = (token: string | null, path: string, query: Record<string, string | number> = {}) => {
    const r = t.http.get(`${API}${path}`).query(query);
    return token ? r.set('Authorization', bearer(token)) : r;
  };

  const wishBody = (over: Record<string, unknown> = {}) => ({
    orgId: tree.community.id,
    title: '帮忙修理轮椅',
    description: '家里老人的轮椅坏了，希望有人帮忙修一修。',
    category: 'service',
    wisherName: '张三丰',
    wisherPhone: PHONE,
    ...over,
  });

  async function postWish(token: string, over: Record<string, unknown> = {}): Promise<Wish> {
    const res = await post(token, '/wishes', wishBody(over));
    if (res.status !== 201) throw new Error(`post wish: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Posted by the resident and approved by street staff. */
  async function openWish(over: Record<string, unknown> = {}, approve: Record<string, unknown> = {}): Promise<Wish> {
    const w = await postWish(tree.resident.token, over);
    const res = await post(tree.streetStaff.token, `/wishes/${w.id}/approve`, approve);
    if (res.status !== 200) throw new Error(`approve: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function claimed(by: MemberPerson, over: Record<string, unknown> = {}): Promise<Wish> {
    const w = await openWish(over);
    const res = await post(by.token, `/wishes/${w.id}/claim`);
    if (res.status !== 200) throw new Error(`claim: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function upload(token: string): Promise<string> {
    const res = await t.http.post(`${API}/uploads`).set('Authorization', bearer(token)).attach('file', png, 'a.png');
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.url;
  }

  const notificationsFor = async (wishId: string): Promise<Array<{ user_id: string; event: string; body: string }>> =>
    t.dataSource.query(`SELECT user_id, data->>'phrase2' AS event, body FROM notification WHERE page = $1 ORDER BY created_at`, [`packages/wish/detail/index?id=${wishId}`]);

  beforeAll(async () => {
    tree = await buildTree(t);
    resident2 = await user(t, 'resident2');
    memberA = await bindMember(t, tree.branchA.id, { name: '王先锋' });
    memberB = await bindMember(t, tree.branchB.id, { name: '李示范' });
    memberC = await bindMember(t, tree.community.id, { name: '赵责任' });
  });

  describe('the whole flow', () => {
    it('post → approve → claim → fulfil → confirm, each step in the history and notified through the outbox', async () => {
      const posted = await postWish(tree.resident.token);
      expect(posted).toMatchObject({ status: 'pending_review', orgId: tree.community.id, wisherDisplayName: '张**', claimant: null });
      expect(posted.wisher).toEqual({ name: '张三丰', phone: PHONE, onBehalf: false });
      // staff of the community and above hear of it (street staff); branch A staff are below it and do not
      let notes = await notificationsFor(posted.id);
      expect(notes).toEqual([expect.objectContaining({ user_id: tree.streetStaff.userId, event: '待审核' })]);

      const expiresOn = shanghaiDate(new Date(Date.now() + 30 * DAY));
      const approved = await post(tree.streetStaff.token, `/wishes/${posted.id}/approve`, { expiresOn });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'open', expiresOn });

      const claim = await post(memberA.token, `/wishes/${posted.id}/claim`);
      expect(claim.status).toBe(200);
      expect(claim.body).toMatchObject({ status: 'claimed', claimant: { memberId: memberA.memberId, name: '王先锋' } });
      // the answer is read after the claim committed: its history already ends with the claim
      expect(claim.body.history.map((e: { action: string; actorLabel: string }) => `${e.action}:${e.actorLabel}`).slice(-1)).toEqual(['claim:党员 王先锋']);
      // the wisher hears who claimed it
      expect((await notificationsFor(posted.id)).at(-1)).toMatchObject({ user_id: tree.resident.userId, event: '已认领', body: expect.stringContaining('党员王先锋认领了您的心愿') });

      const photo = await upload(memberA.token);
      const fulfil = await post(memberA.token, `/wishes/${posted.id}/fulfil`, { note: '轮椅已修好，送到家里', photos: [photo] });
      expect(fulfil.status).toBe(200);
      expect(fulfil.body).toMatchObject({ status: 'fulfilled', fulfilment: { note: '轮椅已修好，送到家里', photos: [photo] } });

      const confirm = await post(tree.resident.token, `/wishes/${posted.id}/confirm`, { thanks: '谢谢小王！', rating: 5 });
      expect(confirm.status).toBe(200);
      expect(confirm.body).toMatchObject({ status: 'confirmed', confirmation: { thanks: '谢谢小王！', rating: 5 } });

      // anyone sees the result and the history, without the wisher's identity
      const pub = await get(null, `/wishes/${posted.id}`);
      expect(pub.status).toBe(200);
      expect(pub.body.confirmation).toMatchObject({ thanks: '谢谢小王！', rating: 5 });
      expect(pub.body.history.map((e: { action: string; actorLabel: string; toStatus: string }) => [e.action, e.actorLabel, e.toStatus])).toEqual([
        ['post', '群众', 'pending_review'],
        ['approve', '工作人员', 'open'],
        ['claim', '党员 王先锋', 'claimed'],
        ['fulfil', '党员 王先锋', 'fulfilled'],
        ['confirm', '群众', 'confirmed'],
      ]);
      expect(JSON.stringify(pub.body)).not.toContain(tree.resident.userId);

      notes = await notificationsFor(posted.id);
      expect(notes.map((n) => [n.user_id, n.event])).toEqual([
        [tree.streetStaff.userId, '待审核'],
        [tree.resident.userId, '已通过'],
        [tree.resident.userId, '已认领'],
        [tree.resident.userId, '已完成'],
        [memberA.userId, '收到感谢'],
      ]);
      // the outbox never carries the phone
      expect(JSON.stringify(await t.dataSource.query(`SELECT title, body, data FROM notification`))).not.toContain(PHONE);
    });

    it('lets staff post on behalf of a resident without the app, stand in for them, and confirm', async () => {
      const res = await post(tree.streetStaff.token, '/wishes', wishBody({ wisherName: '刘奶奶', wisherPhone: '010-62345678', category: 'errand', title: '代买降压药' }));
      expect(res.status).toBe(201);
      expect(res.body.wisher).toEqual({ name: '刘奶奶', phone: '010-62345678', onBehalf: true });
      const [row] = await t.dataSource.query(`SELECT wisher_user_id, posted_by FROM wish WHERE id = $1`, [res.body.id]);
      expect(row).toEqual({ wisher_user_id: null, posted_by: tree.streetStaff.userId });
      expect((await post(tree.streetStaff.token, `/wishes/${res.body.id}/approve`)).status).toBe(200);
      expect((await post(memberB.token, `/wishes/${res.body.id}/claim`)).status).toBe(200);
      expect((await post(memberB.token, `/wishes/${res.body.id}/fulfil`, { note: '药已送到' })).status).toBe(200);
      const confirm = await post(tree.streetStaff.token, `/wishes/${res.body.id}/confirm`, { rating: 4 });
      expect(confirm.status).toBe(200);
      expect(confirm.body.confirmation).toMatchObject({ thanks: null, rating: 4 });
      expect(confirm.body.history.map((e: { actorLabel: string }) => e.actorLabel)).toEqual(['工作人员（代群众发布）', '工作人员', '党员 李示范', '党员 李示范', '工作人员']);
      // the posting staff member is how the resident hears: claim and fulfilment go to them; the claimer hears of the confirmation
      const notes = await notificationsFor(res.body.id);
      expect(notes.filter((n) => n.user_id === tree.streetStaff.userId).map((n) => n.event)).toEqual(['待审核', '已认领', '已完成']);
      expect(notes.filter((n) => n.user_id === memberB.userId).map((n) => n.event)).toEqual(['已确认']);
    });

    it('a wish without a given name falls back to a generic display name', async () => {
      const w = await postWish(resident2.token, { wisherName: undefined, wisherPhone: undefined });
      expect(w.wisherDisplayName).toBe('居民');
      expect(w.wisher).toEqual({ name: null, phone: null, onBehalf: false });
    });

    it('rejects with a reason the wisher sees, and the public never does', async () => {
      const w = await postWish(tree.resident.token);
      const res = await post(tree.streetStaff.token, `/wishes/${w.id}/reject`, { reason: '不属于本社区服务范围' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'rejected', rejectReason: '不属于本社区服务范围' });
      const mine = await get(tree.resident.token, `/wishes/${w.id}`);
      expect(mine.body.rejectReason).toBe('不属于本社区服务范围');
      expect(mine.body.history[1]).toMatchObject({ action: 'reject', note: '不属于本社区服务范围' });
      expect((await get(null, `/wishes/${w.id}`)).status).toBe(404);
      expect((await notificationsFor(w.id)).map((n) => n.event)).toContain('未通过');
      const again = await post(tree.streetStaff.token, `/wishes/${w.id}/approve`);
      expectErrorShape(again.body, 409, 'INVALID_STATE_TRANSITION');
    });
  });

  describe('validation and content checks', () => {
    it.each([
      ['a 31-character title', { title: '愿'.repeat(31) }, 'title'],
      ['an empty title', { title: '   ' }, 'title'],
      ['a 501-character description', { description: '述'.repeat(501) }, 'description'],
      ['an unknown category', { category: 'money' }, 'category'],
      ['a bad phone', { wisherPhone: '12345' }, 'wisherPhone'],
      ['a bad orgId', { orgId: 'nope' }, 'orgId'],
      ['an unknown field', { idCard: '110101199001011234' }, 'idCard'],
    ])('refuses %s with 400 naming the field, storing nothing', async (_n, over, field) => {
      const before = await count(t, 'wish');
      const res = await post(tree.resident.token, '/wishes', wishBody(over));
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await count(t, 'wish')).toBe(before);
    });

    it('accepts exactly 30 and 500 characters', async () => {
      const w = await postWish(tree.resident.token, { title: '愿'.repeat(30), description: '述'.repeat(500) });
      expect(w.title).toHaveLength(30);
    });

    it('refuses risky text with 400 CONTENT_REJECTED and stores nothing', async () => {
      const before = await count(t, 'wish');
      const res = await post(tree.resident.token, '/wishes', wishBody({ description: '一起去赌博吧' }));
      expectErrorShape(res.body, 400, 'CONTENT_REJECTED');
      expect(await count(t, 'wish')).toBe(before);
    });

    it('stores text WeChat sends to review held; approval by staff clears it', async () => {
      const w = await postWish(tree.resident.token, { description: '这条reviewword需要复核' });
      expect(w.held).toEqual({ content: true, note: false, thanks: false });
      const approved = await post(tree.streetStaff.token, `/wishes/${w.id}/approve`);
      expect(approved.body.held.content).toBe(false);
      expect((await get(null, `/wishes/${w.id}`)).status).toBe(200);
    });

    it('holds a fulfilment note or thanks WeChat sends to review from the public until staff clear them', async () => {
      const w = await claimed(memberA);
      await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: '已完成，待审一下' });
      await post(tree.resident.token, `/wishes/${w.id}/confirm`, { thanks: 'reviewword 谢谢' });
      const pub = await get(null, `/wishes/${w.id}`);
      expect(pub.body.fulfilment.note).toBeNull();
      expect(pub.body.confirmation.thanks).toBeNull();
      expect(pub.body.held).toBeUndefined();
      const staff = await get(tree.streetStaff.token, `/wishes/${w.id}`);
      expect(staff.body.fulfilment.note).toBe('已完成，待审一下');
      expect(staff.body.held).toEqual({ content: false, note: true, thanks: true });
      expect((await post(memberC.token, `/wishes/${w.id}/clear-held`)).status).toBe(403);
      const cleared = await post(tree.streetStaff.token, `/wishes/${w.id}/clear-held`);
      expect(cleared.status).toBe(200);
      const after = await get(null, `/wishes/${w.id}`);
      expect(after.body.fulfilment.note).toBe('已完成，待审一下');
      expect(after.body.confirmation.thanks).toBe('reviewword 谢谢');
    });

    it('refuses risky fulfilment notes and thanks, leaving the wish as it was', async () => {
      const w = await claimed(memberA);
      const bad = await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: 'riskyword' });
      expectErrorShape(bad.body, 400, 'CONTENT_REJECTED');
      expect((await get(memberA.token, `/wishes/${w.id}`)).body.status).toBe('claimed');
      await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: '好了' });
      const badThanks = await post(tree.resident.token, `/wishes/${w.id}/confirm`, { thanks: '赌博' });
      expectErrorShape(badThanks.body, 400, 'CONTENT_REJECTED');
      expect((await get(null, `/wishes/${w.id}`)).body.status).toBe('fulfilled');
    });

    it.each([
      ['approve with a past expiresOn', 'approve', { expiresOn: '2020-01-01' }, 'expiresOn'],
      ['approve with an impossible date', 'approve', { expiresOn: '2030-02-30' }, 'expiresOn'],
      ['reject without a reason', 'reject', {}, 'reason'],
    ])('refuses to %s', async (_n, step, body, field) => {
      const w = await postWish(tree.resident.token);
      const res = await post(tree.streetStaff.token, `/wishes/${w.id}/${step}`, body);
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect((await get(tree.streetStaff.token, `/wishes/${w.id}`)).body.status).toBe('pending_review');
    });

    it('refuses bad fulfilment and confirmation bodies', async () => {
      const w = await claimed(memberA);
      expectErrorShape((await post(memberA.token, `/wishes/${w.id}/fulfil`, {})).body, 400, 'VALIDATION_FAILED');
      expectErrorShape((await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: 'x', photos: Array(10).fill('https://a.b/c.jpg') })).body, 400, 'VALIDATION_FAILED');
      expectErrorShape((await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: 'x', photos: ['not a url'] })).body, 400, 'VALIDATION_FAILED');
      // photos must be the claimer's own uploads: not a link elsewhere, not someone else's upload
      const theirs = await upload(memberB.token);
      const mine = await upload(memberA.token);
      const borrowed = await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: 'x', photos: [mine, 'https://example.com/x.jpg', theirs] });
      expectErrorShape(borrowed.body, 400, 'VALIDATION_FAILED');
      expect(borrowed.body.details.map((d: { field: string }) => d.field)).toEqual(['photos.1', 'photos.2']);
      await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: '好了' });
      for (const rating of [0, 6, 3.5, '5']) {
        const res = await post(tree.resident.token, `/wishes/${w.id}/confirm`, { rating });
        expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('forbidden steps, per role', () => {
    it('anonymous callers may read the wall but do nothing else', async () => {
      const w = await openWish();
      expect((await post(null, '/wishes', wishBody())).status).toBe(401);
      for (const step of ['approve', 'reject', 'claim', 'release', 'fulfil', 'confirm', 'clear-held']) {
        expect((await post(null, `/wishes/${w.id}/${step}`, {})).status).toBe(401);
      }
      expect((await get(null, '/wishes', { mine: 'posted' })).status).toBe(401);
    });

    it('a resident (not a member) cannot review, claim, release or fulfil, nor confirm or see someone else\'s pending wish', async () => {
      const pending = await postWish(tree.resident.token);
      expectErrorShape((await post(resident2.token, `/wishes/${pending.id}/approve`)).body, 403, 'FORBIDDEN');
      expect((await get(resident2.token, `/wishes/${pending.id}`)).status).toBe(404);
      const w = await openWish();
      expectErrorShape((await post(resident2.token, `/wishes/${w.id}/claim`)).body, 403, 'NOT_A_MEMBER');
      // the wisher is a resident too: no claiming, and no approving their own wish
      expectErrorShape((await post(tree.resident.token, `/wishes/${w.id}/claim`)).body, 403, 'NOT_A_MEMBER');
      expectErrorShape((await post(tree.resident.token, `/wishes/${pending.id}/approve`)).body, 403, 'FORBIDDEN');
      await post(memberA.token, `/wishes/${w.id}/claim`);
      expectErrorShape((await post(resident2.token, `/wishes/${w.id}/release`)).body, 403, 'NOT_A_MEMBER');
      expectErrorShape((await post(resident2.token, `/wishes/${w.id}/fulfil`, { note: '我做的' })).body, 403, 'NOT_A_MEMBER');
      await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: '好了' });
      expectErrorShape((await post(resident2.token, `/wishes/${w.id}/confirm`, { rating: 1 })).body, 403, 'FORBIDDEN');
      expect((await get(null, `/wishes/${w.id}`)).body.status).toBe('fulfilled');
    });

    it('a member who is not the claimer cannot release, fulfil or confirm; the claimer cannot confirm their own work', async () => {
      const w = await claimed(memberA);
      expectErrorShape((await post(memberB.token, `/wishes/${w.id}/release`)).body, 403, 'FORBIDDEN');
      expectErrorShape((await post(memberB.token, `/wishes/${w.id}/fulfil`, { note: '抢功' })).body, 403, 'FORBIDDEN');
      expectErrorShape((await post(memberB.token, `/wishes/${w.id}/approve`)).body, 403, 'FORBIDDEN');
      await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: '好了' });
      expectErrorShape((await post(memberA.token, `/wishes/${w.id}/confirm`, { rating: 5 })).body, 403, 'FORBIDDEN');
      expectErrorShape((await post(memberB.token, `/wishes/${w.id}/confirm`, { rating: 5 })).body, 403, 'FORBIDDEN');
      expect((await get(null, `/wishes/${w.id}`)).body.status).toBe('fulfilled');
    });

    it('a member cannot claim a wish they posted themselves', async () => {
      const w = await postWish(memberC.token);
      await post(tree.streetStaff.token, `/wishes/${w.id}/approve`);
      expectErrorShape((await post(memberC.token, `/wishes/${w.id}/claim`)).body, 403, 'FORBIDDEN');
    });

    it('staff of another organisation cannot review; staff who are not members cannot claim; staff cannot release for the claimer', async () => {
      const pendingInB = await postWish(tree.resident.token, { orgId: tree.branchB.id });
      // branch A staff do not know branch B's pending wishes exist
      expect((await post(tree.branchAStaff.token, `/wishes/${pendingInB.id}/approve`)).status).toBe(404);
      expect((await post(tree.branchAStaff.token, `/wishes/${pendingInB.id}/reject`, { reason: 'x' })).status).toBe(404);
      // community wishes are above branch A: its staff may see open ones but not review them
      const w = await openWish();
      expectErrorShape((await post(tree.branchAStaff.token, `/wishes/${w.id}/clear-held`)).body, 403, 'FORBIDDEN');
      expectErrorShape((await post(tree.streetStaff.token, `/wishes/${w.id}/claim`)).body, 403, 'NOT_A_MEMBER');
      await post(memberA.token, `/wishes/${w.id}/claim`);
      expectErrorShape((await post(tree.streetStaff.token, `/wishes/${w.id}/release`)).body, 403, 'NOT_A_MEMBER');
      expect((await get(null, `/wishes/${w.id}`)).body.claimant.memberId).toBe(memberA.memberId);
    });

    it('steps out of order answer 409 and change nothing', async () => {
      const pending = await postWish(tree.resident.token);
      // a staff member who is also a member sees pending wishes, and still cannot claim one
      const staffMember = await bindMember(t, tree.street.id, { name: '钱书记' });
      await post(tree.adminToken, `/orgs/${tree.street.id}/staff`, { userId: staffMember.userId });
      expectErrorShape((await post(staffMember.token, `/wishes/${pending.id}/claim`)).body, 409, 'WISH_NOT_OPEN');
      const w = await openWish();
      expectErrorShape((await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: '先完成' })).body, 409, 'INVALID_STATE_TRANSITION');
      expectErrorShape((await post(memberA.token, `/wishes/${w.id}/release`)).body, 409, 'INVALID_STATE_TRANSITION');
      expectErrorShape((await post(tree.resident.token, `/wishes/${w.id}/confirm`, {})).body, 409, 'INVALID_STATE_TRANSITION');
      expectErrorShape((await post(tree.streetStaff.token, `/wishes/${w.id}/approve`)).body, 409, 'INVALID_STATE_TRANSITION');
      expectErrorShape((await post(tree.streetStaff.token, `/wishes/${w.id}/reject`, { reason: '晚了' })).body, 409, 'INVALID_STATE_TRANSITION');
      await post(memberA.token, `/wishes/${w.id}/claim`);
      const twice = await post(memberA.token, `/wishes/${w.id}/claim`);
      expectErrorShape(twice.body, 409, 'WISH_ALREADY_CLAIMED');
      await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: '好了' });
      expectErrorShape((await post(memberB.token, `/wishes/${w.id}/claim`)).body, 409, 'WISH_NOT_OPEN');
      expectErrorShape((await post(memberA.token, `/wishes/${w.id}/release`)).body, 409, 'INVALID_STATE_TRANSITION');
      await post(tree.resident.token, `/wishes/${w.id}/confirm`, {});
      expectErrorShape((await post(tree.resident.token, `/wishes/${w.id}/confirm`, {})).body, 409, 'INVALID_STATE_TRANSITION');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM wish_event WHERE wish_id = $1`, [w.id]);
      expect(n).toBe(5);
    });

    it('unknown and malformed ids are 404', async () => {
      expect((await get(null, '/wishes/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await get(null, '/wishes/abc')).status).toBe(404);
      expect((await post(memberA.token, '/wishes/00000000-0000-4000-8000-000000000000/claim')).status).toBe(404);
      expect((await post(tree.resident.token, '/wishes', wishBody({ orgId: '00000000-0000-4000-8000-000000000000' }))).status).toBe(404);
    });
  });

  describe('release and re-claim', () => {
    it('the claimer releases the wish to the wall, another member claims it, the first cannot take it back', async () => {
      const w = await claimed(memberA);
      const rel = await post(memberA.token, `/wishes/${w.id}/release`);
      expect(rel.status).toBe(200);
      expect(rel.body).toMatchObject({ status: 'open', claimant: null });
      expect(rel.body.wisher).toBeUndefined(); // no longer the claimer: the contact is gone
      const [row] = await t.dataSource.query(`SELECT status, claimant_member_id, claimed_at FROM wish WHERE id = $1`, [w.id]);
      expect(row).toEqual({ status: 'open', claimant_member_id: null, claimed_at: null });
      const again = await post(memberB.token, `/wishes/${w.id}/claim`);
      expect(again.status).toBe(200);
      expect(again.body.claimant).toEqual({ memberId: memberB.memberId, name: '李示范' });
      expectErrorShape((await post(memberA.token, `/wishes/${w.id}/claim`)).body, 409, 'WISH_ALREADY_CLAIMED');
      const history = (await get(null, `/wishes/${w.id}`)).body.history.map((e: { action: string; actorLabel: string }) => `${e.action}:${e.actorLabel}`);
      expect(history.slice(2)).toEqual(['claim:党员 王先锋', 'release:党员 王先锋', 'claim:党员 李示范']);
      const toWisher = (await notificationsFor(w.id)).filter((n) => n.user_id === tree.resident.userId);
      expect(toWisher.map((n) => n.event)).toEqual(['已通过', '已认领', '重新待领', '已认领']);
    });
  });

  describe('claim limit', () => {
    it('defaults to 3 unfinished claims; fulfilling or releasing one frees a place', async () => {
      const m = await bindMember(t, tree.branchA.id, { name: '孙限额' });
      const wishes = await Promise.all([1, 2, 3, 4].map(() => openWish()));
      for (const w of wishes.slice(0, 3)) expect((await post(m.token, `/wishes/${w.id}/claim`)).status).toBe(200);
      const fourth = await post(m.token, `/wishes/${wishes[3].id}/claim`);
      expectErrorShape(fourth.body, 409, 'CLAIM_LIMIT_REACHED');
      await post(m.token, `/wishes/${wishes[0].id}/fulfil`, { note: '完成' });
      expect((await post(m.token, `/wishes/${wishes[3].id}/claim`)).status).toBe(200);
      const fifth = await openWish();
      expectErrorShape((await post(m.token, `/wishes/${fifth.id}/claim`)).body, 409, 'CLAIM_LIMIT_REACHED');
      await post(m.token, `/wishes/${wishes[1].id}/release`);
      expect((await post(m.token, `/wishes/${fifth.id}/claim`)).status).toBe(200);
      // the count the limit is checked against followed every claim, fulfilment and release
      expect(await claimCountMismatches(t)).toEqual([]);
      const [{ claims_held }] = await t.dataSource.query(`SELECT claims_held FROM member WHERE id = $1`, [m.memberId]);
      expect(claims_held).toBe(3);
    });

    it('where no organisation sets one, the database checks the same default the settings page shows', async () => {
      const [{ limit }] = await t.dataSource.query(`SELECT wish_claim_limit(path) AS limit FROM org WHERE id = $1`, [tree.branchB.id]);
      expect(limit).toBe(DEFAULT_CLAIM_LIMIT);
      expect((await get(tree.streetStaff.token, `/orgs/${tree.branchB.id}/wish-settings`)).body.claimLimit).toBe(limit);
    });

    it('is set by staff per organisation and inherited down the tree; the wish\'s organisation decides', async () => {
      expectErrorShape((await t.http.put(`${API}/orgs/${tree.community.id}/wish-settings`).set('Authorization', bearer(tree.branchAStaff.token)).send({ claimLimit: 1 })).body, 403, 'FORBIDDEN');
      expectErrorShape((await t.http.put(`${API}/orgs/${tree.community.id}/wish-settings`).set('Authorization', bearer(tree.streetStaff.token)).send({ claimLimit: 0 })).body, 400, 'VALIDATION_FAILED');
      const put = await t.http.put(`${API}/orgs/${tree.community.id}/wish-settings`).set('Authorization', bearer(tree.streetStaff.token)).send({ claimLimit: 1 });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ orgId: tree.community.id, claimLimit: 1, inheritedFrom: null });
      const inherited = await get(tree.branchAStaff.token, `/orgs/${tree.branchA.id}/wish-settings`);
      expect(inherited.body).toEqual({ orgId: tree.branchA.id, claimLimit: 1, inheritedFrom: tree.community.id });
      expect((await get(tree.streetStaff.token, `/orgs/${tree.branchB.id}/wish-settings`)).body).toEqual({ orgId: tree.branchB.id, claimLimit: 3, inheritedFrom: null });
      try {
        const m = await bindMember(t, tree.branchB.id, { name: '周一个' });
        const [a, b] = await Promise.all([openWish({ orgId: tree.branchA.id }), openWish({ orgId: tree.branchA.id })]);
        expect((await post(m.token, `/wishes/${a.id}/claim`)).status).toBe(200);
        expectErrorShape((await post(m.token, `/wishes/${b.id}/claim`)).body, 409, 'CLAIM_LIMIT_REACHED');
        // branch B keeps the default of 3, and the claim held in branch A counts there too
        const inB = await openWish({ orgId: tree.branchB.id });
        expect((await post(m.token, `/wishes/${inB.id}/claim`)).status).toBe(200);
      } finally {
        await t.http.put(`${API}/orgs/${tree.community.id}/wish-settings`).set('Authorization', bearer(tree.streetStaff.token)).send({ claimLimit: 3 });
      }
    });

    it('lets any member claim, not only members of the wish\'s organisation (双报到)', async () => {
      const w = await openWish({ orgId: tree.branchA.id });
      expect((await post(memberB.token, `/wishes/${w.id}/claim`)).status).toBe(200);
    });
  });

  describe('privacy: masking and phone visibility', () => {
    it('shows the phone to staff always, to the claimer only while claimed or fulfilled, and to nobody else', async () => {
      const w = await openWish({ wisherName: '欧阳娜娜', wisherPhone: PHONE });
      const leaks = (body: unknown) => {
        const s = JSON.stringify(body);
        return s.includes(PHONE) || s.includes('欧阳娜娜') || s.includes(tree.resident.userId);
      };
      const views = async () => ({
        anon: (await get(null, `/wishes/${w.id}`)).body,
        memberA: (await get(memberA.token, `/wishes/${w.id}`)).body,
        memberB: (await get(memberB.token, `/wishes/${w.id}`)).body,
        resident2: (await get(resident2.token, `/wishes/${w.id}`)).body,
        staff: (await get(tree.streetStaff.token, `/wishes/${w.id}`)).body,
        wisher: (await get(tree.resident.token, `/wishes/${w.id}`)).body,
        wall: (await get(null, '/wishes', { orgId: tree.community.id, limit: 100, status: 'open,claimed,fulfilled,confirmed' })).body,
      });

      let v = await views();
      for (const k of ['anon', 'memberA', 'memberB', 'resident2', 'wall'] as const) expect(leaks(v[k])).toBe(false);
      expect(v.anon.wisherDisplayName).toBe('欧**');
      expect(v.staff.wisher).toEqual({ name: '欧阳娜娜', phone: PHONE, onBehalf: false });
      expect(v.wisher.wisher.phone).toBe(PHONE);

      await post(memberA.token, `/wishes/${w.id}/claim`);
      v = await views();
      expect(v.memberA.wisher).toEqual({ name: '欧阳娜娜', phone: PHONE, onBehalf: false });
      for (const k of ['anon', 'memberB', 'resident2', 'wall'] as const) expect(leaks(v[k])).toBe(false);
      // the claimer's own list carries the contact too
      const mine = await get(memberA.token, '/wishes', { mine: 'claimed', limit: 100 });
      expect(mine.body.items.find((i: Wish) => i.id === w.id).wisher.phone).toBe(PHONE);

      await post(memberA.token, `/wishes/${w.id}/fulfil`, { note: '好了' });
      expect((await get(memberA.token, `/wishes/${w.id}`)).body.wisher.phone).toBe(PHONE);

      await post(tree.resident.token, `/wishes/${w.id}/confirm`, {});
      v = await views();
      for (const k of ['anon', 'memberA', 'memberB', 'resident2', 'wall'] as const) expect(leaks(v[k])).toBe(false);
      expect(v.staff.wisher.phone).toBe(PHONE);
    });

    it('masks by the first character, whatever the name', async () => {
      const names: Array<[string, string]> = [['李', '李**'], ['司马相如', '司**'], ['Tom', 'T**'], ['𠀋小明', '𠀋**']];
      for (const [name, masked] of names) {
        const w = await openWish({ wisherName: name });
        expect((await get(null, `/wishes/${w.id}`)).body.wisherDisplayName).toBe(masked);
      }
    });
  });

  describe('the wall and its counts', () => {
    const t2 = useTestApp(); // a clean database, so the counts are exact
    let staffT: Tree;
    beforeAll(async () => {
      staffT = await buildTree(t2);
    });

    it('lists the subtree newest first with status filters and cursor pagination; counts per status', async () => {
      const h = t2.http;
      const mu = await bindMember(t2, staffT.branchA.id, { name: '墙党员' });
      const make = async (orgId: string, title: string) => {
        const res = await h.post(`${API}/wishes`).set('Authorization', bearer(staffT.resident.token)).send({ orgId, title, description: '描述', category: 'goods' });
        return res.body as Wish;
      };
      const step = (token: string, id: string, s: string, body: object = {}) => h.post(`${API}/wishes/${id}/${s}`).set('Authorization', bearer(token)).send(body);
      const ids: Record<string, string> = {};
      for (const [key, org] of [['p', 'branchA'], ['o1', 'branchA'], ['o2', 'community'], ['c', 'branchA'], ['f', 'branchA'], ['k', 'branchA'], ['r', 'branchA'], ['x', 'branchA'], ['b', 'branchB']] as const) {
        ids[key] = (await make(staffT[org].id, key)).id;
      }
      for (const k of ['o1', 'o2', 'c', 'f', 'k', 'x', 'b']) expect((await step(staffT.streetStaff.token, ids[k], 'approve')).status).toBe(200);
      await step(staffT.streetStaff.token, ids.r, 'reject', { reason: '重复' });
      for (const k of ['c', 'f', 'k']) expect((await step(mu.token, ids[k], 'claim')).status).toBe(200);
      await step(mu.token, ids.f, 'fulfil', { note: '好' });
      await step(mu.token, ids.k, 'fulfil', { note: '好' });
      await step(staffT.resident.token, ids.k, 'confirm', {});
      await t2.dataSource.query(`UPDATE wish SET expires_on = current_date - 2 WHERE id = $1`, [ids.x]);
      await t2.app.get(WishesService).expireDue();

      const wall = async (query: Record<string, string | number>, token: string | null = null) => {
        const r = h.get(`${API}/wishes`).query(query);
        const res = await (token ? r.set('Authorization', bearer(token)) : r);
        return res;
      };
      const titles = (res: { body: { items: Wish[] } }) => res.body.items.map((i) => i.title);

      // public: the community subtree, newest first, only public statuses
      expect(titles(await wall({ orgId: staffT.community.id }))).toEqual(['k', 'f', 'c', 'o2', 'o1']);
      expect(titles(await wall({ orgId: staffT.branchA.id, status: 'open' }))).toEqual(['o1']);
      expect(titles(await wall({ orgId: staffT.street.id, status: 'claimed,fulfilled' }))).toEqual(['f', 'c']);
      expect(titles(await wall({}))).toEqual(['b', 'k', 'f', 'c', 'o2', 'o1']);
      // pages of 2 walk the whole list once
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Wish[]; nextCursor: string | null } } = await wall({ orgId: staffT.street.id, limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...titles(page));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['b', 'k', 'f', 'c', 'o2', 'o1']);
      expectErrorShape((await wall({ cursor: 'garbage' })).body, 400, 'VALIDATION_FAILED');
      expectErrorShape((await wall({ status: 'lost' })).body, 400, 'VALIDATION_FAILED');

      // pending, rejected and expired: staff of the organisation only, and the wisher's own
      expectErrorShape((await wall({ orgId: staffT.branchA.id, status: 'pending_review' })).body, 403, 'FORBIDDEN');
      expectErrorShape((await wall({ orgId: staffT.branchB.id, status: 'pending_review' }, staffT.branchAStaff.token)).body, 403, 'FORBIDDEN');
      expectErrorShape((await wall({ status: 'expired' }, staffT.streetStaff.token)).body, 403, 'FORBIDDEN');
      expect(titles(await wall({ orgId: staffT.branchA.id, status: 'pending_review,rejected,expired' }, staffT.branchAStaff.token))).toEqual(['x', 'r', 'p']);
      expect(titles(await wall({ mine: 'posted' }, staffT.resident.token))).toEqual(['b', 'x', 'r', 'k', 'f', 'c', 'o2', 'o1', 'p']);
      expect(titles(await wall({ mine: 'posted' }, mu.token))).toEqual([]);
      expect(titles(await wall({ mine: 'claimed' }, mu.token))).toEqual(['k', 'f', 'c']);
      expect(titles(await wall({ mine: 'claimed', status: 'claimed' }, mu.token))).toEqual(['c']);
      expectErrorShape((await wall({ mine: 'claimed' }, staffT.resident.token)).body, 403, 'NOT_A_MEMBER');
      expect(mu.member.id).toBeDefined();

      // counts are cumulative: claimed includes fulfilled and confirmed, fulfilled includes confirmed
      const counts = await h.get(`${API}/orgs/${staffT.community.id}/wish-counts`);
      expect(counts.status).toBe(200);
      expect(counts.body).toEqual({ orgId: staffT.community.id, posted: 6, open: 2, claimed: 3, fulfilled: 2, confirmed: 1 });
      expect((await h.get(`${API}/orgs/${staffT.street.id}/wish-counts`)).body).toMatchObject({ posted: 7, open: 3 });
      expect((await h.get(`${API}/orgs/00000000-0000-4000-8000-000000000000/wish-counts`)).status).toBe(404);
    });
  });

  describe('expiry', () => {
    it('moves open wishes past their last day to expired, by the job, with history and a notification', async () => {
      const lastDay = today();
      const w = await openWish({}, { expiresOn: lastDay });
      const service = t.app.get(WishesService);
      // still open on its last day
      await service.expireDue(new Date());
      expect((await get(null, `/wishes/${w.id}`)).body.status).toBe('open');
      // claimed wishes never expire
      const held = await claimed(memberC);
      await t.dataSource.query(`UPDATE wish SET expires_on = $2 WHERE id = $1`, [held.id, lastDay]);

      const { expired } = await service.expireDue(new Date(Date.now() + DAY));
      expect(expired).toBeGreaterThanOrEqual(1);
      expect((await get(null, `/wishes/${w.id}`)).status).toBe(404); // expired wishes leave the public wall
      const mine = await get(tree.resident.token, `/wishes/${w.id}`);
      expect(mine.body.status).toBe('expired');
      expect(mine.body.history.at(-1)).toMatchObject({ action: 'expire', actorLabel: '系统', fromStatus: 'open', toStatus: 'expired' });
      expect((await notificationsFor(w.id)).at(-1)).toMatchObject({ user_id: tree.resident.userId, event: '已过期' });
      expect((await get(null, `/wishes/${held.id}`)).body.status).toBe('claimed');
      expectErrorShape((await post(memberA.token, `/wishes/${w.id}/claim`)).body, 404, 'NOT_FOUND');
      // running again changes nothing
      const before = await count(t, 'wish_event');
      await service.expireDue(new Date(Date.now() + DAY));
      expect(await count(t, 'wish_event')).toBe(before);
    });

    it('refuses claims on a wish past its last day even before the job has run', async () => {
      const w = await openWish();
      await t.dataSource.query(`UPDATE wish SET expires_on = current_date - 1 WHERE id = $1`, [w.id]);
      expectErrorShape((await post(memberA.token, `/wishes/${w.id}/claim`)).body, 409, 'WISH_NOT_OPEN');
    });

    it('expires a released wish whose day has passed', async () => {
      const w = await claimed(memberA);
      await t.dataSource.query(`UPDATE wish SET expires_on = current_date - 1 WHERE id = $1`, [w.id]);
      await post(memberA.token, `/wishes/${w.id}/release`);
      await t.app.get(WishesService).expireDue();
      expect((await get(tree.streetStaff.token, `/wishes/${w.id}`)).body.status).toBe('expired');
    });

    it('registers the wishes-expire job on the queue', async () => {
      const { JobScheduler } = await import('../src/jobs/job-scheduler.js');
      const jobs = (t.app.get(JobScheduler) as unknown as { jobs: Array<{ name: string; cron: string }> }).jobs;
      expect(jobs).toContainEqual(expect.objectContaining({ name: 'wishes-expire', cron: '*/5 * * * *' }));
    });
  });
});
