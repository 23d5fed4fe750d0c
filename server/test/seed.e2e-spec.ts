import { beforeAll, describe, expect, it } from '@jest/globals';
import dayjs from 'dayjs';
import { DemoAccounts } from '@xianfeng/shared';
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

  it('gives the dashboard numbers to show: the seeded commitments count as published and fulfilled', async () => {
    const [root] = await t.dataSource.query(`SELECT id FROM org WHERE parent_id IS NULL`);
    const stats = await t.http.get(`/api/v1/orgs/${root.id}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body.commitments).toEqual({ published: 3, fulfilled: 1 });
    expect(stats.body.wishes.confirmed).toBeGreaterThanOrEqual(1);
  });

  it('creates every demo account the developer login offers, each able to sign in as what its label says', async () => {
    // The accounts the login page offers (the seed has more, e.g. the contest's judges).
    const rows: Array<{ openid: string; nickname: string; is_admin: boolean }> = await t.dataSource.query(
      `SELECT openid, nickname, is_admin FROM app_user WHERE openid = ANY($1) ORDER BY openid`,
      [DemoAccounts.map((a) => a.openid)],
    );
    expect(rows).toEqual(
      DemoAccounts.map((a) => ({ openid: a.openid, nickname: a.nickname, is_admin: a.admin })).sort((a, b) => a.openid.localeCompare(b.openid)),
    );
    const roles = async (openid: string) => {
      const { user } = await t.login(openid);
      return { staff: user.roles.some((r) => r.role === 'staff'), admin: user.roles.some((r) => r.role === 'admin'), member: !!user.member };
    };
    expect(await roles('demo-admin')).toMatchObject({ admin: true });
    expect(await roles('demo-secretary')).toMatchObject({ staff: true, member: false });
    expect(await roles('demo-branch')).toMatchObject({ staff: true, member: false });
    expect(await roles('demo-member')).toEqual({ staff: false, admin: false, member: true });
    expect(await roles('demo-resident')).toEqual({ staff: false, admin: false, member: false });
  });

  it('gives members the gender their given names suggest (周桂兰 a woman, 于文杰 a man)', async () => {
    const rows: Array<{ name: string; gender: string }> = await t.dataSource.query(`SELECT name, gender FROM member`);
    const female = ['秀英', '桂兰', '海燕', '红梅', '丽华', '淑芬', '玉珍', '雪梅', '春燕', '美玲', '若溪', '子涵', '欣怡', '佳琪'];
    const male = ['建国', '志强', '卫东', '国强', '晓明', '德胜', '文杰', '振华', '立新', '永强', '思远', '浩然', '一鸣', '宇航'];
    const genderOf = (name: string) => (female.includes(name.slice(1)) ? 'female' : male.includes(name.slice(1)) ? 'male' : `unknown given name ${name}`);
    expect(rows.length).toBe(41);
    expect(rows.filter((r) => r.gender !== genderOf(r.name))).toEqual([]);
    expect(new Set(rows.map((r) => r.gender))).toEqual(new Set(['male', 'female']));
  });

  it('has an opened greeting card in 我的贺卡 for demo-member, leaving this year\'s occasions to send', async () => {
    const { token, user } = await t.login('demo-member');
    const res = await t.http.get('/api/v1/greetings/mine').set('Authorization', bearer(token));
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const [card] = res.body.items;
    expect(card.memberId).toBe(user.member?.id);
    expect(card.message).toContain(`${user.member?.name}同志`);
    expect(card.message).not.toContain('今天');
    expect(card.readAt).not.toBeNull();
    expect(Number(card.occasionOn.slice(0, 4))).toBe(Number(todayInShanghai().slice(0, 4)) - 1);
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

  it('has a published star board of the street’s children and a finished contest for the big screen', async () => {
    const { token } = await t.login('demo-secretary');
    const me = await t.http.get('/api/v1/me').set('Authorization', bearer(token));
    const street = me.body.roles.find((r: { role: string }) => r.role === 'staff').orgId;
    const board = await t.http.get(`/api/v1/orgs/${street}/stars`);
    expect(board.status).toBe(200);
    expect(board.body.items).toHaveLength(4);
    expect(board.body.items[0]).toMatchObject({ stars: 5, total: 93 });
    const results = await t.http.get(`/api/v1/assessments/${board.body.assessmentId}/results`);
    expect(results.body.map((r: { total: number }) => r.total)).toEqual(board.body.items.map((i: { total: number }) => i.total));
    expect(JSON.stringify(results.body)).not.toContain('台账');
    const [{ id }] = await t.dataSource.query(`SELECT id FROM contest LIMIT 1`);
    const live = await t.http.get(`/api/v1/contests/${id}/live`);
    expect(live.body).toMatchObject({ status: 'ended', current: null, judges: 5 });
    expect(live.body.ranking).toHaveLength(5);
    expect(live.body.ranking[0].score).toBe(94.33);
  });
});
