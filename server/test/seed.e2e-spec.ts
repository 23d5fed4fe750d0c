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
