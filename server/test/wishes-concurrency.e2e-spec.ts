import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Wish } from '@xianfeng/shared';
import type { Response } from 'supertest';
import { bearer, useTestApp } from './support/app.js';
import { buildTree, claimCountMismatches, user, type Tree } from './support/fixtures.js';

const API = '/api/v1';

interface Claimer {
  token: string;
  userId: string;
  memberId: string;
}

/**
 * Real concurrency: every claim is a real HTTP request, all sent at once with Promise.all, against
 * a real PostgreSQL. The invariants are read back from the database afterwards.
 */
describe('wish claims under concurrency', () => {
  const t = useTestApp({ env: { LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '100000', RATE_LIMIT_PER_MINUTE: '100000' } });
  let tree: Tree;

  /** `n` users logged in through the stand-in WeChat, each bound to a member record of branch B. */
  async function claimers(n: number): Promise<Claimer[]> {
    const users = await Promise.all(Array.from({ length: n }, () => user(t, 'claimer')));
    // Binding through the API is covered elsewhere; here the member rows are set up directly.
    const rows: Array<{ id: string; user_id: string }> = await t.dataSource.query(
      `INSERT INTO member (org_id, user_id, name, gender, birthday, joined_party_on, status)
       SELECT $1, u, '党员' || i, 'male', '1980-01-01', '2005-07-01', 'full' FROM unnest($2::uuid[]) WITH ORDINALITY AS x(u, i)
       RETURNING id, user_id`,
      [tree.branchB.id, users.map((u) => u.userId)],
    );
    const byUser = new Map(rows.map((r) => [r.user_id, r.id]));
    return users.map((u) => ({ ...u, memberId: byUser.get(u.userId)! }));
  }

  async function openWishes(n: number): Promise<Wish[]> {
    const out: Wish[] = [];
    for (let i = 0; i < n; i++) {
      const posted = await t.http
        .post(`${API}/wishes`)
        .set('Authorization', bearer(tree.resident.token))
        .send({ orgId: tree.community.id, title: `心愿${i}`, description: '帮忙搬一下米', category: 'errand', wisherName: '陈阿姨', wisherPhone: '13600001111' });
      const approved = await t.http.post(`${API}/wishes/${posted.body.id}/approve`).set('Authorization', bearer(tree.streetStaff.token)).send({});
      if (approved.status !== 200) throw new Error(`approve: ${approved.status}`);
      out.push(approved.body);
    }
    return out;
  }

  const claim = (c: Claimer, wishId: string) => t.http.post(`${API}/wishes/${wishId}/claim`).set('Authorization', bearer(c.token)).send();
  const codes = (rs: Response[]) => rs.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body.code}`);

  beforeAll(async () => {
    tree = await buildTree(t);
  });

  // The limit is checked against each member's count of held claims: after every race it must
  // still equal the wishes they hold.
  afterEach(async () => {
    expect(await claimCountMismatches(t)).toEqual([]);
  });

  it('100 members claiming one wish at the same moment: exactly one wins, 99 get 409 WISH_ALREADY_CLAIMED', async () => {
    const members = await claimers(100);
    // three rounds on three wishes, so a lucky interleaving cannot hide a race
    for (const wish of await openWishes(3)) {
      const results = await Promise.all(members.map((m) => claim(m, wish.id)));
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      expect(codes(results)).toEqual(Array(99).fill('409 WISH_ALREADY_CLAIMED'));

      const winner = members.find((m) => m.memberId === winners[0].body.claimant.memberId)!;
      const [row] = await t.dataSource.query(`SELECT status, claimant_member_id FROM wish WHERE id = $1`, [wish.id]);
      expect(row).toEqual({ status: 'claimed', claimant_member_id: winner.memberId });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM wish_event WHERE wish_id = $1 AND action = 'claim'`, [wish.id]);
      expect(n).toBe(1);
      const notified = await t.dataSource.query(`SELECT user_id FROM notification WHERE page = $1 AND data->>'phrase2' = '已认领'`, [`packages/wish/detail/index?id=${wish.id}`]);
      expect(notified).toEqual([{ user_id: tree.resident.userId }]);
      // only the winner sees the wisher's phone
      expect((await t.http.get(`${API}/wishes/${wish.id}`).set('Authorization', bearer(winner.token))).body.wisher.phone).toBe('13600001111');
      const loser = members.find((m) => m !== winner)!;
      expect((await t.http.get(`${API}/wishes/${wish.id}`).set('Authorization', bearer(loser.token))).body.wisher).toBeUndefined();
    }
  });

  it('one member claiming 10 wishes at the same moment with a limit of 3: exactly 3 succeed', async () => {
    const [member] = await claimers(1);
    const wishes = await openWishes(10);
    const results = await Promise.all(wishes.map((w) => claim(member, w.id)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(codes(results)).toEqual(Array(7).fill('409 CLAIM_LIMIT_REACHED'));
    // whether refused by the first look or by the database, the member is told the numbers
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.message).toBe('您有 3 个认领中的心愿，已达上限 3 个，请先完成或释放');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM wish WHERE claimant_member_id = $1 AND status = 'claimed'`, [member.memberId]);
    expect(n).toBe(3);
    const [{ open }] = await t.dataSource.query(`SELECT count(*)::int AS open FROM wish WHERE id = ANY($1) AND status = 'open'`, [wishes.map((w) => w.id)]);
    expect(open).toBe(7);
  });

  it('20 members each claiming the same 10 wishes at once: one claimer per wish, nobody over the limit', async () => {
    const members = await claimers(20);
    const wishes = await openWishes(10);
    const results = await Promise.all(members.flatMap((m) => wishes.map((w) => claim(m, w.id))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    for (const c of codes(results)) expect(['409 WISH_ALREADY_CLAIMED', '409 CLAIM_LIMIT_REACHED']).toContain(c);
    const rows: Array<{ claimant_member_id: string | null }> = await t.dataSource.query(`SELECT claimant_member_id FROM wish WHERE id = ANY($1)`, [wishes.map((w) => w.id)]);
    expect(rows.every((r) => r.claimant_member_id !== null)).toBe(true);
    const perMember = new Map<string, number>();
    for (const r of rows) perMember.set(r.claimant_member_id!, (perMember.get(r.claimant_member_id!) ?? 0) + 1);
    expect(Math.max(...perMember.values())).toBeLessThanOrEqual(3);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM wish_event WHERE wish_id = ANY($1) AND action = 'claim'`, [wishes.map((w) => w.id)]);
    expect(n).toBe(10);
  });

  it('a release racing new claims hands the wish to exactly one of them', async () => {
    const [holder, ...others] = await claimers(31);
    const [wish] = await openWishes(1);
    expect((await claim(holder, wish.id)).status).toBe(200);
    const release = t.http.post(`${API}/wishes/${wish.id}/release`).set('Authorization', bearer(holder.token)).send();
    const [released, ...claims] = await Promise.all([release, ...others.map((m) => claim(m, wish.id))]);
    expect(released.status).toBe(200);
    const won = claims.filter((r) => r.status === 200);
    // claims that ran before the release committed found it taken; at most one of the rest won
    expect(won.length).toBeLessThanOrEqual(1);
    const [row] = await t.dataSource.query(`SELECT status, claimant_member_id FROM wish WHERE id = $1`, [wish.id]);
    if (won.length === 1) expect(row).toEqual({ status: 'claimed', claimant_member_id: won[0].body.claimant.memberId });
    else expect(row).toEqual({ status: 'open', claimant_member_id: null });
  });
});
