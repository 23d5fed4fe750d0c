import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Commitment } from '@xianfeng/shared';
import { useTestApp } from './support/app.js';
import { api, buildCast, commitmentIn, commitmentNotifications, draftBody, statusOf, type Cast, type Person } from './support/commitments.js';
import { createOrg, grantStaff, user } from './support/fixtures.js';

/** Real concurrency: many HTTP requests at once against one server and one PostgreSQL, then count the winners. */
describe('commitments under concurrency', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  let cast: Cast;
  let a: ReturnType<typeof api>;
  beforeAll(async () => {
    cast = await buildCast(t);
    a = api(cast);
  });

  it('the same reviewer posting the same review eight times at once: one created, seven 409 ALREADY_REVIEWED', async () => {
    const c = await commitmentIn(cast, 'published');
    const reviewer = await user(t, 'eager-reviewer');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => a.step(c.id, 'reviews', reviewer.token, { kind: 'public', score: 1 + (i % 5), comment: `第${i}次` })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('ALREADY_REVIEWED');
    const rows = await t.dataSource.query(`SELECT score FROM commitment_review WHERE commitment_id = $1`, [c.id]);
    expect(rows).toHaveLength(1);
    // the owner hears of it once
    const told = (await commitmentNotifications(t, cast.ownerMember.userId)).filter((n) => n.page.endsWith(c.id) && n.phrase === '新评价');
    expect(told).toHaveLength(1);
    expect((await a.get(c.id)).body.reviewSummary.public).toEqual({ count: 1, average: rows[0].score });
  });

  it('eight staff approving the same commitment at once: one approves, seven get 409 naming the new state', async () => {
    const c = await commitmentIn(cast, 'pending_review');
    const approvers = [cast.branchStaff, cast.staffAbove];
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => a.step(c.id, 'approve', approvers[i % 2].token)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('INVALID_STATE_TRANSITION');
      expect(r.body.message).toContain('published');
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM commitment_event WHERE commitment_id = $1 AND action = 'approve'`, [c.id]);
    expect(n).toBe(1);
    const told = (await commitmentNotifications(t, cast.ownerMember.userId)).filter((x) => x.page.endsWith(c.id) && x.phrase === '已通过');
    expect(told).toHaveLength(1);
  });

  it('withdraw and approve racing: exactly one wins, and the record agrees with the winner', async () => {
    for (let round = 0; round < 6; round++) {
      const c = await commitmentIn(cast, 'pending_review');
      const [withdraw, approve] = await Promise.all([a.step(c.id, 'withdraw', cast.ownerMember.token), a.step(c.id, 'approve', cast.branchStaff.token)]);
      expect([withdraw.status, approve.status].sort()).toEqual([200, 409]);
      const winner = withdraw.status === 200 ? 'withdrawn' : 'published';
      expect(await statusOf(t, c.id)).toBe(winner);
      const events = await t.dataSource.query(`SELECT action, from_status, to_status FROM commitment_event WHERE commitment_id = $1 ORDER BY created_at`, [c.id]);
      expect(events.map((e: { to_status: string }) => e.to_status)).toEqual(['pending_review', winner]);
      expect(events[1].from_status).toBe('pending_review');
    }
  });

  describe('pagination', () => {
    let staff: Person;
    let orgId: string;
    const pageThrough = async (limit: number, duringEachPage: () => Promise<unknown> = async () => undefined) => {
      const pages: Commitment[][] = [];
      let cursor: string | null = null;
      do {
        const [res]: [{ status: number; body: { items: Commitment[]; nextCursor: string | null } }, unknown] = await Promise.all([
          a.list({ orgId, limit, ...(cursor ? { cursor } : {}) }, staff.token),
          duringEachPage(),
        ]);
        expect(res.status).toBe(200);
        pages.push(res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      return pages;
    };
    const createDraft = async () => {
      const res = await a.create(staff.token, draftBody(orgId, { ownerType: 'branch' }));
      expect(res.status).toBe(201);
      return res.body.id as string;
    };

    beforeAll(async () => {
      const org = await createOrg(t, cast.tree.adminToken, { name: '分页测试支部', type: 'branch', parentId: cast.tree.street.id });
      orgId = org.id;
      staff = await user(t, 'paging-staff');
      await grantStaff(t, cast.tree.adminToken, orgId, staff.userId);
    });

    it('neither skips nor repeats rows while others are inserted concurrently with every page fetch', async () => {
      const existing: string[] = [];
      for (let i = 0; i < 17; i++) existing.push(await createDraft());
      const insertedDuring: string[] = [];
      const pages = await pageThrough(4, async () => {
        const ids = await Promise.all(Array.from({ length: 3 }, () => createDraft()));
        insertedDuring.push(...ids);
      });
      const seen = pages.flat().map((c) => c.id);
      expect(new Set(seen).size).toBe(seen.length); // no repeats
      for (const id of existing) expect(seen).toContain(id); // no skips
      // newest first throughout, so rows added meanwhile can only come before the cursor
      const stamps = pages.flat().map((c) => c.createdAt);
      expect([...stamps].sort().reverse()).toEqual(stamps);
      expect(insertedDuring.length).toBeGreaterThanOrEqual(15);
      // everything that existed is there once; what arrived meanwhile at most once
      expect(seen.filter((id) => !existing.includes(id)).every((id) => insertedDuring.includes(id))).toBe(true);
    });

    it('rows inserted between sequential page fetches do not shift later pages', async () => {
      const before = (await pageThrough(100)).flat().map((c) => c.id);
      const first = await a.list({ orgId, limit: 5 }, staff.token);
      for (let i = 0; i < 5; i++) await createDraft();
      const rest: string[] = [];
      let cursor: string | null = first.body.nextCursor;
      while (cursor) {
        const res = await a.list({ orgId, limit: 5, cursor }, staff.token);
        rest.push(...res.body.items.map((c: Commitment) => c.id));
        cursor = res.body.nextCursor;
      }
      expect([...first.body.items.map((c: Commitment) => c.id), ...rest]).toEqual(before);
    });
  });
});
