import { beforeAll, describe, expect, it } from '@jest/globals';
import dayjs from 'dayjs';
import { todayInShanghai } from '../src/common/dates.js';
import { seedDemoIfEmpty } from '../src/database/seed.js';
import { bearer, useTestApp } from './support/app.js';

describe('demo data', () => {
  const t = useTestApp();
  let seeded: Awaited<ReturnType<typeof seedDemoIfEmpty>>;
  beforeAll(async () => {
    seeded = await seedDemoIfEmpty(t.databaseUrl);
  });

  it('builds a believable tree once, and never twice', async () => {
    expect(seeded).toEqual({ orgs: 9, members: 41 });
    expect(await seedDemoIfEmpty(t.databaseUrl)).toBeNull();
    const types = await t.dataSource.query(`SELECT type, count(*)::int AS n FROM org GROUP BY type ORDER BY type`);
    expect(types.map((r: { type: string }) => r.type)).toEqual(['branch', 'committee', 'community', 'general_branch']);
    const [{ posts }] = await t.dataSource.query(`SELECT count(*)::int AS posts FROM member WHERE post_kind IS NOT NULL AND duties IS NOT NULL`);
    expect(posts).toBeGreaterThan(15);
  });

  it('has birthdays and political birthdays in the coming week for the secretary to see', async () => {
    const { token } = await t.login('demo-secretary');
    const me = await t.http.get('/api/v1/me').set('Authorization', bearer(token));
    const root = me.body.roles.find((r: { role: string }) => r.role === 'staff').orgId;
    const from = todayInShanghai();
    const to = dayjs(from).add(7, 'day').format('YYYY-MM-DD');
    const res = await t.http.get(`/api/v1/orgs/${root}/occasions`).set('Authorization', bearer(token)).query({ from, to });
    expect(res.status).toBe(200);
    const kinds = new Set(res.body.map((o: { kind: string }) => o.kind));
    expect(kinds.has('birthday')).toBe(true);
    expect(kinds.has('political_birthday')).toBe(true);
  });

  it('binds demo-member to a member record and shows commitments in public', async () => {
    const { user } = await t.login('demo-member');
    expect(user.member).toMatchObject({ name: expect.any(String) });
    const list = await t.http.get('/api/v1/commitments');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(3); // published and fulfilled only
    expect(list.body.items.every((c: { status: string }) => ['published', 'fulfilled'].includes(c.status))).toBe(true);
  });

  it('has a wish wall with open, claimed and confirmed wishes, and their history', async () => {
    const wall = await t.http.get('/api/v1/wishes');
    expect(wall.status).toBe(200);
    const statuses = new Set(wall.body.items.map((w: { status: string }) => w.status));
    expect(statuses).toEqual(new Set(['open', 'claimed', 'confirmed']));
    const confirmed = wall.body.items.find((w: { status: string }) => w.status === 'confirmed');
    const detail = await t.http.get(`/api/v1/wishes/${confirmed.id}`);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['post', 'approve', 'claim', 'fulfil', 'confirm']);
    expect(detail.body.wisherDisplayName).toBe('李**');
    expect(JSON.stringify(detail.body)).not.toContain('13800005678');
  });

  it('has community service to show: the demo member reported, an activity tomorrow, a weekly post, confirmed minutes and a deed', async () => {
    const { token, user } = await t.login('demo-member');
    const reports = await t.http.get('/api/v1/service/reports?mine=true').set('Authorization', bearer(token));
    expect(reports.body.items).toEqual([expect.objectContaining({ status: 'active', communityName: '幸福里社区党委' })]);
    const activities = (await t.http.get('/api/v1/activities').set('Authorization', bearer(token))).body.items;
    expect(activities.some((a: { mySignup: unknown }) => a.mySignup)).toBe(true);
    expect(new Set(activities.filter((a: { seriesId: string | null }) => a.seriesId).map((a: { seriesId: string }) => a.seriesId)).size).toBe(1);
    const card = (await t.http.get(`/api/v1/members/${user.member!.id}/card`)).body;
    // Counts for the current year: the seed's past activity and deed are within the last week.
    if (dayjs(todayInShanghai()).subtract(6, 'day').year() === dayjs(todayInShanghai()).year()) expect(card).toMatchObject({ serviceMinutes: 110, deeds: 2 });
    const drift = await t.dataSource.query(
      `WITH c AS (SELECT org_id, metric, day, sum(n)::bigint AS n FROM org_day_stat GROUP BY 1, 2, 3)
       SELECT * FROM c FULL JOIN stat_recount r USING (org_id, metric, day) WHERE COALESCE(c.n, 0) <> COALESCE(r.n, 0)`,
    );
    expect(drift).toEqual([]);
  });
});
