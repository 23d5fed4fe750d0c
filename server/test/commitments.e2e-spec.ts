import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Commitment, CommitmentStatus } from '@xianfeng/shared';
import { readFileSync } from 'node:fs';
import { bearer, useTestApp, type TestApp } from './support/app.js';
import { api, buildCast, commitmentIn, commitmentNotifications, draftBody, shanghaiDate, statusOf, type Cast, type Person } from './support/commitments.js';
import { bindMember, count, createOrg, expectErrorShape, grantStaff, user } from './support/fixtures.js';

const png = readFileSync(new URL('./fixtures/1x1.png', import.meta.url));

/** Makes the stand-in WeChat fail the next call of a route (an errcode, or an HTTP status as from a broken proxy). */
async function fault(t: TestApp, f: { route: string; errcode?: number; status?: number; times: number }) {
  const res = await fetch(`${t.standin.url}/__standin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f) });
  if (!res.ok) throw new Error(`fault: ${res.status}`);
}

describe('commitments', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  let cast: Cast;
  let a: ReturnType<typeof api>;
  beforeAll(async () => {
    cast = await buildCast(t);
    a = api(cast);
  });

  const upload = async (who: Person) => {
    const res = await t.http.post('/api/v1/uploads').set('Authorization', bearer(who.token)).attach('file', png, 'a.png');
    if (res.status !== 201) throw new Error(`upload: ${res.status}`);
    return res.body.url as string;
  };

  describe('POST /commitments', () => {
    it('creates a member draft in the member’s own organisation, with the contract’s shape', async () => {
      const res = await a.create(cast.ownerMember.token, draftBody(cast.tree.branchA.id));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        ownerType: 'member',
        ownerMemberId: cast.ownerMember.memberId,
        ownerName: '承诺人',
        orgId: cast.tree.branchA.id,
        orgName: '第一党支部',
        title: '每周走访独居老人',
        items: ['每周上门走访一次', '帮助代购生活用品', '每月向支部汇报一次'],
        status: 'draft',
        overdue: false,
        returnReason: null,
        contentHeld: false,
        progress: [],
        reviews: [],
        reviewSummary: { org: { count: 0, average: null }, peer: { count: 0, average: null }, public: { count: 0, average: null } },
      });
      const [row] = await t.dataSource.query(`SELECT status, owner_member_id, created_by FROM commitment WHERE id = $1`, [res.body.id]);
      expect(row).toEqual({ status: 'draft', owner_member_id: cast.ownerMember.memberId, created_by: cast.ownerMember.userId });
    });

    it('creates a branch draft for staff of that branch (or above), owned by no member', async () => {
      const res = await a.create(cast.staffAbove.token, draftBody(cast.tree.branchA.id, { ownerType: 'branch' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ownerType: 'branch', ownerMemberId: null, ownerName: '第一党支部', status: 'draft' });
    });

    it.each([
      ['a resident posting a member commitment', 'resident', 'member', 'branchA', 403, 'NOT_A_MEMBER'],
      ['a member posting in another organisation', 'ownerMember', 'member', 'branchB', 403, 'FORBIDDEN'],
      ['a member posting a branch commitment', 'ownerMember', 'branch', 'branchA', 403, 'FORBIDDEN'],
      ['staff of another branch', 'otherStaff', 'branch', 'branchA', 403, 'FORBIDDEN'],
      ['a resident posting a branch commitment', 'resident', 'branch', 'branchA', 403, 'FORBIDDEN'],
    ] as const)('refuses %s, writing nothing', async (_n, who, ownerType, org, status, code) => {
      const before = await count(t, 'commitment');
      const res = await a.create((cast[who as keyof Cast] as Person).token, draftBody(cast.tree[org].id, { ownerType }));
      expect(res.status).toBe(status);
      expectErrorShape(res.body, status, code);
      expect(await count(t, 'commitment')).toBe(before);
    });

    it('answers 401 without a login and 404 for an organisation that does not exist', async () => {
      expect((await t.http.post('/api/v1/commitments').send(draftBody(cast.tree.branchA.id))).status).toBe(401);
      const res = await a.create(cast.staffAbove.token, draftBody('00000000-0000-4000-8000-000000000000', { ownerType: 'branch' }));
      expect(res.status).toBe(404);
    });

    it.each([
      ['a 51-character title', { title: '题'.repeat(51) }, 'title'],
      ['an empty title', { title: '   ' }, 'title'],
      ['2,001 characters of content', { content: '文'.repeat(2001) }, 'content'],
      ['no items', { items: [] }, 'items'],
      ['11 items', { items: Array.from({ length: 11 }, (_, i) => `事项${i}`) }, 'items'],
      ['an empty item', { items: ['好', ''] }, 'items'],
      ['a non-string item', { items: [42] }, 'items'],
      ['a due date in the past', { dueOn: shanghaiDate(-1) }, 'dueOn'],
      ['an impossible due date', { dueOn: '2030-02-30' }, 'dueOn'],
      ['a bad owner type', { ownerType: 'team' }, 'ownerType'],
      ['an unknown field', { status: 'published' }, 'status'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_n, over, field) => {
      const before = await count(t, 'commitment');
      const res = await a.create(cast.ownerMember.token, draftBody(cast.tree.branchA.id, over));
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await count(t, 'commitment')).toBe(before);
    });

    it('accepts the limits exactly: 50-character title, 2,000 characters, 10 items, due today', async () => {
      const res = await a.create(
        cast.ownerMember.token,
        draftBody(cast.tree.branchA.id, { title: '题'.repeat(50), content: '文'.repeat(2000), items: Array.from({ length: 10 }, () => '项'.repeat(200)), dueOn: shanghaiDate(0) }),
      );
      expect(res.status).toBe(201);
    });
  });

  describe('content security check (stand-in word list)', () => {
    it.each([
      ['the title', { title: '一起赌博' }],
      ['the content', { content: 'this has a riskyword inside' }],
      ['an item after 2,000 characters of content (a second check call)', { content: '文'.repeat(2000), items: ['正常事项', '参与诈骗'] }],
    ])('refuses risky text in %s with 400 CONTENT_REJECTED and stores nothing', async (_n, over) => {
      const before = await count(t, 'commitment');
      const res = await a.create(cast.ownerMember.token, draftBody(cast.tree.branchA.id, over));
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400, 'CONTENT_REJECTED');
      expect(await count(t, 'commitment')).toBe(before);
    });

    it('holds text WeChat wants reviewed: stored, seen by owner and staff, hidden from everyone else until staff clear it', async () => {
      const created = await a.create(cast.ownerMember.token, draftBody(cast.tree.branchA.id, { content: '这段内容待审' }));
      expect(created.status).toBe(201);
      expect(created.body.contentHeld).toBe(true);
      const id = created.body.id;
      await a.step(id, 'submit', cast.ownerMember.token).expect(200);
      await a.step(id, 'approve', cast.branchStaff.token).expect(200);
      // published, but held: only owner and staff
      for (const who of [null, cast.resident, cast.peerMember, cast.otherStaff]) expect((await a.get(id, who?.token)).status).toBe(404);
      for (const who of [cast.ownerMember, cast.branchStaff, cast.staffAbove]) expect((await a.get(id, who.token)).body.contentHeld).toBe(true);
      const publicList = await a.list({ orgId: cast.tree.branchA.id, limit: 100 });
      expect(publicList.body.items.map((c: Commitment) => c.id)).not.toContain(id);
      // only staff of the organisation may clear (staff elsewhere cannot even see it)
      expect((await a.step(id, 'clear-content', cast.peerMember.token)).status).toBe(403);
      expect((await a.step(id, 'clear-content', cast.otherStaff.token)).status).toBe(404);
      const cleared = await a.step(id, 'clear-content', cast.branchStaff.token);
      expect(cleared.status).toBe(200);
      expect(cleared.body.contentHeld).toBe(false);
      expect((await a.get(id)).status).toBe(200);
      expect((await a.list({ orgId: cast.tree.branchA.id, limit: 100 })).body.items.map((c: Commitment) => c.id)).toContain(id);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM commitment_event WHERE commitment_id = $1 AND action = 'clear_content'`, [id]);
      expect(n).toBe(1);
    });

    it('checks an edited draft again: risky edits are refused and leave the draft as it was; clean edits lift the hold', async () => {
      const c = (await a.create(cast.ownerMember.token, draftBody(cast.tree.branchA.id, { title: 'reviewword 标题' }))).body as Commitment;
      expect(c.contentHeld).toBe(true);
      const risky = await a.edit(c.id, cast.ownerMember.token, { items: ['去赌博'] });
      expect(risky.status).toBe(400);
      expectErrorShape(risky.body, 400, 'CONTENT_REJECTED');
      const [row] = await t.dataSource.query(`SELECT title, items FROM commitment WHERE id = $1`, [c.id]);
      expect(row).toEqual({ title: 'reviewword 标题', items: c.items });
      const clean = await a.edit(c.id, cast.ownerMember.token, { title: '干净的标题' });
      expect(clean.status).toBe(200);
      expect(clean.body).toMatchObject({ title: '干净的标题', contentHeld: false });
    });

    it('fails closed with 503 WECHAT_UNAVAILABLE when WeChat errs or is down, storing nothing', async () => {
      const before = await count(t, 'commitment');
      await fault(t, { route: '/wxa/msg_sec_check', errcode: -1, times: 1 });
      const busy = await a.create(cast.ownerMember.token, draftBody(cast.tree.branchA.id));
      expect(busy.status).toBe(503);
      expectErrorShape(busy.body, 503, 'WECHAT_UNAVAILABLE');
      await fault(t, { route: '/wxa/msg_sec_check', status: 502, times: 1 });
      const down = await a.create(cast.ownerMember.token, draftBody(cast.tree.branchA.id));
      expect(down.status).toBe(503);
      expectErrorShape(down.body, 503, 'WECHAT_UNAVAILABLE');
      expect(await count(t, 'commitment')).toBe(before);
      // and it works again once WeChat is back
      expect((await a.create(cast.ownerMember.token, draftBody(cast.tree.branchA.id))).status).toBe(201);
    });
  });

  describe('the lifecycle', () => {
    it('runs draft → pending_review → returned with a reason → edited → resubmitted → published → fulfilled', async () => {
      const c = await commitmentIn(cast, 'pending_review');
      expect(c.submittedAt).not.toBeNull();
      const returned = await a.step(c.id, 'return', cast.branchStaff.token, { reason: '事项不够具体，请补充时间' });
      expect(returned.status).toBe(200);
      expect(returned.body).toMatchObject({ status: 'draft', returnReason: '事项不够具体，请补充时间' });
      // the owner sees the reason
      expect((await a.get(c.id, cast.ownerMember.token)).body.returnReason).toBe('事项不够具体，请补充时间');
      await a.edit(c.id, cast.ownerMember.token, { items: ['每周三下午上门走访'] }).expect(200);
      const resubmitted = await a.step(c.id, 'submit', cast.ownerMember.token);
      expect(resubmitted.body).toMatchObject({ status: 'pending_review', returnReason: null });
      const published = await a.step(c.id, 'approve', cast.staffAbove.token);
      expect(published.body.status).toBe('published');
      expect(published.body.publishedAt).not.toBeNull();
      const fulfilled = await a.step(c.id, 'fulfil', cast.branchStaff.token);
      expect(fulfilled.body).toMatchObject({ status: 'fulfilled', overdue: false });
      const events = await t.dataSource.query(`SELECT action, from_status, to_status, reason FROM commitment_event WHERE commitment_id = $1 ORDER BY created_at`, [c.id]);
      expect(events.map((e: { action: string }) => e.action)).toEqual(['submit', 'return', 'submit', 'approve', 'fulfil']);
      expect(events[1]).toMatchObject({ from_status: 'pending_review', to_status: 'draft', reason: '事项不够具体，请补充时间' });
    });

    it('needs a reason to send back', async () => {
      const c = await commitmentIn(cast, 'pending_review');
      const res = await a.step(c.id, 'return', cast.branchStaff.token, {});
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('reason');
      expect(await statusOf(t, c.id)).toBe('pending_review');
    });

    it('refuses to submit a draft whose due date has passed meanwhile', async () => {
      const c = await commitmentIn(cast, 'draft');
      await t.dataSource.query(`UPDATE commitment SET due_on = $2 WHERE id = $1`, [c.id, shanghaiDate(-1)]);
      const res = await a.step(c.id, 'submit', cast.ownerMember.token);
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('dueOn');
      expect(await statusOf(t, c.id)).toBe('draft');
    });

    it('derives overdue from the due date (Asia/Shanghai) for published commitments', async () => {
      const c = await commitmentIn(cast, 'published');
      expect(c.overdue).toBe(false);
      await t.dataSource.query(`UPDATE commitment SET due_on = $2 WHERE id = $1`, [c.id, shanghaiDate(-1)]);
      expect((await a.get(c.id)).body).toMatchObject({ status: 'published', overdue: true });
      const late = await a.list({ orgId: cast.tree.branchA.id, overdue: 'true', limit: 100 });
      expect(late.body.items.map((x: Commitment) => x.id)).toContain(c.id);
      expect(late.body.items.every((x: Commitment) => x.overdue)).toBe(true);
      await a.step(c.id, 'fulfil', cast.branchStaff.token).expect(200);
      expect((await a.get(c.id)).body.overdue).toBe(false);
    });

    it('answers 404 for an id that names nothing', async () => {
      expect((await a.get('00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await a.get('not-a-uuid')).status).toBe(404);
      expect((await a.step('00000000-0000-4000-8000-000000000000', 'approve', cast.staffAbove.token)).status).toBe(404);
    });
  });

  describe('visibility', () => {
    // + sees it (GET 200 and in the list), - does not (GET 404, not in the list).
    const VIEWERS = ['anonymous', 'resident', 'owner', 'peer', 'otherMember', 'otherStaff', 'branchStaff', 'staffAbove'] as const;
    const TABLE: Record<string, string> = {
      //               anon res own peer oMem oStf bStf above
      draft: '          -    -   +    -    -    -    +    +',
      pending_review: ' -    -   +    -    -    -    +    +',
      published: '      +    +   +    +    +    +    +    +',
      fulfilled: '      +    +   +    +    +    +    +    +',
      withdrawn: '      -    -   +    -    -    -    +    +',
      held: '           -    -   +    -    -    -    +    +',
    };
    const cases = Object.entries(TABLE).flatMap(([state, row]) => row.trim().split(/\s+/).map((mark, i) => [state, VIEWERS[i], mark === '+'] as const));
    const made: Record<string, Commitment> = {};

    beforeAll(async () => {
      for (const s of ['draft', 'pending_review', 'published', 'fulfilled', 'withdrawn'] as CommitmentStatus[]) made[s] = await commitmentIn(cast, s);
      made.held = await commitmentIn(cast, 'published', { over: { content: '请 reviewword 一下' } });
    });

    const tokenOf = (v: (typeof VIEWERS)[number]) =>
      v === 'anonymous'
        ? null
        : { resident: cast.resident, owner: cast.ownerMember, peer: cast.peerMember, otherMember: cast.otherMember, otherStaff: cast.otherStaff, branchStaff: cast.branchStaff, staffAbove: cast.staffAbove }[v].token;

    it.each(cases)('%s commitment seen by %s: %s', async (state, viewer, visible) => {
      const c = made[state];
      const res = await a.get(c.id, tokenOf(viewer));
      expect(res.status).toBe(visible ? 200 : 404);
      if (!visible) expectErrorShape(res.body, 404, 'NOT_FOUND');
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await a.list({ orgId: cast.tree.branchA.id, limit: 100, ...(cursor ? { cursor } : {}) }, tokenOf(viewer));
        expect(page.status).toBe(200);
        ids.push(...page.body.items.map((x: Commitment) => x.id));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(ids.includes(c.id)).toBe(visible);
    });
  });

  describe('progress', () => {
    it('lets the owner report progress with their own uploaded photos; everyone sees it', async () => {
      const c = await commitmentIn(cast, 'published');
      const photo = await upload(cast.ownerMember);
      const res = await a.step(c.id, 'progress', cast.ownerMember.token, { text: '本周走访 5 户，代购 2 次', photos: [photo] });
      expect(res.status).toBe(201);
      expect(res.body.progress).toEqual([{ id: expect.any(String), text: '本周走访 5 户，代购 2 次', photos: [photo], contentHeld: false, createdAt: expect.any(String) }]);
      expect((await a.get(c.id)).body.progress).toHaveLength(1);
      // Public once WeChat's image check (the stand-in, default pass) has answered.
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++, await new Promise((r) => setTimeout(r, 50))) status = (await t.http.get(new URL(photo).pathname)).status;
      expect(status).toBe(200);
      // a later report comes after it: the detail lists progress oldest first
      await a.step(c.id, 'progress', cast.ownerMember.token, { text: '第二周走访 3 户' }).expect(201);
      expect((await a.get(c.id)).body.progress.map((p: { text: string }) => p.text)).toEqual(['本周走访 5 户，代购 2 次', '第二周走访 3 户']);
    });

    it.each([
      ['a photo from elsewhere on the web', () => Promise.resolve('https://example.com/a.png')],
      ['an upload that does not exist', () => Promise.resolve(`${t.url}/api/v1/uploads/00000000-0000-4000-8000-000000000000.png`)],
      ['someone else’s upload', () => upload(cast.resident)],
    ])('refuses %s with 400 naming the photo, storing nothing', async (_n, photo) => {
      const c = await commitmentIn(cast, 'published');
      const res = await a.step(c.id, 'progress', cast.ownerMember.token, { text: '进展', photos: [await photo()] });
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('photos.0');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM commitment_progress WHERE commitment_id = $1`, [c.id]);
      expect(n).toBe(0);
    });

    it('refuses more than nine photos and over-long text', async () => {
      const c = await commitmentIn(cast, 'published');
      const photo = await upload(cast.ownerMember);
      expect((await a.step(c.id, 'progress', cast.ownerMember.token, { text: '进展', photos: Array(10).fill(photo) })).status).toBe(400);
      expect((await a.step(c.id, 'progress', cast.ownerMember.token, { text: '字'.repeat(1001) })).status).toBe(400);
      expect((await a.step(c.id, 'progress', cast.ownerMember.token, { text: '字'.repeat(1000), photos: Array(9).fill(photo) })).status).toBe(201);
    });

    it('refuses risky progress text and holds text for review from the public', async () => {
      const c = await commitmentIn(cast, 'published');
      const risky = await a.step(c.id, 'progress', cast.ownerMember.token, { text: '组织赌博' });
      expect(risky.status).toBe(400);
      expectErrorShape(risky.body, 400, 'CONTENT_REJECTED');
      const held = await a.step(c.id, 'progress', cast.ownerMember.token, { text: '这条待审' });
      expect(held.status).toBe(201);
      expect(held.body.progress).toEqual([expect.objectContaining({ text: '这条待审', contentHeld: true })]);
      expect((await a.get(c.id)).body.progress).toEqual([]); // the public does not see it
      expect((await a.get(c.id, cast.peerMember.token)).body.progress).toEqual([]);
      expect((await a.get(c.id, cast.branchStaff.token)).body.progress).toHaveLength(1);
      await a.step(c.id, 'clear-held', cast.branchStaff.token).expect(200); // the name wishes use; clear-content is its alias
      expect((await a.get(c.id)).body.progress).toEqual([expect.objectContaining({ text: '这条待审', contentHeld: false })]);
    });
  });

  describe('reviews', () => {
    it('summarises count and average per kind, and never names a reviewer', async () => {
      const c = await commitmentIn(cast, 'published');
      const r1 = await user(t, 'r1');
      const r2 = await user(t, 'r2');
      await a.step(c.id, 'reviews', r1.token, { kind: 'public', score: 4, comment: '很负责' }).expect(201);
      await a.step(c.id, 'reviews', r2.token, { kind: 'public', score: 5 }).expect(201);
      await a.step(c.id, 'reviews', cast.branchStaff.token, { kind: 'org', score: 3, comment: '继续努力' }).expect(201);
      const res = await a.get(c.id);
      expect(res.body.reviewSummary).toEqual({ org: { count: 1, average: 3 }, peer: { count: 0, average: null }, public: { count: 2, average: 4.5 } });
      expect(res.body.reviews.map((r: { score: number }) => r.score)).toEqual([3, 5, 4]); // newest first
      for (const r of res.body.reviews) expect(Object.keys(r).sort()).toEqual(['comment', 'contentHeld', 'createdAt', 'kind', 'mine', 'score']);
      expect(JSON.stringify(res.body)).not.toContain(r1.userId);
      expect(res.body.reviews.find((r: { score: number }) => r.score === 5).comment).toBe('');
      // the list carries the summary too
      const listed = (await a.list({ orgId: cast.tree.branchA.id, limit: 100 })).body.items.find((x: Commitment) => x.id === c.id);
      expect(listed.reviewSummary.public).toEqual({ count: 2, average: 4.5 });
      expect(listed).not.toHaveProperty('reviews');
    });

    it('allows one review per reviewer per kind (409 ALREADY_REVIEWED), but each kind once', async () => {
      const c = await commitmentIn(cast, 'published');
      await a.step(c.id, 'reviews', cast.peerMember.token, { kind: 'peer', score: 5 }).expect(201);
      const again = await a.step(c.id, 'reviews', cast.peerMember.token, { kind: 'peer', score: 1 });
      expect(again.status).toBe(409);
      expectErrorShape(again.body, 409, 'ALREADY_REVIEWED');
      await a.step(c.id, 'reviews', cast.peerMember.token, { kind: 'public', score: 4 }).expect(201);
      const rows = await t.dataSource.query(`SELECT kind, score FROM commitment_review WHERE commitment_id = $1 ORDER BY kind`, [c.id]);
      expect(rows).toEqual([{ kind: 'peer', score: 5 }, { kind: 'public', score: 4 }]);
    });

    it.each([
      ['score 0', { kind: 'public', score: 0 }, 'score'],
      ['score 6', { kind: 'public', score: 6 }, 'score'],
      ['a fractional score', { kind: 'public', score: 3.5 }, 'score'],
      ['a score as text', { kind: 'public', score: '5' }, 'score'],
      ['a 501-character comment', { kind: 'public', score: 5, comment: '评'.repeat(501) }, 'comment'],
      ['an unknown kind', { kind: 'boss', score: 5 }, 'kind'],
    ])('refuses %s with 400', async (_n, body, field) => {
      const c = await commitmentIn(cast, 'published');
      const res = await a.step(c.id, 'reviews', cast.resident.token, body);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await count(t, `commitment_review WHERE commitment_id = '${c.id}'`)).toBe(0);
    });

    it('refuses risky comments, and hides held comments from all but staff and their author', async () => {
      const c = await commitmentIn(cast, 'published');
      const risky = await a.step(c.id, 'reviews', cast.resident.token, { kind: 'public', score: 1, comment: '这是诈骗' });
      expect(risky.status).toBe(400);
      expectErrorShape(risky.body, 400, 'CONTENT_REJECTED');
      expect(await count(t, `commitment_review WHERE commitment_id = '${c.id}'`)).toBe(0);
      const held = await a.step(c.id, 'reviews', cast.resident.token, { kind: 'public', score: 2, comment: 'reviewword 评论' });
      expect(held.status).toBe(201);
      expect(held.body.reviews[0]).toMatchObject({ comment: 'reviewword 评论', contentHeld: true, mine: true });
      expect((await a.get(c.id)).body.reviews[0]).toMatchObject({ score: 2, comment: null, contentHeld: true, mine: false });
      expect((await a.get(c.id, cast.branchStaff.token)).body.reviews[0].comment).toBe('reviewword 评论');
      await a.step(c.id, 'clear-content', cast.staffAbove.token).expect(200);
      expect((await a.get(c.id)).body.reviews[0]).toMatchObject({ comment: 'reviewword 评论', contentHeld: false });
    });
  });

  describe('GET /commitments filters', () => {
    let org: { id: string };
    let sub: { id: string };
    let staff: Person;
    let member: Person;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      // A fresh corner of the tree: org → sub, with its own staff and member.
      org = await createOrg(t, cast.tree.adminToken, { name: '筛选测试党委', type: 'committee', parentId: cast.tree.street.id });
      sub = await createOrg(t, cast.tree.adminToken, { name: '筛选测试支部', type: 'branch', parentId: org.id });
      staff = await user(t, 'filter-staff');
      await grantStaff(t, cast.tree.adminToken, org.id, staff.userId);
      member = await bindMember(t, sub.id, { name: '筛选党员' });
      ids.memberPublished = (await commitmentIn(cast, 'published', { owner: member, orgId: sub.id })).id;
      ids.memberDraft = (await commitmentIn(cast, 'draft', { owner: member, orgId: sub.id })).id;
      ids.branchPublished = (await commitmentIn(cast, 'published', { ownerType: 'branch', owner: staff, orgId: org.id })).id;
      ids.branchFulfilled = (await commitmentIn(cast, 'fulfilled', { ownerType: 'branch', owner: staff, orgId: sub.id })).id;
    });
    const listIds = async (query: Record<string, unknown>, token?: string | null) => {
      const res = await a.list({ limit: 100, ...query }, token);
      expect(res.status).toBe(200);
      return (res.body.items as Commitment[]).map((c) => c.id).sort();
    };

    it('orgId covers the whole subtree', async () => {
      expect(await listIds({ orgId: org.id }, staff.token)).toEqual([ids.memberPublished, ids.memberDraft, ids.branchPublished, ids.branchFulfilled].sort());
      expect(await listIds({ orgId: sub.id }, staff.token)).toEqual([ids.memberPublished, ids.memberDraft, ids.branchFulfilled].sort());
      expect(await listIds({ orgId: org.id })).toEqual([ids.memberPublished, ids.branchPublished, ids.branchFulfilled].sort());
    });

    it('filters by ownerType, status and overdue', async () => {
      expect(await listIds({ orgId: org.id, ownerType: 'branch' })).toEqual([ids.branchPublished, ids.branchFulfilled].sort());
      expect(await listIds({ orgId: org.id, ownerType: 'member' }, staff.token)).toEqual([ids.memberPublished, ids.memberDraft].sort());
      expect(await listIds({ orgId: org.id, status: 'fulfilled' })).toEqual([ids.branchFulfilled]);
      expect(await listIds({ orgId: org.id, status: 'draft' })).toEqual([]); // not for the public
      expect(await listIds({ orgId: org.id, status: 'draft' }, staff.token)).toEqual([ids.memberDraft]);
      expect(await listIds({ orgId: org.id, overdue: 'true' })).toEqual([]);
    });

    it('mine: a member’s own commitments, and the branch commitments a staff member wrote; needs a login', async () => {
      expect(await listIds({ mine: 'true' }, member.token)).toEqual([ids.memberPublished, ids.memberDraft].sort());
      expect(await listIds({ mine: 'true' }, staff.token)).toEqual([ids.branchPublished, ids.branchFulfilled].sort());
      expect(await listIds({ mine: 'true' }, cast.resident.token)).toEqual([]);
      const anon = await a.list({ mine: 'true' });
      expect(anon.status).toBe(401);
    });

    it('refuses bad filters and cursors', async () => {
      expect((await a.list({ orgId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
      for (const q of [{ status: 'lost' }, { ownerType: 'x' }, { limit: 101 }, { mine: 'yes' }, { cursor: 'garbage' }, { cursor: Buffer.from('["x","y"]').toString('base64url') }]) {
        const res = await a.list(q);
        expect(res.status).toBe(400);
        expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      }
    });
  });

  it('documents its routes in the OpenAPI document', async () => {
    const json = await t.http.get('/api/docs-json');
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/commitments', '/api/v1/commitments/{id}', '/api/v1/commitments/{id}/reviews', '/api/v1/commitments/{id}/clear-content', '/api/v1/commitments/{id}/clear-held']),
    );
  });

  describe('notifications', () => {
    const inbox = async (who: Person) => (await t.http.get('/api/v1/notifications').set('Authorization', bearer(who.token))).body.items as Array<{ title: string; body: string; page: string }>;

    it('tells staff of the organisation and above about each submission, and nobody else', async () => {
      const c = await commitmentIn(cast, 'draft', { over: { title: '提交通知测试' } });
      await a.step(c.id, 'submit', cast.ownerMember.token).expect(200);
      for (const who of [cast.branchStaff, cast.staffAbove]) {
        const rows = (await commitmentNotifications(t, who.userId)).filter((n) => n.page.endsWith(c.id));
        expect(rows).toEqual([expect.objectContaining({ title: '承诺「提交通知测试」待审核', phrase: '待审核' })]);
        expect((await inbox(who)).some((n) => n.title === '承诺「提交通知测试」待审核')).toBe(true);
      }
      for (const who of [cast.otherStaff, cast.ownerMember, cast.peerMember]) {
        expect((await commitmentNotifications(t, who.userId)).filter((n) => n.page.endsWith(c.id))).toEqual([]);
      }
    });

    it('tells the owner of approval, send-back (with the reason), fulfilment and each review — once per event', async () => {
      const c = await commitmentIn(cast, 'pending_review', { over: { title: '通知测试' } });
      const mine = async () => (await commitmentNotifications(t, cast.ownerMember.userId)).filter((n) => n.page.endsWith(c.id));
      await a.step(c.id, 'return', cast.branchStaff.token, { reason: '请补充完成标准' }).expect(200);
      expect((await mine()).map((n) => [n.phrase, n.body])).toEqual([['被退回', '请补充完成标准']]);
      // a refused step writes nothing
      expect((await a.step(c.id, 'approve', cast.branchStaff.token)).status).toBe(409);
      expect(await mine()).toHaveLength(1);
      await a.step(c.id, 'submit', cast.ownerMember.token).expect(200);
      await a.step(c.id, 'approve', cast.branchStaff.token).expect(200);
      await a.step(c.id, 'reviews', cast.resident.token, { kind: 'public', score: 5 }).expect(201);
      await a.step(c.id, 'reviews', cast.peerMember.token, { kind: 'peer', score: 4 }).expect(201);
      await a.step(c.id, 'fulfil', cast.staffAbove.token).expect(200);
      expect((await mine()).map((n) => n.phrase)).toEqual(['被退回', '已通过', '新评价', '新评价', '已践诺']);
      const keys = (await mine()).map((n) => n.dedupe_key);
      expect(new Set(keys).size).toBe(keys.length);
      const titles = (await inbox(cast.ownerMember)).map((n) => n.title);
      expect(titles).toEqual(expect.arrayContaining(['承诺「通知测试」已通过', '承诺「通知测试」被退回', '承诺「通知测试」已践诺', '承诺「通知测试」新评价']));
    });

    it('tells the staff member who wrote a branch commitment when someone else approves or reviews it', async () => {
      const c = await commitmentIn(cast, 'pending_review', { ownerType: 'branch', owner: cast.branchStaff, over: { title: '支部承诺通知' } });
      await a.step(c.id, 'approve', cast.staffAbove.token).expect(200);
      await a.step(c.id, 'reviews', cast.resident.token, { kind: 'public', score: 5 }).expect(201);
      const rows = (await commitmentNotifications(t, cast.branchStaff.userId)).filter((n) => n.page.endsWith(c.id));
      // 待审核 came from its own submission (staff's review inbox), then the owner's events
      expect(rows.map((n) => n.phrase)).toEqual(['待审核', '已通过', '新评价']);
    });
  });
});
