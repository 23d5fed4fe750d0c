import { beforeAll, describe, expect, it } from '@jest/globals';
import { todayInShanghai } from '../src/common/dates.js';
import { bearer, useTestApp } from './support/app.js';
import { shanghaiDate } from './support/commitments.js';
import { bindMember, buildTree, claimCountMismatches, expectErrorShape, type BoundMember, type Tree } from './support/fixtures.js';

const API = '/api/v1';

describe('a member leaving (离开组织)', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  let tree: Tree;
  let leaver: BoundMember;
  let stayer: BoundMember;

  const post = (token: string | null, path: string, body: object = {}) => {
    const r = t.http.post(`${API}${path}`);
    return (token ? r.set('Authorization', bearer(token)) : r).send(body);
  };
  const get = (token: string | null, path: string, query: Record<string, string> = {}) => {
    const r = t.http.get(`${API}${path}`).query(query);
    return token ? r.set('Authorization', bearer(token)) : r;
  };
  const openWish = async (title: string): Promise<string> => {
    const w = await post(tree.resident.token, '/wishes', { orgId: tree.branchA.id, title, description: '需要帮助', category: 'service' }).expect(201);
    await post(tree.streetStaff.token, `/wishes/${w.body.id}/approve`).expect(200);
    return w.body.id;
  };
  const names = (items: Array<{ name: string }>) => items.map((i) => i.name).sort();
  const drift = () =>
    t.dataSource.query(
      `WITH c AS (SELECT org_id, metric, day, sum(n)::bigint AS n, sum(total)::bigint AS total FROM org_day_stat GROUP BY 1, 2, 3)
       SELECT * FROM c FULL JOIN stat_recount r USING (org_id, metric, day)
        WHERE COALESCE(c.n, 0) <> COALESCE(r.n, 0) OR COALESCE(c.total, 0) <> COALESCE(r.total, 0)`,
    );

  let claimedWish: string;
  let fulfilledWish: string;

  beforeAll(async () => {
    tree = await buildTree(t);
    leaver = await bindMember(t, tree.branchA.id, { name: '离开者' });
    stayer = await bindMember(t, tree.branchA.id, { name: '留下者' });
    claimedWish = await openWish('认领未完成');
    fulfilledWish = await openWish('认领已完成');
    await post(leaver.token, `/wishes/${claimedWish}/claim`).expect(200);
    await post(leaver.token, `/wishes/${fulfilledWish}/claim`).expect(200);
    await post(leaver.token, `/wishes/${fulfilledWish}/fulfil`, { note: '已经办好' }).expect(200);
  });

  it('refuses a date in the future, staff of another organisation, and bodies without a reason', async () => {
    expectErrorShape((await post(tree.branchAStaff.token, `/members/${leaver.memberId}/leave`, { leftOn: shanghaiDate(1), reason: '转出' })).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await post(tree.branchAStaff.token, `/members/${leaver.memberId}/leave`, { leftOn: todayInShanghai() })).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await post(tree.branchAStaff.token, `/members/${leaver.memberId}/leave`, { leftOn: '2026-02-30', reason: '转出' })).body, 400, 'VALIDATION_FAILED');
    const other = await bindMember(t, tree.branchB.id, { name: '外支部' });
    expectErrorShape((await post(tree.branchAStaff.token, `/members/${other.memberId}/leave`, { leftOn: todayInShanghai(), reason: '转出' })).body, 403, 'FORBIDDEN');
    expect((await post(leaver.token, `/members/${leaver.memberId}/leave`, { leftOn: todayInShanghai(), reason: '转出' })).status).toBe(403);
    expectErrorShape((await post(tree.branchAStaff.token, `/members/00000000-0000-4000-8000-000000000000/leave`, { leftOn: todayInShanghai(), reason: '转出' })).body, 404, 'NOT_FOUND');
  });

  it('records a dated leave: claims released with history, binding ended, off boards, rosters and counts', async () => {
    const before = (await get(null, `/orgs/${tree.branchA.id}/stats`)).body.members;
    const streetBefore = (await get(null, `/orgs/${tree.street.id}/stats`)).body.members;
    const res = await post(tree.branchAStaff.token, `/members/${leaver.memberId}/leave`, { leftOn: todayInShanghai(), reason: '组织关系转出' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ memberId: leaver.memberId, leftOn: todayInShanghai(), reason: '组织关系转出', releasedWishes: 1 });

    // the unfinished claim is back on the wall, with who released it and why; the fulfilled one is untouched
    const released = (await get(tree.streetStaff.token, `/wishes/${claimedWish}`)).body;
    expect(released.status).toBe('open');
    expect(released.claimant).toBeNull();
    expect(await claimCountMismatches(t)).toEqual([]);
    expect(released.history.at(-1)).toMatchObject({ action: 'release', fromStatus: 'claimed', toStatus: 'open', actorRole: 'staff' });
    expect((await get(null, `/wishes/${fulfilledWish}`)).body.status).toBe('fulfilled');
    const [told] = await t.dataSource.query(`SELECT body FROM notification WHERE user_id = $1 AND page LIKE $2 ORDER BY created_at DESC LIMIT 1`, [tree.resident.userId, `%${claimedWish}`]);
    expect(told.body).toContain('离开组织');
    // anyone may claim it again
    expect((await post(stayer.token, `/wishes/${claimedWish}/claim`)).status).toBe(200);

    // the binding ends: the user is no member any more
    expect((await get(leaver.token, '/me')).body.member).toBeNull();
    expectErrorShape((await post(leaver.token, `/wishes/${await openWish('再认领')}/claim`)).body, 403, 'NOT_A_MEMBER');

    // not a deletion: staff still read the record, with the leave
    const [row] = await t.dataSource.query(`SELECT left_on::text, leave_reason, user_id, former_user_id FROM member WHERE id = $1`, [leaver.memberId]);
    expect(row).toEqual({ left_on: todayInShanghai(), leave_reason: '组织关系转出', user_id: null, former_user_id: leaver.userId });

    // off the board, the roster, the public card and the counts — and the stats agree with a recount
    expect(names((await get(null, `/orgs/${tree.community.id}/board`)).body.items)).toEqual(['留下者']);
    expect(names((await get(tree.branchAStaff.token, `/orgs/${tree.branchA.id}/members`)).body.items)).toEqual(['留下者']);
    expectErrorShape((await get(null, `/members/${leaver.memberId}/card`)).body, 404, 'NOT_FOUND');
    expect((await get(null, `/orgs/${tree.branchA.id}`)).body.counts.members).toBe(1);
    expect((await get(null, `/orgs/${tree.branchA.id}/stats`)).body.members).toBe(before - 1);
    expect((await get(null, `/orgs/${tree.street.id}/stats`)).body.members).toBe(streetBefore - 1);
    expect(await drift()).toEqual([]);
  });

  it('is recorded once (409 MEMBER_ALREADY_LEFT), and a member who left cannot be moved', async () => {
    expectErrorShape((await post(tree.streetStaff.token, `/members/${leaver.memberId}/leave`, { leftOn: todayInShanghai(), reason: '再次' })).body, 409, 'MEMBER_ALREADY_LEFT');
    const move = await t.http.patch(`${API}/members/${leaver.memberId}`).set('Authorization', bearer(tree.streetStaff.token)).send({ orgId: tree.branchB.id });
    expectErrorShape(move.body, 409, 'MEMBER_ALREADY_LEFT');
    expect(await drift()).toEqual([]);
  });

  it('counts a backdated leave from the day the member came to the organisation, never below zero', async () => {
    const m = await bindMember(t, tree.branchB.id, { name: '补记离开' });
    const before = (await get(null, `/orgs/${tree.branchB.id}/stats`)).body.members;
    await post(tree.streetStaff.token, `/members/${m.memberId}/leave`, { leftOn: '2020-01-01', reason: '补记' }).expect(200);
    expect((await get(null, `/orgs/${tree.branchB.id}/stats`)).body.members).toBe(before - 1);
    expect((await get(null, `/orgs/${tree.branchB.id}/stats`, { to: shanghaiDate(-1) })).body.members).toBe(0);
    expect(await drift()).toEqual([]);
  });
});
