import { beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { WishStatusLabels, type OrgStats, type Ranking } from '@xianfeng/shared';
import { bearer, useTestApp } from './support/app.js';
import { bindMember, buildTree, createMember, expectErrorShape, user, type BoundMember, type Tree } from './support/fixtures.js';
import { activeReports, clockOf, publish } from './support/service.js';

const API = '/api/v1';
const shanghaiDate = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('比学赶超 numbers: stats and ranking', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  let tree: Tree;
  let a1: BoundMember;
  let a2: BoundMember;
  let b1: BoundMember;

  const post = (token: string | null, path: string, body: object = {}) => {
    const r = t.http.post(`${API}${path}`);
    return (token ? r.set('Authorization', bearer(token)) : r).send(body);
  };
  const get = (token: string | null, path: string, query: Record<string, string> = {}) => {
    const r = t.http.get(`${API}${path}`).query(query);
    return token ? r.set('Authorization', bearer(token)) : r;
  };
  const ok = async (res: Promise<{ status: number; body: any }> | { status: number; body: any }, status = 200) => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const stats = async (orgId: string, q: Record<string, string> = {}): Promise<OrgStats> => ok(get(null, `/orgs/${orgId}/stats`, q));
  const wish = async (title: string) => {
    const w = await ok(post(tree.resident.token, '/wishes', { orgId: tree.community.id, title, description: '需要帮助', category: 'service' }), 201);
    await ok(post(tree.streetStaff.token, `/wishes/${w.id}/approve`));
    return w.id as string;
  };
  const drift = () =>
    t.dataSource.query(
      `WITH c AS (SELECT org_id, metric, day, sum(n)::bigint AS n, sum(total)::bigint AS total FROM org_day_stat GROUP BY 1, 2, 3)
       SELECT * FROM c FULL JOIN stat_recount r USING (org_id, metric, day)
        WHERE COALESCE(c.n, 0) <> COALESCE(r.n, 0) OR COALESCE(c.total, 0) <> COALESCE(r.total, 0)`,
    );

  beforeAll(async () => {
    tree = await buildTree(t);
    a1 = await bindMember(t, tree.branchA.id, { name: '甲一' });
    a2 = await bindMember(t, tree.branchA.id, { name: '甲二' });
    await createMember(t, tree.adminToken, tree.branchA.id, { name: '甲三' });
    b1 = await bindMember(t, tree.branchB.id, { name: '乙一' });

    // Wishes to the community: one all the way to confirmed, one claimed, released and claimed again.
    const w1 = await wish('修轮椅');
    await ok(post(a1.token, `/wishes/${w1}/claim`));
    await ok(post(a1.token, `/wishes/${w1}/fulfil`, { note: '修好了' }));
    await ok(post(tree.resident.token, `/wishes/${w1}/confirm`, { rating: 5 }));
    const w2 = await wish('买菜');
    await ok(post(a2.token, `/wishes/${w2}/claim`));
    await ok(post(a2.token, `/wishes/${w2}/release`));
    await ok(post(a2.token, `/wishes/${w2}/claim`));
    // One wish posted, never approved.
    await ok(post(tree.resident.token, '/wishes', { orgId: tree.community.id, title: '待审核', description: '等待', category: 'goods' }), 201);

    // A member commitment of branch B: published, then fulfilled, with two reviews.
    const c = await ok(post(b1.token, '/commitments', { ownerType: 'member', orgId: tree.branchB.id, title: '每周走访', content: '走访独居老人', items: ['走访'], dueOn: shanghaiDate(30) }), 201);
    await ok(post(b1.token, `/commitments/${c.id}/submit`));
    await ok(post(tree.streetStaff.token, `/commitments/${c.id}/approve`));
    await ok(post(tree.resident.token, `/commitments/${c.id}/reviews`, { kind: 'public', score: 4, comment: '好' }), 201);
    await ok(post(tree.streetStaff.token, `/commitments/${c.id}/fulfil`));
    await ok(post(tree.streetStaff.token, `/commitments/${c.id}/reviews`, { kind: 'org', score: 2, comment: '尚可' }), 201);

    // A greeting to a member of branch B.
    await ok(post(tree.streetStaff.token, '/greetings', { memberId: b1.memberId, kind: 'birthday' }), 201);
  });

  it('counts a known history exactly, per status, over the subtree', async () => {
    const s = await stats(tree.street.id);
    expect(s).toEqual({
      orgId: tree.street.id,
      from: null,
      to: null,
      members: 4,
      commitments: { published: 1, fulfilled: 1 },
      wishes: { posted: 3, open: 2, claimed: 2, fulfilled: 1, confirmed: 1 },
      greetings: { sent: 1 },
      reviews: { count: 2, average: 3 },
      serviceMinutes: 0,
      deeds: 0,
    });
    // The community holds branch A's members and the wishes posted to it; branch B the rest.
    const community = await stats(tree.community.id);
    expect(community.members).toBe(3);
    expect(community.wishes).toEqual({ posted: 3, open: 2, claimed: 2, fulfilled: 1, confirmed: 1 });
    expect(community.commitments).toEqual({ published: 0, fulfilled: 0 });
    const branchB = await stats(tree.branchB.id);
    expect(branchB).toMatchObject({ members: 1, commitments: { published: 1, fulfilled: 1 }, greetings: { sent: 1 }, reviews: { count: 2, average: 3 } });
    expect(branchB.wishes.posted).toBe(0);
    expect(await drift()).toEqual([]);
  });

  it('bounds a period by Asia/Shanghai dates: an event counts in the period in which it happened', async () => {
    const today = shanghaiDate();
    expect((await stats(tree.street.id, { from: today, to: today })).wishes.posted).toBe(3);
    const tomorrow = await stats(tree.street.id, { from: shanghaiDate(1) });
    expect(tomorrow.wishes).toEqual({ posted: 0, open: 0, claimed: 0, fulfilled: 0, confirmed: 0 });
    expect(tomorrow.members).toBe(4); // the members at the period's end
    expect((await stats(tree.street.id, { to: shanghaiDate(-1) })).members).toBe(0);

    // Two wishes posted either side of midnight in Shanghai (16:00 UTC).
    const [{ id: resident }] = await t.dataSource.query(`SELECT id FROM app_user WHERE id = $1`, [tree.resident.userId]);
    for (const at of ['2026-03-31T15:59:59.999Z', '2026-03-31T16:00:00.000Z']) {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO wish (org_id, title, description, category, wisher_user_id, posted_by, created_at) VALUES ($1, '旧心愿', '旧', 'goods', $2, $2, $3) RETURNING id`,
        [tree.branchB.id, resident, at],
      );
      await t.dataSource.query(`INSERT INTO wish_event (wish_id, action, to_status, actor_user_id, actor_role, created_at) VALUES ($1, 'post', 'pending_review', $2, 'wisher', $3)`, [id, resident, at]);
    }
    expect((await stats(tree.branchB.id, { from: '2026-04-01', to: '2026-04-30' })).wishes.posted).toBe(1);
    expect((await stats(tree.branchB.id, { from: '2026-03-01', to: '2026-03-31' })).wishes.posted).toBe(1);
    expect((await stats(tree.branchB.id, { from: '2026-03-31', to: '2026-04-01' })).wishes.posted).toBe(2);
    expect(await drift()).toEqual([]);
  });

  it('follows a member who moves: the members of a period are where they are at its end', async () => {
    await ok(t.http.patch(`${API}/members/${a2.memberId}`).set('Authorization', bearer(tree.streetStaff.token)).send({ orgId: tree.branchB.id }));
    expect((await stats(tree.branchB.id)).members).toBe(2);
    expect((await stats(tree.community.id)).members).toBe(2);
    expect((await stats(tree.street.id)).members).toBe(4);
    expect(await drift()).toEqual([]);
    await ok(t.http.patch(`${API}/members/${a2.memberId}`).set('Authorization', bearer(tree.streetStaff.token)).send({ orgId: tree.branchA.id }));
  });

  it('keeps the counters equal to the rows under concurrent claims', async () => {
    const members = await Promise.all(Array.from({ length: 8 }, (_, i) => bindMember(t, tree.branchA.id, { name: `并发${i}` })));
    const wishes = await Promise.all(members.map((_, i) => wish(`并发心愿${i}`)));
    const before = (await stats(tree.street.id)).wishes.claimed;
    const results = await Promise.all(members.map((m, i) => post(m.token, `/wishes/${wishes[i]}/claim`)));
    expect(results.map((r) => r.status)).toEqual(members.map(() => 200));
    expect((await stats(tree.street.id)).wishes.claimed).toBe(before + 8);
    expect(await drift()).toEqual([]);
  });

  it('carries counts only: no names on the public route', async () => {
    const res = await get(null, `/orgs/${tree.street.id}/stats`);
    const text = JSON.stringify(res.body);
    for (const name of ['甲一', '甲二', '乙一', '修轮椅']) expect(text).not.toContain(name);
  });

  it('refuses a bad period and an unknown organisation in the error shape', async () => {
    expectErrorShape((await get(null, `/orgs/${tree.street.id}/stats`, { from: '2026-02-30' })).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await get(null, `/orgs/${tree.street.id}/stats`, { from: '2026-05-02', to: '2026-05-01' })).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await get(null, `/orgs/00000000-0000-4000-8000-000000000000/stats`)).body, 404, 'NOT_FOUND');
  });

  describe('ranking', () => {
    const ranking = async (token: string, orgId: string, q: Record<string, string> = {}): Promise<Ranking> => ok(get(token, `/orgs/${orgId}/ranking`, q));
    const putWeights = (token: string, orgId: string, weights: object) => t.http.put(`${API}/orgs/${orgId}/ranking-settings`).set('Authorization', bearer(token)).send({ weights });

    it('is for staff of the organisation or above', async () => {
      expect((await get(null, `/orgs/${tree.street.id}/ranking`)).status).toBe(401);
      expectErrorShape((await get(tree.resident.token, `/orgs/${tree.street.id}/ranking`)).body, 403, 'FORBIDDEN');
      expectErrorShape((await get(tree.branchAStaff.token, `/orgs/${tree.street.id}/ranking`)).body, 403, 'FORBIDDEN');
      expect((await get(tree.streetStaff.token, `/orgs/${tree.community.id}/ranking`)).status).toBe(200);
    });

    it('lists every child with its figures; weights decide the order; equal scores share a rank', async () => {
      await ok(putWeights(tree.streetStaff.token, tree.street.id, { commitmentsFulfilled: 0, wishesCompleted: 0, greetingsSent: 1, reviewAverage: 0, serviceMinutes: 0 }));
      let r = await ranking(tree.streetStaff.token, tree.street.id);
      expect(r.items.map((i) => [i.name, i.rank, i.score])).toEqual([
        ['第二党支部', 1, 100],
        ['测试社区党委', 2, 0],
      ]);
      expect(r.items[0].figures).toMatchObject({ members: 1, greetingsSent: 1, commitmentsFulfilled: 1, reviewCount: 2, reviewAverage: 3 });

      await ok(putWeights(tree.streetStaff.token, tree.street.id, { commitmentsFulfilled: 0, wishesCompleted: 1, greetingsSent: 0, reviewAverage: 0, serviceMinutes: 0 }));
      r = await ranking(tree.streetStaff.token, tree.street.id);
      expect(r.items[0]).toMatchObject({ name: '测试社区党委', rank: 1, score: 100 });

      // A period with nothing in it: every child scores 0 and they share the first rank.
      r = await ranking(tree.streetStaff.token, tree.street.id, { from: '2020-01-01', to: '2020-12-31' });
      expect(r.items.map((i) => [i.rank, i.score])).toEqual([[1, 0], [1, 0]]);
    });

    it('inherits the settings down the tree and validates them', async () => {
      const inherited = await ok(get(tree.streetStaff.token, `/orgs/${tree.community.id}/ranking-settings`));
      expect(inherited.inheritedFrom).toBe(tree.street.id);
      expectErrorShape((await putWeights(tree.streetStaff.token, tree.street.id, { commitmentsFulfilled: -1, wishesCompleted: 1, greetingsSent: 1, reviewAverage: 1, serviceMinutes: 1 })).body, 400, 'VALIDATION_FAILED');
      expectErrorShape((await putWeights(tree.streetStaff.token, tree.street.id, { commitmentsFulfilled: 1 })).body, 400, 'VALIDATION_FAILED');
      const other = await user(t, 'nobody');
      expect((await putWeights(other.token, tree.street.id, { commitmentsFulfilled: 1, wishesCompleted: 1, greetingsSent: 1, reviewAverage: 1, serviceMinutes: 1 })).status).toBe(403);
    });
  });

  describe('ledger.xlsx', () => {
    const download = (token: string | null, orgId: string, q: Record<string, string> = {}) => {
      const r = t.http.get(`${API}/orgs/${orgId}/ledger.xlsx`).query(q).buffer(true)
        .parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); });
      return token ? r.set('Authorization', bearer(token)) : r;
    };

    it('is for staff of the organisation or above', async () => {
      expect((await download(null, tree.street.id)).status).toBe(401);
      expect((await download(tree.branchAStaff.token, tree.street.id)).status).toBe(403);
      expect((await download(tree.resident.token, tree.branchA.id)).status).toBe(403);
    });

    it('opens in exceljs with the summary and one sheet per feature: Chinese headers, real dates, frozen headers, formulas escaped', async () => {
      await createMember(t, tree.adminToken, tree.branchB.id, { name: '=1+2' });
      const res = await download(tree.streetStaff.token, tree.street.id, { from: '2026-01-01', to: shanghaiDate() });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('测试街道党工委工作台账'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '党员', '承诺', '微心愿', '政治生日', '社区服务']);
      for (const ws of wb.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

      const summary = wb.getWorksheet('汇总')!;
      const figure = (label: string) => summary.getColumn(1).values.indexOf(label);
      const s = await stats(tree.street.id, { from: '2026-01-01', to: shanghaiDate() });
      expect(summary.getRow(figure('党员人数（期末）')).getCell(2).value).toBe(s.members);
      expect(summary.getRow(figure('完成心愿')).getCell(2).value).toBe(s.wishes.fulfilled);

      const members = wb.getWorksheet('党员')!;
      expect(members.getRow(1).values).toEqual([undefined, '姓名', '所在组织', '性别', '类别', '入党日期', '岗位', '岗位名称', '职责']);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id WHERE o.path LIKE $1`, [`%/${tree.street.id}/%`]);
      expect(members.rowCount - 1).toBe(n);
      const names = members.getColumn(1).values.slice(2);
      expect(names).toContain("'=1+2");
      expect(names).not.toContain('=1+2');
      const a1Row = members.getRow(names.indexOf('甲一') + 2);
      // 1980s birthdays stay out; the joining date is a real date cell showing 2005-07-01.
      expect(a1Row.getCell(5).value).toEqual(new Date(Date.UTC(2005, 6, 1)));
      expect(a1Row.getCell(5).numFmt).toBe('yyyy-mm-dd');
      expect(JSON.stringify(members.getSheetValues())).not.toContain('1380013');

      const wishes = wb.getWorksheet('微心愿')!;
      const wheel = wishes.getRow(wishes.getColumn(1).values.indexOf('修轮椅'));
      expect(wheel.getCell(4).value).toBe(WishStatusLabels.confirmed);
      expect(String(wheel.getCell(11).value)).toMatch(/认领[\s\S]*完成|认领/);
      expect(wheel.getCell(5).value).toBeInstanceOf(Date);
      expect(JSON.stringify(wishes.getSheetValues())).not.toContain('张三');

      const commitments = wb.getWorksheet('承诺')!;
      const c = commitments.getRow(2);
      expect(c.getCell(1).value).toBe('每周走访');
      expect(c.getCell(9).value).toBe(2);
      expect(String(c.getCell(11).value)).toContain('群众评议 4 好');

      const greetings = wb.getWorksheet('政治生日')!;
      expect(greetings.rowCount).toBe(2);
      expect(greetings.getRow(2).getCell(1).value).toBe('乙一');
    });

    it('leaves out what happened outside the period', async () => {
      const res = await download(tree.streetStaff.token, tree.street.id, { from: '2020-01-01', to: '2020-12-31' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      expect(wb.getWorksheet('微心愿')!.rowCount).toBe(1);
      expect(wb.getWorksheet('政治生日')!.rowCount).toBe(1);
      expect(wb.getWorksheet('承诺')!.rowCount).toBe(1);
    });
  });

  it('confirmed service minutes and deeds join the stats, the ranking and the ledger (在职党员进社区 · 我为群众办实事)', async () => {
    // b1 (branch B) reports to the community, serves 45 minutes and has a deed confirmed.
    await activeReports(t, tree.community.id, [b1.memberId]);
    const start = new Date(Date.now() + 3600_000);
    const a = await publish(t, tree.streetStaff.token, tree.community.id, { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString() });
    await ok(post(b1.token, `/activities/${a.id}/signups`), 201);
    const code = async () => (await ok(get(tree.streetStaff.token, `/activities/${a.id}/checkin-code`))).code;
    try {
      clockOf(t).setNow(new Date(start.getTime() + 5 * 60_000));
      await ok(post(b1.token, `/activities/${a.id}/checkin`, { code: await code() }));
      clockOf(t).setNow(new Date(start.getTime() + 50 * 60_000));
      await ok(post(b1.token, `/activities/${a.id}/checkout`, { code: await code() }));
    } finally {
      clockOf(t).setNow(null);
    }
    await ok(post(tree.streetStaff.token, `/activities/${a.id}/attendance/${b1.memberId}/confirm`));
    const deed = await ok(post(b1.token, '/deeds', { title: '义务理发', description: '为老人理发', doneOn: shanghaiDate(), photos: [], beneficiary: '李大爷' }), 201);
    expect((await stats(tree.branchB.id)).deeds).toBe(0); // pending deeds do not count
    await ok(post(tree.streetStaff.token, `/deeds/${deed.id}/confirm`));

    // Counted for the member's own branch (and up), not for the community that hosted the activity.
    expect(await stats(tree.branchB.id)).toMatchObject({ serviceMinutes: 45, deeds: 1 });
    expect(await stats(tree.street.id)).toMatchObject({ serviceMinutes: 45, deeds: 1 });
    expect(await stats(tree.community.id)).toMatchObject({ serviceMinutes: 0, deeds: 0 });
    expect(await drift()).toEqual([]);

    await ok(t.http.put(`${API}/orgs/${tree.street.id}/ranking-settings`).set('Authorization', bearer(tree.streetStaff.token))
      .send({ weights: { commitmentsFulfilled: 0, wishesCompleted: 0, greetingsSent: 0, reviewAverage: 0, serviceMinutes: 1 } }));
    const r: Ranking = await ok(get(tree.streetStaff.token, `/orgs/${tree.street.id}/ranking`));
    expect(r.items[0]).toMatchObject({ name: '第二党支部', rank: 1, score: 100, figures: expect.objectContaining({ serviceMinutes: 45 }) });

    const res = await t.http.get(`${API}/orgs/${tree.street.id}/ledger.xlsx`).set('Authorization', bearer(tree.streetStaff.token)).buffer(true)
      .parse((rs, cb) => { const chunks: Buffer[] = []; rs.on('data', (c: Buffer) => chunks.push(c)); rs.on('end', () => cb(null, Buffer.concat(chunks))); });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const sheet = wb.getWorksheet('社区服务')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '日期', '类别', '姓名', '所在组织', '事项', '服务社区', '签到', '签退', '确认时长（分钟）']);
    const rows = sheet.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(2, 6).concat((row as unknown[])[9]));
    expect(rows).toEqual(expect.arrayContaining([['服务活动', '乙一', '第二党支部', '文明劝导', 45], ['办实事', '乙一', '第二党支部', '义务理发', undefined]]));
    expect(JSON.stringify(sheet.getSheetValues())).not.toContain('李大爷');
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.getRow(summary.getColumn(1).values.indexOf('服务时长（分钟）')).getCell(2).value).toBe(45);
  });
});
