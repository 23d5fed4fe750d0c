import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { bearer, useTestApp } from './support/app.js';
import { bindMember, buildTree, count, expectErrorShape, grantStaff, user, type Tree } from './support/fixtures.js';
import { activeReports, API, clockOf, plus, publish, sqlMembers } from './support/service.js';

/**
 * 报到 and sign-ups: who may, and the invariants the database keeps under real concurrency (every
 * request a real HTTP call, sent together with Promise.all).
 */
describe('community service: reporting and signing up', () => {
  const t = useTestApp({ env: { LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '100000', RATE_LIMIT_PER_MINUTE: '100000' } });
  let tree: Tree;
  let communityStaff: { token: string; userId: string };
  const post = (token: string, path: string, body: object = {}) => t.http.post(`${API}${path}`).set('Authorization', bearer(token)).send(body);
  const get = (token: string | null, path: string) => (token ? t.http.get(`${API}${path}`).set('Authorization', bearer(token)) : t.http.get(`${API}${path}`));
  const statuses = (rs: Response[]) => rs.map((r) => `${r.status}${r.status >= 400 ? ` ${r.body.code}` : ''}`).sort();
  const tally = (xs: string[]) => xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x]: (acc[x] ?? 0) + 1 }), {});

  beforeAll(async () => {
    tree = await buildTree(t);
    communityStaff = await user(t, 'community-staff');
    await grantStaff(t, tree.adminToken, tree.community.id, communityStaff.userId);
  });

  afterEach(() => clockOf(t).setNow(null));

  it('20 concurrent reports by one member make exactly one (201), the rest 409 ALREADY_REPORTED', async () => {
    const m = await bindMember(t, tree.branchB.id, { name: '在职甲' });
    const body = { communityOrgId: tree.community.id, residentialArea: '幸福小区 3 栋', skills: ['医疗', '医疗', '维修'] };
    const rs = await Promise.all(Array.from({ length: 20 }, () => post(m.token, '/service/reports', body)));
    expect(tally(statuses(rs))).toEqual({ '201': 1, '409 ALREADY_REPORTED': 19 });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM service_report WHERE member_id = $1`, [m.memberId]);
    expect(n).toBe(1);
    const created = rs.find((r) => r.status === 201)!.body;
    expect(created).toMatchObject({ status: 'pending', memberId: m.memberId, communityName: '测试社区党委', skills: ['医疗', '维修'] });
  });

  it('the report lifecycle: only the community accepts; the member ends it and may report again; both sides list it', async () => {
    const m = await bindMember(t, tree.branchB.id, { name: '在职乙' });
    const r = (await post(m.token, '/service/reports', { communityOrgId: tree.community.id, residentialArea: '和平小区' })).body;

    // Branch A's staff are below the community, not its staff: the report is not theirs to see.
    expectErrorShape((await post(tree.branchAStaff.token, `/service/reports/${r.id}/accept`)).body, 404, 'NOT_FOUND');
    expectErrorShape((await post(m.token, `/service/reports/${r.id}/accept`)).body, 403, 'FORBIDDEN');
    const accepted = await post(communityStaff.token, `/service/reports/${r.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'active', acceptedAt: expect.any(String) });
    expectErrorShape((await post(communityStaff.token, `/service/reports/${r.id}/accept`)).body, 409, 'INVALID_STATE_TRANSITION');
    const [note] = await t.dataSource.query(`SELECT title, page FROM notification WHERE user_id = $1 AND template_key = 'service_event'`, [m.userId]);
    expect(note).toMatchObject({ title: '测试社区党委报到已接收', page: 'packages/service/report/index' });

    // The community sees its reported members; the member's own branch (street staff cover branch B) sees where they reported.
    const community = await get(communityStaff.token, `/service/reports?communityOrgId=${tree.community.id}&status=active`);
    expect(community.body.items.map((i: { id: string }) => i.id)).toContain(r.id);
    const branch = await get(tree.streetStaff.token, `/service/reports?memberOrgId=${tree.branchB.id}`);
    expect(branch.body.items.find((i: { id: string }) => i.id === r.id)).toMatchObject({ memberName: '在职乙', communityName: '测试社区党委' });
    expectErrorShape((await get(tree.branchAStaff.token, `/service/reports?memberOrgId=${tree.branchB.id}`)).body, 403, 'FORBIDDEN');

    expectErrorShape((await post(m.token, '/service/reports', { communityOrgId: tree.community.id, residentialArea: '和平小区' })).body, 409, 'ALREADY_REPORTED');
    expect((await post(m.token, `/service/reports/${r.id}/end`)).body.status).toBe('ended');
    expect((await post(m.token, '/service/reports', { communityOrgId: tree.community.id, residentialArea: '新家小区' })).status).toBe(201);
    const mine = await get(m.token, '/service/reports?mine=true');
    expect(mine.body.items.map((i: { status: string }) => i.status)).toEqual(['pending', 'ended']);
  });

  it('refuses a report to an organisation that is not a community, and a decline needs a reason', async () => {
    const m = await bindMember(t, tree.branchB.id, { name: '在职丙' });
    expectErrorShape((await post(m.token, '/service/reports', { communityOrgId: tree.branchA.id, residentialArea: '小区' })).body, 400, 'NOT_A_COMMUNITY');
    const r = (await post(m.token, '/service/reports', { communityOrgId: tree.community.id, residentialArea: '小区' })).body;
    expectErrorShape((await post(communityStaff.token, `/service/reports/${r.id}/decline`)).body, 400, 'VALIDATION_FAILED');
    const declined = await post(communityStaff.token, `/service/reports/${r.id}/decline`, { reason: '不在本社区居住' });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: '不在本社区居住' });
  });

  it('50 members signing up at once for 10 places: exactly 10 get one, 40 get 409 ACTIVITY_FULL', async () => {
    const members = await sqlMembers(t, tree.branchB.id, 50);
    await activeReports(t, tree.community.id, members.map((m) => m.memberId));
    const startsAt = plus(new Date(), 3 * 24 * 60);
    const a = await publish(t, communityStaff.token, tree.community.id, { startsAt: startsAt.toISOString(), endsAt: plus(startsAt, 120).toISOString(), capacity: 10 });
    const rs = await Promise.all(members.map((m) => post(m.token, `/activities/${a.id}/signups`)));
    expect(tally(statuses(rs))).toEqual({ '201': 10, '409 ACTIVITY_FULL': 40 });
    const [row] = await t.dataSource.query(`SELECT signed_up, (SELECT count(*)::int FROM activity_signup WHERE activity_id = $1 AND cancelled_at IS NULL) AS live FROM activity WHERE id = $1`, [a.id]);
    expect(row).toEqual({ signed_up: 10, live: 10 });
    expect((await get(null, `/activities/${a.id}`)).body.signedUp).toBe(10);
  });

  it('who may sign up, twice is refused, cancelling frees the place and signing up again works; not after the start', async () => {
    const startsAt = plus(new Date(), 2 * 24 * 60);
    const a = await publish(t, communityStaff.token, tree.community.id, { startsAt: startsAt.toISOString(), endsAt: plus(startsAt, 60).toISOString(), capacity: 1 });
    const [reported, pending, stranger] = await sqlMembers(t, tree.branchB.id, 3);
    await activeReports(t, tree.community.id, [reported.memberId]);
    await post(pending.token, '/service/reports', { communityOrgId: tree.community.id, residentialArea: '小区' });
    const local = await bindMember(t, tree.branchA.id, { name: '社区党员' });

    expectErrorShape((await post(stranger.token, `/activities/${a.id}/signups`)).body, 403, 'FORBIDDEN');
    expectErrorShape((await post(pending.token, `/activities/${a.id}/signups`)).body, 403, 'FORBIDDEN');
    expectErrorShape((await post(tree.resident.token, `/activities/${a.id}/signups`)).body, 403, 'NOT_A_MEMBER');
    const first = await post(reported.token, `/activities/${a.id}/signups`);
    expect(first.status).toBe(201);
    expect(first.body.mySignup).toMatchObject({ checkinAt: null, confirmed: false });
    expectErrorShape((await post(reported.token, `/activities/${a.id}/signups`)).body, 409, 'ALREADY_SIGNED_UP');
    expectErrorShape((await post(local.token, `/activities/${a.id}/signups`)).body, 409, 'ACTIVITY_FULL');

    const cancelled = await t.http.delete(`${API}/activities/${a.id}/signups/me`).set('Authorization', bearer(reported.token));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ signedUp: 0, mySignup: null });
    expect((await post(local.token, `/activities/${a.id}/signups`)).status).toBe(201);
    expect((await t.http.delete(`${API}/activities/${a.id}/signups/me`).set('Authorization', bearer(local.token))).status).toBe(200);
    expect((await post(reported.token, `/activities/${a.id}/signups`)).status).toBe(201);

    clockOf(t).setNow(plus(startsAt, 1));
    expectErrorShape((await t.http.delete(`${API}/activities/${a.id}/signups/me`).set('Authorization', bearer(reported.token))).body, 409, 'ACTIVITY_STARTED');
    expectErrorShape((await post(local.token, `/activities/${a.id}/signups`)).body, 409, 'ACTIVITY_STARTED');
  });

  it('a weekly service post is a series of activities, each with its own places; only staff publish', async () => {
    const startsAt = plus(new Date(), 24 * 60);
    const body = { title: '助老服务岗', description: '陪老人聊天', place: '社区活动室', capacity: 3, startsAt: startsAt.toISOString(), endsAt: plus(startsAt, 90).toISOString(), repeatWeekly: 4 };
    const m = await bindMember(t, tree.branchA.id);
    expectErrorShape((await post(m.token, `/orgs/${tree.community.id}/activities`, body)).body, 403, 'FORBIDDEN');
    expectErrorShape((await post(tree.branchAStaff.token, `/orgs/${tree.community.id}/activities`, body)).body, 403, 'FORBIDDEN');
    const first = await post(communityStaff.token, `/orgs/${tree.community.id}/activities`, body);
    expect(first.status).toBe(201);
    const series = await t.dataSource.query(`SELECT starts_at FROM activity WHERE series_id = $1 ORDER BY starts_at`, [first.body.seriesId]);
    expect(series).toHaveLength(4);
    expect(new Date(series[3].starts_at).getTime() - new Date(series[0].starts_at).getTime()).toBe(3 * 7 * 24 * 3600_000);
    expectErrorShape((await post(communityStaff.token, `/orgs/${tree.community.id}/activities`, { ...body, endsAt: body.startsAt })).body, 400, 'VALIDATION_FAILED');
    const list = await get(null, `/activities?orgId=${tree.street.id}&to=${new Date(plus(startsAt, 8 * 24 * 60)).toISOString().slice(0, 10)}`);
    expect(list.body.items.filter((i: { seriesId: string }) => i.seriesId === first.body.seriesId).length).toBeGreaterThanOrEqual(1);
    expect(list.body.items[0].participants).toBeUndefined();
    expect(await count(t, 'activity')).toBeGreaterThanOrEqual(4);
  });
});
