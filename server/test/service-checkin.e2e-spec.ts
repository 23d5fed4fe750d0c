import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Activity, CheckinCode } from '@xianfeng/shared';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { ActivitiesService } from '../src/community-service/activities.service.js';
import { bearer, createTestApp, useTestApp } from './support/app.js';
import { buildTree, expectErrorShape, grantStaff, user, type Tree } from './support/fixtures.js';
import { activeReports, API, clockOf, plus, publish, sqlMembers, type SqlMember } from './support/service.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The honest check-in: a rotating signed code, one check-in per member, check-out, minutes as the
 * overlap with the activity, and the organiser's confirmation with its correction trail. Time moves
 * through the ServiceClock port, not by sleeping through 30-second steps.
 */
describe('community service: check-in, check-out and confirmed minutes', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  let tree: Tree;
  let staff: { token: string; userId: string };
  /** 22:00 two days from now (Asia/Shanghai), so the activity crosses midnight. */
  let start: Date;
  let night: Activity;
  let other: Activity;
  let members: SqlMember[];

  const post = (token: string, path: string, body: object = {}) => t.http.post(`${API}${path}`).set('Authorization', bearer(token)).send(body);
  const at = (d: Date) => clockOf(t).setNow(d);
  const code = async (activityId: string): Promise<CheckinCode> => {
    const res = await t.http.get(`${API}/activities/${activityId}/checkin-code`).set('Authorization', bearer(staff.token));
    if (res.status !== 200) throw new Error(`code: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const signUp = async (m: SqlMember, a: Activity) => expect((await post(m.token, `/activities/${a.id}/signups`)).status).toBe(201);

  beforeAll(async () => {
    tree = await buildTree(t);
    staff = await user(t, 'community-staff');
    await grantStaff(t, tree.adminToken, tree.community.id, staff.userId);
    start = dayjs().tz('Asia/Shanghai').add(2, 'day').hour(22).minute(0).second(0).millisecond(0).toDate();
    night = await publish(t, staff.token, tree.community.id, { title: '夜间巡逻', startsAt: start.toISOString(), endsAt: plus(start, 240).toISOString(), capacity: 20 });
    other = await publish(t, staff.token, tree.community.id, { title: '另一活动', startsAt: start.toISOString(), endsAt: plus(start, 60).toISOString() });
    members = await sqlMembers(t, tree.branchB.id, 8, 'night');
    await activeReports(t, tree.community.id, members.map((m) => m.memberId));
    for (const m of members.slice(0, 7)) await signUp(m, night);
  });

  afterEach(() => clockOf(t).setNow(null));

  it('the code changes every 30 s and is accepted until expiresAt (at most 60 s); only staff of the org see it', async () => {
    at(plus(start, -10));
    const c = await code(night.id);
    expect(c.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const issued = clockOf(t).now().getTime();
    expect(new Date(c.expiresAt).getTime() - issued).toBeLessThanOrEqual(60_000);
    expect(new Date(c.expiresAt).getTime() - issued).toBeGreaterThan(30_000);
    at(new Date(new Date(c.refreshAt).getTime() + 1));
    expect((await code(night.id)).code).not.toBe(c.code);
    expectErrorShape((await t.http.get(`${API}/activities/${night.id}/checkin-code`).set('Authorization', bearer(tree.branchAStaff.token))).body, 403, 'FORBIDDEN');
    expectErrorShape((await t.http.get(`${API}/activities/${night.id}/checkin-code`).set('Authorization', bearer(members[0].token))).body, 403, 'FORBIDDEN');
  });

  it('refuses a replayed code after its step, another activity’s code, a forged one, a second check-in, and check-out without check-in', async () => {
    const [a, b, c] = members;
    at(plus(start, -20));
    const old = await code(night.id);
    // One step later the code is still good (a slow scan) …
    at(new Date(new Date(old.refreshAt).getTime() + 5_000));
    const first = await post(a.token, `/activities/${night.id}/checkin`, { code: old.code.toLowerCase() });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ memberId: a.memberId, checkoutAt: null, confirmed: false });
    // … two steps later it is not.
    at(new Date(new Date(old.expiresAt).getTime() + 1));
    expectErrorShape((await post(b.token, `/activities/${night.id}/checkin`, { code: old.code })).body, 409, 'CODE_EXPIRED');
    expectErrorShape((await post(b.token, `/activities/${night.id}/checkin`, { code: (await code(other.id)).code })).body, 400, 'CODE_INVALID');
    expectErrorShape((await post(b.token, `/activities/${night.id}/checkin`, { code: '0000-0000-0000-0000' })).body, 400, 'CODE_INVALID');
    expectErrorShape((await post(a.token, `/activities/${night.id}/checkin`, { code: (await code(night.id)).code })).body, 409, 'ALREADY_CHECKED_IN');
    expectErrorShape((await post(c.token, `/activities/${night.id}/checkout`, { code: (await code(night.id)).code })).body, 409, 'NOT_CHECKED_IN');
    // Not signed up at all: 403, whatever the code.
    expectErrorShape((await post(members[7].token, `/activities/${night.id}/checkin`, { code: (await code(night.id)).code })).body, 403, 'FORBIDDEN');
    // Too early: more than 30 minutes before the start.
    at(plus(start, -31));
    expectErrorShape((await post(b.token, `/activities/${night.id}/checkin`, { code: (await code(night.id)).code })).body, 409, 'CHECKIN_CLOSED');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1`, [night.id]);
    expect(n).toBe(1);
  });

  it('counts minutes across midnight, capped at the activity’s bounds; confirms them, and records each correction', async () => {
    const [, b, c, d] = members;
    // b: 21:40 → 02:30, capped to 22:00 → 02:00 = 240. c: 23:30 → 00:45 = 75. d: checks in and forgets to check out.
    at(plus(start, -20));
    for (const m of [b]) expect((await post(m.token, `/activities/${night.id}/checkin`, { code: (await code(night.id)).code })).status).toBe(200);
    at(plus(start, 90));
    for (const m of [c, d]) expect((await post(m.token, `/activities/${night.id}/checkin`, { code: (await code(night.id)).code })).status).toBe(200);
    at(plus(start, 165));
    const cOut = await post(c.token, `/activities/${night.id}/checkout`, { code: (await code(night.id)).code });
    expect(cOut.body).toMatchObject({ minutes: 75, confirmed: false });
    expectErrorShape((await post(c.token, `/activities/${night.id}/checkout`, { code: (await code(night.id)).code })).body, 409, 'ALREADY_CHECKED_OUT');
    at(plus(start, 270));
    const bOut = await post(b.token, `/activities/${night.id}/checkout`, { code: (await code(night.id)).code });
    expect(bOut.body.minutes).toBe(240);

    const confirm = (memberId: string, body: object = {}, token = staff.token) => post(token, `/activities/${night.id}/attendance/${memberId}/confirm`, body);
    expectErrorShape((await confirm(b.memberId, {}, tree.branchAStaff.token)).body, 403, 'FORBIDDEN');
    expect((await confirm(b.memberId)).body).toEqual({ memberId: b.memberId, minutes: 240, confirmed: true, corrected: false });
    expectErrorShape((await confirm(c.memberId, { minutes: 90 })).body, 400, 'VALIDATION_FAILED');
    expect((await confirm(c.memberId, { minutes: 90, reason: '提前到岗，签到晚了' })).body).toMatchObject({ minutes: 90, corrected: true });
    expectErrorShape((await confirm(d.memberId)).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await confirm(d.memberId, { minutes: 500, reason: '忘记签退' })).body, 400, 'VALIDATION_FAILED');
    expect((await confirm(d.memberId, { minutes: 120, reason: '忘记签退，现场核实' })).body).toMatchObject({ minutes: 120, corrected: true });
    expectErrorShape((await confirm(members[4].memberId)).body, 409, 'NOT_CHECKED_IN');

    // The trail: who, when, from, to, why — on the activity, for its staff.
    const detail = await t.http.get(`${API}/activities/${night.id}`).set('Authorization', bearer(staff.token));
    const byMember = new Map(detail.body.participants.map((p: { memberId: string }) => [p.memberId, p]));
    expect(byMember.get(c.memberId)).toMatchObject({
      computedMinutes: 75,
      minutes: 90,
      confirmed: true,
      corrections: [{ fromMinutes: 75, toMinutes: 90, reason: '提前到岗，签到晚了', byUserId: staff.userId, at: expect.any(String) }],
    });
    expect(byMember.get(d.memberId)).toMatchObject({ checkoutAt: null, minutes: 120, corrections: [{ fromMinutes: null, toMinutes: 120 }] });
    expect((await t.http.get(`${API}/activities/${night.id}`)).body.participants).toBeUndefined();

    // Into the numbers: the member's branch (and its ancestors) on the activity's day; the counters agree with the rows.
    const day = dayjs(start).tz('Asia/Shanghai').format('YYYY-MM-DD');
    const stats = await t.http.get(`${API}/orgs/${tree.branchB.id}/stats?from=${day}&to=${day}`);
    expect(stats.body.serviceMinutes).toBe(240 + 90 + 120);
    const drift = await t.dataSource.query(
      `WITH c AS (SELECT org_id, metric, day, sum(n)::bigint AS n FROM org_day_stat WHERE metric = 'service_minutes' GROUP BY 1, 2, 3)
       SELECT * FROM c FULL JOIN (SELECT * FROM stat_recount WHERE metric = 'service_minutes') r USING (org_id, metric, day) WHERE COALESCE(c.n, 0) <> COALESCE(r.n, 0)`,
    );
    expect(drift).toEqual([]);
    const notes = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND template_key = 'service_event'`, [c.userId]);
    expect(notes[0].n).toBe(1);
  });

  it('with a radius, the member must be within it (GCJ-02)', async () => {
    const s = plus(new Date(), 3 * 24 * 60);
    const here = { lat: 31.2304, lng: 121.4737 };
    const a = await publish(t, staff.token, tree.community.id, { title: '定点服务', startsAt: s.toISOString(), endsAt: plus(s, 60).toISOString(), location: { ...here, radiusM: 200 } });
    const [m1, m2] = members.slice(5, 7);
    for (const m of [m1, m2]) await signUp(m, a);
    at(plus(s, 5));
    const c = (await code(a.id)).code;
    expectErrorShape((await post(m1.token, `/activities/${a.id}/checkin`, { code: c })).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await post(m1.token, `/activities/${a.id}/checkin`, { code: c, location: { lat: here.lat + 0.01, lng: here.lng } })).body, 409, 'OUT_OF_RANGE');
    expect((await post(m2.token, `/activities/${a.id}/checkin`, { code: c, location: { lat: here.lat + 0.001, lng: here.lng } })).status).toBe(200);
  });

  it('the day-before reminder is queued once per member and activity, with two instances running the job at once', async () => {
    const s = plus(new Date(), 24 * 60 + 30);
    const a = await publish(t, staff.token, tree.community.id, { title: '明日活动', startsAt: s.toISOString(), endsAt: plus(s, 60).toISOString() });
    for (const m of members.slice(0, 5)) await signUp(m, a);
    const second = await createTestApp({ databaseUrl: t.databaseUrl, standin: t.standin, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    try {
      const now = new Date();
      const services = [t.app.get(ActivitiesService), second.app.get(ActivitiesService)];
      await Promise.all([...services, ...services].map((svc) => svc.sendReminders(now)));
      const rows = await t.dataSource.query(`SELECT user_id, page FROM notification WHERE dedupe_key LIKE $1`, [`activity-reminder:${a.id}:%`]);
      expect(rows).toHaveLength(5);
      expect(new Set(rows.map((r: { user_id: string }) => r.user_id)).size).toBe(5);
      expect(rows[0].page).toBe(`packages/service/activity/index?id=${a.id}`);
    } finally {
      await second.close();
    }
  });
});
