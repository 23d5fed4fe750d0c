import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { todayInShanghai } from '../src/common/dates.js';
import { GreetingsService } from '../src/greetings/greetings.service.js';
import { JobScheduler } from '../src/jobs/job-scheduler.js';
import { bearer, createTestApp, useTestApp } from './support/app.js';
import { bindMember, buildTree, createMember, createOrg, expectErrorShape, user, type Tree } from './support/fixtures.js';
import { eventually, messages, notificationRows, subscribe } from './support/notify.js';

describe('greetings', () => {
  const t = useTestApp();
  let tree: Tree;
  beforeAll(async () => {
    tree = await buildTree(t);
  });

  describe('GET /orgs/:id/occasions (三色生日表)', () => {
    it('lists birthdays, political birthdays and work anniversaries in the range, for the subtree only', async () => {
      const org = await createOrg(t, tree.adminToken, { name: '生日表支部', type: 'branch', parentId: tree.community.id });
      const a = await createMember(t, tree.adminToken, org.id, { name: '三色甲', birthday: '1980-03-05', joinedPartyOn: '2001-03-07', workStartedOn: '2000-03-06' });
      await createMember(t, tree.adminToken, org.id, { name: '三色乙', birthday: '1980-06-05', joinedPartyOn: '2001-08-07', workStartedOn: null });
      await createMember(t, tree.adminToken, tree.branchB.id, { name: '别处的', birthday: '1980-03-05', joinedPartyOn: '2001-03-07' });
      const res = await t.http.get(`/api/v1/orgs/${org.id}/occasions`).set('Authorization', bearer(tree.branchAStaff.token)).query({ from: '2026-03-01', to: '2026-03-10' });
      expect(res.status).toBe(403); // branch A staff is not staff of this sibling branch
      const ok = await t.http.get(`/api/v1/orgs/${org.id}/occasions`).set('Authorization', bearer(tree.streetStaff.token)).query({ from: '2026-03-01', to: '2026-03-10' });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual([
        expect.objectContaining({ memberId: a.member.id, kind: 'birthday', on: '2026-03-05', years: 46, greeting: null, bound: false }),
        expect.objectContaining({ memberId: a.member.id, kind: 'work_anniversary', on: '2026-03-06', years: 26 }),
        expect.objectContaining({ memberId: a.member.id, kind: 'political_birthday', on: '2026-03-07', years: 25 }),
      ]);
      expect(JSON.stringify(ok.body)).not.toContain('别处的');
    });

    it('puts a 29 February birthday on 28 February in a non-leap year, and handles a range across New Year', async () => {
      const org = await createOrg(t, tree.adminToken, { name: '闰年支部', type: 'branch', parentId: tree.community.id });
      const leap = await createMember(t, tree.adminToken, org.id, { name: '闰年生', birthday: '1988-02-29', joinedPartyOn: '2010-12-31' });
      const feb = await t.http.get(`/api/v1/orgs/${org.id}/occasions`).set('Authorization', bearer(tree.adminToken)).query({ from: '2027-02-28', to: '2027-02-28' });
      expect(feb.body).toEqual([expect.objectContaining({ memberId: leap.member.id, kind: 'birthday', on: '2027-02-28', years: 39 })]);
      const leapYear = await t.http.get(`/api/v1/orgs/${org.id}/occasions`).set('Authorization', bearer(tree.adminToken)).query({ from: '2028-02-28', to: '2028-03-01' });
      expect(leapYear.body).toEqual([expect.objectContaining({ kind: 'birthday', on: '2028-02-29', years: 40 })]);
      const ny = await t.http.get(`/api/v1/orgs/${org.id}/occasions`).set('Authorization', bearer(tree.adminToken)).query({ from: '2026-12-30', to: '2027-01-02' });
      expect(ny.body).toEqual([expect.objectContaining({ kind: 'political_birthday', on: '2026-12-31', years: 16 })]);
    });

    it.each([
      [{ from: '2026-03-10', to: '2026-03-01' }, 'to'],
      [{ from: '2026-01-01', to: '2027-06-01' }, 'to'],
      [{ from: '2023-02-30', to: '2023-03-01' }, 'from'],
      [{ from: '2026-01-01' }, 'to'],
    ])('refuses a bad range %j with 400', async (query, field) => {
      const res = await t.http.get(`/api/v1/orgs/${tree.street.id}/occasions`).set('Authorization', bearer(tree.adminToken)).query(query);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('is for staff only', async () => {
      expect((await t.http.get(`/api/v1/orgs/${tree.street.id}/occasions`).set('Authorization', bearer(tree.resident.token)).query({ from: '2026-01-01', to: '2026-01-02' })).status).toBe(403);
      expect((await t.http.get(`/api/v1/orgs/${tree.street.id}/occasions`).query({ from: '2026-01-01', to: '2026-01-02' })).status).toBe(401);
    });
  });

  describe('settings', () => {
    it('defaults to auto-send off at 9, is inherited down the tree, and validates placeholders', async () => {
      // a subtree of its own, so these settings do not reach the other tests' members
      const community = await createOrg(t, tree.adminToken, { name: '设置社区', type: 'community', parentId: tree.street.id });
      const branch = await createOrg(t, tree.adminToken, { name: '设置支部', type: 'branch', parentId: community.id });
      const branchStaff = await user(t, 'settings-staff');
      await t.http.post(`/api/v1/orgs/${branch.id}/staff`).set('Authorization', bearer(tree.adminToken)).send({ userId: branchStaff.userId });
      const before = await t.http.get(`/api/v1/orgs/${branch.id}/greeting-settings`).set('Authorization', bearer(branchStaff.token));
      expect(before.body).toMatchObject({ autoSend: false, sendHour: 9, inheritedFrom: null });
      const put = await t.http
        .put(`/api/v1/orgs/${community.id}/greeting-settings`)
        .set('Authorization', bearer(tree.streetStaff.token))
        .send({ autoSend: true, sendHour: 8, templates: { birthday: '亲爱的{name}，{org}祝您生日快乐！', political_birthday: '{name}：入党{years}周年快乐！' } });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ autoSend: true, sendHour: 8 });
      const child = await t.http.get(`/api/v1/orgs/${branch.id}/greeting-settings`).set('Authorization', bearer(branchStaff.token));
      expect(child.body).toMatchObject({ autoSend: true, sendHour: 8, inheritedFrom: community.id });
      const bad = await t.http.put(`/api/v1/orgs/${branch.id}/greeting-settings`).set('Authorization', bearer(branchStaff.token)).send({ templates: { birthday: '{nmae}生日快乐', political_birthday: 'x' } });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('templates.birthday');
      for (const body of [{ sendHour: 24 }, { sendHour: 7.5 }, { autoSend: 'yes' }, { templates: { birthday: '' } }, { colour: 'red' }]) {
        expect((await t.http.put(`/api/v1/orgs/${branch.id}/greeting-settings`).set('Authorization', bearer(branchStaff.token)).send(body)).status).toBe(400);
      }
      expect((await t.http.put(`/api/v1/orgs/${branch.id}/greeting-settings`).set('Authorization', bearer(tree.resident.token)).send({ autoSend: true })).status).toBe(403);
    });
  });

  describe('sending', () => {
    it('sends a greeting by hand once per member, kind and year', async () => {
      const m = await bindMember(t, tree.branchA.id, { name: '手动', birthday: '1970-05-20', joinedPartyOn: '1995-07-01' });
      const res = await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.branchAStaff.token)).send({ memberId: m.member.id, kind: 'political_birthday' });
      expect(res.status).toBe(201);
      const year = new Date().getUTCFullYear();
      expect(res.body).toMatchObject({ memberId: m.member.id, kind: 'political_birthday', occasionOn: `${year}-07-01`, years: year - 1995, orgName: '第一党支部', readAt: null });
      expect(res.body.message).toContain('手动同志');
      expect(res.body.message).toContain(`${year - 1995}年前`);
      const again = await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.streetStaff.token)).send({ memberId: m.member.id, kind: 'political_birthday' });
      expect(again.status).toBe(409);
      expectErrorShape(again.body, 409, 'GREETING_ALREADY_SENT');
      const custom = await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.branchAStaff.token)).send({ memberId: m.member.id, kind: 'birthday', message: '生日快乐！' });
      expect(custom.body.message).toBe('生日快乐！');
    });

    it('names the occasion\'s date on a card sent ahead, and refuses a text that says 今天 on any other day', async () => {
      const today = todayInShanghai();
      const month = Number(today.slice(5, 7));
      // Any day of this year but today: the 15th of next month, or 1 January in December.
      const otherDay = month < 12 ? `${String(month + 1).padStart(2, '0')}-15` : '01-01';
      const label = `${Number(otherDay.slice(0, 2))}月${Number(otherDay.slice(3))}日`;
      const ahead = await bindMember(t, tree.branchA.id, { name: '提前', birthday: `1980-${otherDay}`, joinedPartyOn: `2001-${otherDay}` });

      const card = await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.branchAStaff.token)).send({ memberId: ahead.member.id, kind: 'birthday' });
      expect(card.status).toBe(201);
      expect(card.body.message).toContain(`${label}是您的生日`);
      expect(card.body.message).not.toContain('今天');

      const saysToday = await t.http
        .post('/api/v1/greetings')
        .set('Authorization', bearer(tree.branchAStaff.token))
        .send({ memberId: ahead.member.id, kind: 'political_birthday', message: '今天是您的政治生日，祝贺！' });
      expectErrorShape(saysToday.body, 400, 'VALIDATION_FAILED');
      expect(saysToday.body.message).toContain(label);
      expect(saysToday.body.details).toEqual([{ field: 'message', message: saysToday.body.message }]);
      expect(await t.dataSource.query(`SELECT kind FROM greeting WHERE member_id = $1`, [ahead.member.id])).toEqual([{ kind: 'birthday' }]);

      // An organisation's own template that says 今天 goes out on the day only.
      const community = await createOrg(t, tree.adminToken, { name: '今天社区', type: 'community', parentId: tree.street.id });
      await t.http
        .put(`/api/v1/orgs/${community.id}/greeting-settings`)
        .set('Authorization', bearer(tree.adminToken))
        .send({ autoSend: false, sendHour: 9, templates: { birthday: '{name}：今天是您的生日！', political_birthday: '{name}：今天是您的政治生日！' } })
        .expect(200);
      const early = await bindMember(t, community.id, { name: '早发', birthday: `1980-${otherDay}`, joinedPartyOn: '2001-01-01' });
      const refused = await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.adminToken)).send({ memberId: early.member.id, kind: 'birthday' });
      expectErrorShape(refused.body, 400, 'VALIDATION_FAILED');
      expect(refused.body.message).toContain(`纪念日是${label}`);
      const onTheDay = await bindMember(t, community.id, { name: '当天', birthday: `1980-${today.slice(5)}`, joinedPartyOn: '2001-01-01' });
      const sent = await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.adminToken)).send({ memberId: onTheDay.member.id, kind: 'birthday' });
      expect(sent.status).toBe(201);
      expect(sent.body.message).toBe('当天：今天是您的生日！');
    });

    it('stays once when ten staff send the same greeting at the same moment', async () => {
      const m = await bindMember(t, tree.branchA.id, { name: '并发', birthday: '1975-01-01', joinedPartyOn: '1999-07-01' });
      const results = await Promise.all(
        Array.from({ length: 10 }, () => t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.branchAStaff.token)).send({ memberId: m.member.id, kind: 'birthday' })),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(9);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM greeting WHERE member_id = $1`, [m.member.id]);
      expect(n).toBe(1);
      expect(await notificationRows(t, m.userId)).toHaveLength(1);
    });

    it('refuses staff of other organisations, unknown members and bad bodies', async () => {
      const m = await createMember(t, tree.adminToken, tree.branchB.id, { name: '乙支部' });
      expect((await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.branchAStaff.token)).send({ memberId: m.member.id, kind: 'birthday' })).status).toBe(403);
      expect((await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.resident.token)).send({ memberId: m.member.id, kind: 'birthday' })).status).toBe(403);
      expect((await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.adminToken)).send({ memberId: '00000000-0000-4000-8000-000000000000', kind: 'birthday' })).status).toBe(404);
      const bad = await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.adminToken)).send({ memberId: m.member.id, kind: 'anniversary', message: 'x'.repeat(501) });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['kind', 'message']);
      expect(await t.dataSource.query(`SELECT 1 FROM greeting WHERE member_id = $1`, [m.member.id])).toHaveLength(0);
    });

    it('sends a batch with a per-item outcome; one bad item does not stop the rest', async () => {
      const a = await createMember(t, tree.adminToken, tree.branchA.id, { name: '批量甲' });
      const b = await createMember(t, tree.adminToken, tree.branchB.id, { name: '批量乙' });
      await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.branchAStaff.token)).send({ memberId: a.member.id, kind: 'political_birthday' });
      const res = await t.http
        .post('/api/v1/greetings/batch')
        .set('Authorization', bearer(tree.branchAStaff.token))
        .send({
          items: [
            { memberId: a.member.id, kind: 'birthday' },
            { memberId: a.member.id, kind: 'political_birthday' },
            { memberId: b.member.id, kind: 'birthday' },
            { memberId: '00000000-0000-4000-8000-000000000000', kind: 'birthday' },
          ],
        });
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { status: string; code?: string }) => [r.status, r.code])).toEqual([
        ['sent', undefined],
        ['error', 'GREETING_ALREADY_SENT'],
        ['error', 'FORBIDDEN'],
        ['error', 'NOT_FOUND'],
      ]);
      expect((await t.http.post('/api/v1/greetings/batch').set('Authorization', bearer(tree.adminToken)).send({ items: [] })).status).toBe(400);
    });

    it("shows members their own cards and lets only them mark one read", async () => {
      const m = await bindMember(t, tree.branchA.id, { name: '收卡', birthday: '1966-02-02', joinedPartyOn: '1990-02-02' });
      const sent = await t.http.post('/api/v1/greetings').set('Authorization', bearer(tree.branchAStaff.token)).send({ memberId: m.member.id, kind: 'birthday' });
      const mine = await t.http.get('/api/v1/greetings/mine').set('Authorization', bearer(m.token));
      expect(mine.status).toBe(200);
      expect(mine.body.items).toEqual([expect.objectContaining({ id: sent.body.id, memberName: '收卡', readAt: null })]);
      const other = await bindMember(t, tree.branchA.id, { name: '旁人' });
      expect((await t.http.post(`/api/v1/greetings/${sent.body.id}/read`).set('Authorization', bearer(other.token))).status).toBe(404);
      const read = await t.http.post(`/api/v1/greetings/${sent.body.id}/read`).set('Authorization', bearer(m.token));
      expect(read.status).toBe(200);
      expect(read.body.readAt).toEqual(expect.any(String));
      expect((await t.http.get('/api/v1/greetings/mine').set('Authorization', bearer(tree.resident.token))).status).toBe(403);
    });
  });

  describe('the daily job', () => {
    // 2026-03-02 09:05 in Asia/Shanghai is 01:05 UTC
    const at = (iso: string) => new Date(iso);

    it("greets at the organisation's hour, not before, catches up later the same day, and only where auto-send is on", async () => {
      const on = await createOrg(t, tree.adminToken, { name: '自动支部', type: 'branch', parentId: tree.street.id });
      const off = await createOrg(t, tree.adminToken, { name: '手动支部', type: 'branch', parentId: tree.street.id });
      await t.http.put(`/api/v1/orgs/${on.id}/greeting-settings`).set('Authorization', bearer(tree.adminToken)).send({ autoSend: true, sendHour: 9 });
      await t.http.put(`/api/v1/orgs/${off.id}/greeting-settings`).set('Authorization', bearer(tree.adminToken)).send({ autoSend: false, sendHour: 9 });
      const a = await bindMember(t, on.id, { name: '自动甲', birthday: '1980-03-02', joinedPartyOn: '2001-03-02' });
      const b = await createMember(t, tree.adminToken, off.id, { name: '手动乙', birthday: '1980-03-02', joinedPartyOn: '2001-05-01' });
      const jobs = t.app.get(GreetingsService);
      await jobs.runDaily(at('2026-03-02T00:59:00Z')); // 08:59 Shanghai
      expect(await t.dataSource.query(`SELECT 1 FROM greeting WHERE member_id = $1`, [a.member.id])).toHaveLength(0);
      await jobs.runDaily(at('2026-03-02T07:00:00Z')); // 15:00 Shanghai: catching up after "downtime"
      const rows = await t.dataSource.query(`SELECT kind, occasion_on, years, sent_by FROM greeting WHERE member_id = $1 ORDER BY kind`, [a.member.id]);
      expect(rows).toEqual([
        { kind: 'birthday', occasion_on: '2026-03-02', years: 46, sent_by: null },
        { kind: 'political_birthday', occasion_on: '2026-03-02', years: 25, sent_by: null },
      ]);
      expect(await notificationRows(t, a.userId)).toHaveLength(2);
      expect(await t.dataSource.query(`SELECT 1 FROM greeting WHERE member_id = $1`, [b.member.id])).toHaveLength(0);
      await jobs.runDaily(at('2026-03-02T08:00:00Z')); // again: nothing new
      expect(await t.dataSource.query(`SELECT 1 FROM greeting WHERE member_id = $1`, [a.member.id])).toHaveLength(2);
    });

    it('uses the Asia/Shanghai date while UTC is still on the previous day', async () => {
      const org = await createOrg(t, tree.adminToken, { name: '午夜支部', type: 'branch', parentId: tree.street.id });
      await t.http.put(`/api/v1/orgs/${org.id}/greeting-settings`).set('Authorization', bearer(tree.adminToken)).send({ autoSend: true, sendHour: 0 });
      const today = await createMember(t, tree.adminToken, org.id, { name: '三月十日', birthday: '1985-03-10', joinedPartyOn: '2010-01-01' });
      const yesterday = await createMember(t, tree.adminToken, org.id, { name: '三月九日', birthday: '1985-03-09', joinedPartyOn: '2010-01-01' });
      await t.app.get(GreetingsService).runDaily(at('2026-03-09T16:30:00Z')); // 00:30 on 10 March in Shanghai
      expect(await t.dataSource.query(`SELECT occasion_on FROM greeting WHERE member_id = $1`, [today.member.id])).toEqual([{ occasion_on: '2026-03-10' }]);
      expect(await t.dataSource.query(`SELECT 1 FROM greeting WHERE member_id = $1`, [yesterday.member.id])).toHaveLength(0);
    });

    it('greets a 29 February birthday on 28 February of a non-leap year', async () => {
      const org = await createOrg(t, tree.adminToken, { name: '二月支部', type: 'branch', parentId: tree.street.id });
      await t.http.put(`/api/v1/orgs/${org.id}/greeting-settings`).set('Authorization', bearer(tree.adminToken)).send({ autoSend: true, sendHour: 9 });
      const leap = await createMember(t, tree.adminToken, org.id, { name: '闰日', birthday: '1992-02-29', joinedPartyOn: '2015-06-01' });
      await t.app.get(GreetingsService).runDaily(at('2027-02-28T02:00:00Z'));
      expect(await t.dataSource.query(`SELECT occasion_on, year, years FROM greeting WHERE member_id = $1`, [leap.member.id])).toEqual([
        { occasion_on: '2027-02-28', year: 2027, years: 35 },
      ]);
    });
  });
});

describe('the daily job on pg-boss', () => {
  it('is scheduled every minute in Asia/Shanghai, and a queued run greets today\'s occasions', async () => {
    const t = await createTestApp({ env: { JOBS_ENABLED: 'true' } });
    try {
      const scheduler = t.app.get(JobScheduler);
      expect(await scheduler.schedules()).toEqual(
        expect.arrayContaining([{ name: 'greetings-daily', cron: '* * * * *', timezone: 'Asia/Shanghai' }]),
      );
      const tree = await buildTree(t);
      await t.http.put(`/api/v1/orgs/${tree.street.id}/greeting-settings`).set('Authorization', bearer(tree.adminToken)).send({ autoSend: true, sendHour: 0 });
      const today = todayInShanghai();
      const birthday = `1980-${today.slice(5)}`; // 1980 was a leap year, so 29 February works too
      const m = await createMember(t, tree.adminToken, tree.branchA.id, { name: '今日寿星', birthday, joinedPartyOn: '2001-01-01' });
      await scheduler.trigger('greetings-daily');
      const rows = await eventually(async () => {
        const r = await t.dataSource.query(`SELECT kind, sent_by FROM greeting WHERE member_id = $1`, [m.member.id]);
        return r.length ? r : null;
      }, 20_000);
      expect(rows).toEqual([{ kind: 'birthday', sent_by: null }]);
    } finally {
      await t.close();
    }
  }, 40_000);
});

describe('greetings across instances and crashes', () => {
  it('two instances running the daily job at the same moment give one greeting and one message per occasion', async () => {
    const a = await createTestApp();
    const b = await createTestApp({ databaseUrl: a.databaseUrl, standin: a.standin });
    try {
      const tree = await buildTree(a);
      await a.http.put(`/api/v1/orgs/${tree.street.id}/greeting-settings`).set('Authorization', bearer(tree.adminToken)).send({ autoSend: true, sendHour: 9 });
      const people = [];
      for (let i = 0; i < 8; i++) {
        const p = await bindMember(a, tree.branchA.id, { name: `双实例${i}`, birthday: '1979-04-01', joinedPartyOn: i % 2 ? '2004-04-01' : '2004-05-01' });
        await subscribe(a, p.token, 2);
        people.push(p);
      }
      const now = new Date('2026-04-01T02:00:00Z');
      await Promise.all([a.app.get(GreetingsService).runDaily(now), b.app.get(GreetingsService).runDaily(now), a.app.get(GreetingsService).runDaily(now), b.app.get(GreetingsService).runDaily(now)]);
      const [{ n }] = await a.dataSource.query(`SELECT count(*)::int AS n FROM greeting`);
      expect(n).toBe(12); // 8 birthdays + 4 political birthdays
      for (const p of people) {
        const expected = (await a.dataSource.query(`SELECT 1 FROM greeting WHERE member_id = $1`, [p.member.id])).length;
        await eventually(async () => (await messages(a.standin, p.openid)).length >= expected);
      }
      await new Promise((r) => setTimeout(r, 500));
      const all = await messages(a.standin);
      expect(all).toHaveLength(12);
      const [{ dup }] = await a.dataSource.query(`SELECT count(*)::int AS dup FROM (SELECT member_id, kind, year FROM greeting GROUP BY 1,2,3 HAVING count(*) > 1) d`);
      expect(dup).toBe(0);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('a server killed between commit and delivery delivers the greeting after restart, once', async () => {
    const t = await createTestApp({ env: { NOTIFY_WORKERS: '0' } });
    try {
      const tree = await buildTree(t);
      const m = await bindMember(t, tree.branchA.id, { name: '重启后送达', birthday: '1981-09-09', joinedPartyOn: '2003-09-09' });
      await subscribe(t, m.token);
      const port = await new Promise<number>((r) => {
        const s = createServer();
        s.listen(0, '127.0.0.1', () => {
          const p = (s.address() as { port: number }).port;
          s.close(() => r(p));
        });
      });
      const env = {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'development',
        DATABASE_URL: t.databaseUrl,
        WECHAT_API_BASE: t.standin.url,
        JWT_SECRET: t.config.jwtSecret,
        SEED_DEMO: 'false',
        JOBS_ENABLED: 'false',
        PORT: String(port),
        LOG_LEVEL: 'warn',
      };
      const main = new URL('../dist/main.js', import.meta.url).pathname;
      const startProc = async (extra: Record<string, string>) => {
        const p = spawn(process.execPath, [main], { env: { ...env, ...extra }, stdio: 'ignore' });
        await eventually(() => fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false), 60_000); // a busy machine starts slowly
        return p;
      };
      // First process: commits the greeting (and its outbox row), then dies before any delivery.
      const first = await startProc({ NOTIFY_WORKERS: '0' });
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/greetings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(tree.branchAStaff.token) },
        body: JSON.stringify({ memberId: m.member.id, kind: 'birthday' }),
      });
      expect(res.status).toBe(201);
      first.kill('SIGKILL');
      await new Promise((r) => first.on('exit', r));
      expect((await notificationRows(t, m.userId))[0].status).toBe('pending');
      expect(await messages(t.standin, m.openid)).toHaveLength(0);
      // Restart with delivery on: the outbox row is delivered, once.
      const second = await startProc({ NOTIFY_WORKERS: '2', NOTIFY_POLL_MS: '100' });
      try {
        await eventually(async () => (await notificationRows(t, m.userId))[0].status === 'sent', 10_000);
        await new Promise((r) => setTimeout(r, 500));
        expect(await messages(t.standin, m.openid)).toHaveLength(1);
      } finally {
        second.kill('SIGTERM');
        await new Promise((r) => second.on('exit', r));
      }
    } finally {
      await t.close();
    }
  }, 180_000);
});
