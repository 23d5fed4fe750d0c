import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Assessment, AssessmentResult, AssessmentScoreSheet, StarBoard } from '@xianfeng/shared';
import { bearer, useTestApp } from './support/app.js';
import { bindMember, buildTree, createMember, expectErrorShape, grantStaff, user, type BoundMember, type Tree } from './support/fixtures.js';

const API = '/api/v1';
const shanghaiDate = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * 评星定级 over the street's two children, the community (with branch A under it) and branch B,
 * from a known history built through the API.
 */
describe('评星定级: schemes, scores, results and the star board', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  let tree: Tree;
  let communityStaff: { token: string; userId: string };
  let b1: BoundMember;

  const send = (method: 'post' | 'put' | 'patch' | 'get', token: string | null, path: string, body?: object) => {
    const r = t.http[method](`${API}${path}`);
    const withAuth = token ? r.set('Authorization', bearer(token)) : r;
    return body ? withAuth.send(body) : withAuth;
  };
  const ok = async <T = any>(res: PromiseLike<{ status: number; body: any }>, status = 200): Promise<T> => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T;
  };

  const scheme = () => ({
    title: '2026 年度评星定级',
    from: shanghaiDate(-1),
    to: shanghaiDate(1),
    indicators: [
      { key: 'commit', name: '承诺践诺', max: 20, kind: 'auto', metric: 'commitment_fulfilment_rate' },
      { key: 'wish', name: '微心愿', max: 30, kind: 'auto', metric: 'wishes_completed_per_member', fullAt: 0.5 },
      { key: 'greet', name: '政治生日', max: 10, kind: 'auto', metric: 'greeting_coverage' },
      { key: 'review', name: '群众评价', max: 10, kind: 'auto', metric: 'review_average' },
      { key: 'party', name: '组织建设', max: 50, kind: 'judged' },
    ],
    stars: [
      { stars: 5, min: 90 },
      { stars: 4, min: 80 },
      { stars: 3, min: 70 },
      { stars: 2, min: 60 },
      { stars: 1, min: 50 },
    ],
  });

  beforeAll(async () => {
    tree = await buildTree(t);
    communityStaff = await user(t, 'community-staff');
    await grantStaff(t, tree.adminToken, tree.community.id, communityStaff.userId);

    // The community's subtree: three members (in branch A), one wish completed → 1/3 per member.
    const a1 = await bindMember(t, tree.branchA.id, { name: '甲一' });
    await createMember(t, tree.adminToken, tree.branchA.id, { name: '甲二' });
    await createMember(t, tree.adminToken, tree.branchA.id, { name: '甲三' });
    const w = await ok(send('post', tree.resident.token, '/wishes', { orgId: tree.community.id, title: '修轮椅', description: '需要帮助', category: 'service' }), 201);
    await ok(send('post', tree.streetStaff.token, `/wishes/${w.id}/approve`, {}));
    await ok(send('post', a1.token, `/wishes/${w.id}/claim`, {}));
    await ok(send('post', a1.token, `/wishes/${w.id}/fulfil`, { note: '修好了' }));

    // Branch B: one member; two commitments published, one fulfilled (rate 0.5); a public review of 4; a greeting (coverage 1).
    b1 = await bindMember(t, tree.branchB.id, { name: '乙一' });
    for (const [title, fulfil] of [['每周走访', true], ['义务理发', false]] as const) {
      const c = await ok(send('post', b1.token, '/commitments', { ownerType: 'member', orgId: tree.branchB.id, title, content: '为群众办实事', items: ['走访'], dueOn: shanghaiDate(30) }), 201);
      await ok(send('post', b1.token, `/commitments/${c.id}/submit`, {}));
      await ok(send('post', tree.streetStaff.token, `/commitments/${c.id}/approve`, {}));
      if (fulfil) {
        await ok(send('post', tree.resident.token, `/commitments/${c.id}/reviews`, { kind: 'public', score: 4, comment: '好' }), 201);
        await ok(send('post', tree.streetStaff.token, `/commitments/${c.id}/fulfil`, {}));
      }
    }
    await ok(send('post', tree.streetStaff.token, '/greetings', { memberId: b1.memberId, kind: 'birthday' }), 201);
  });

  it('refuses a scheme that contradicts itself, naming each problem', async () => {
    const bad = scheme();
    bad.indicators.push({ key: 'party', name: '重复', max: 5, kind: 'judged' });
    bad.indicators.push({ key: 'nometric', name: '缺来源', max: 5, kind: 'auto' } as never);
    bad.stars[4] = { stars: 5, min: 95 };
    const res = await send('post', tree.streetStaff.token, `/orgs/${tree.street.id}/assessments`, bad);
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    const fields = (res.body.details as Array<{ field: string }>).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['indicators.5.key', 'indicators.6.metric', 'stars.4.stars']));
    expectErrorShape((await send('post', tree.branchAStaff.token, `/orgs/${tree.street.id}/assessments`, scheme())).body, 403, 'FORBIDDEN');
  });

  it('computes automatic indicators from the numbers, totals, stars and shared ranks; self vs superior; frozen once started; final once published', async () => {
    const a = await ok<Assessment>(send('post', tree.streetStaff.token, `/orgs/${tree.street.id}/assessments`, scheme()), 201);
    expect(a).toMatchObject({ status: 'draft', maxTotal: 120, viewer: { staff: true } });
    expect(a.children.map((c) => c.orgId).sort()).toEqual([tree.community.id, tree.branchB.id].sort());

    // A draft is edited freely, and not scored yet; the children's staff do not see it.
    await ok(send('patch', tree.streetStaff.token, `/assessments/${a.id}`, { title: '2026 年度五星级基层党组织评定' }));
    expectErrorShape((await send('put', tree.streetStaff.token, `/assessments/${a.id}/scores/${tree.community.id}`, { superior: { party: 45 } })).body, 409, 'ASSESSMENT_NOT_STARTED');
    expectErrorShape((await send('get', communityStaff.token, `/assessments/${a.id}`)).body, 404, 'NOT_FOUND');

    const started = await ok<Assessment>(send('post', tree.streetStaff.token, `/assessments/${a.id}/start`));
    expect(started.status).toBe('started');
    expectErrorShape((await send('patch', tree.streetStaff.token, `/assessments/${a.id}`, { title: '改' })).body, 409, 'ASSESSMENT_FROZEN');
    expectErrorShape((await send('post', tree.streetStaff.token, `/assessments/${a.id}/start`)).body, 409, 'ASSESSMENT_FROZEN');

    // Automatic indicators before any judged score. Community: wishes 1/3 per member against 0.5 → 20;
    // no commitment, greeting or review → 0. Branch B: fulfilment 1/2 → 10, greetings 1/1 → 10, reviews 4/5 → 8.
    const before = await ok<AssessmentResult[]>(send('get', tree.streetStaff.token, `/assessments/${a.id}/results`));
    const byOrg = (rs: AssessmentResult[], id: string) => rs.find((r) => r.orgId === id)!;
    const scores = (r: AssessmentResult) => Object.fromEntries(r.indicators.map((i) => [i.key, i.score]));
    expect(scores(byOrg(before, tree.community.id))).toEqual({ commit: 0, wish: 20, greet: 0, review: 0, party: 0 });
    expect(scores(byOrg(before, tree.branchB.id))).toEqual({ commit: 10, wish: 0, greet: 10, review: 8, party: 0 });
    expect(before.map((r) => [r.orgId, r.total, r.rank])).toEqual([
      [tree.branchB.id, 28, 1],
      [tree.community.id, 20, 2],
    ]);

    // Who may write which: self only with a grant on the child itself; superior only from the assessing organisation.
    const sheetPath = `/assessments/${a.id}/scores/${tree.community.id}`;
    expectErrorShape((await send('put', tree.streetStaff.token, sheetPath, { self: { party: 45 } })).body, 403, 'FORBIDDEN');
    // Staff of a grandchild are no part of this assessment: it does not exist for them.
    expectErrorShape((await send('put', tree.branchAStaff.token, sheetPath, { self: { party: 45 } })).body, 404, 'NOT_FOUND');
    expectErrorShape((await send('put', communityStaff.token, sheetPath, { superior: { party: 45 } })).body, 403, 'FORBIDDEN');
    const self = await ok<AssessmentScoreSheet>(send('put', communityStaff.token, sheetPath, { self: { party: 48 }, evidence: { party: '三会一课台账齐全' } }));
    expect(self.indicators.find((i) => i.key === 'party')).toMatchObject({ self: 48, superior: null, evidence: '三会一课台账齐全', score: 0 });

    // Bad scores: above max, an automatic indicator, an unknown key.
    for (const body of [{ superior: { party: 50.5 } }, { superior: { wish: 10 } }, { superior: { nope: 1 } }, { superior: { party: -1 } }]) {
      expectErrorShape((await send('put', tree.streetStaff.token, sheetPath, body)).body, 400, 'VALIDATION_FAILED');
    }

    // Superior scores: 38 + 20 = 58 and 30 + 28 = 58 — a tie shares rank 1 and the stars.
    await ok(send('put', tree.streetStaff.token, sheetPath, { superior: { party: 38 } }));
    await ok(send('put', tree.streetStaff.token, `/assessments/${a.id}/scores/${tree.branchB.id}`, { superior: { party: 30 } }));
    const tied = await ok<AssessmentResult[]>(send('get', tree.streetStaff.token, `/assessments/${a.id}/results`));
    expect(tied.map((r) => [r.total, r.rank, r.stars])).toEqual([
      [58, 1, 1],
      [58, 1, 1],
    ]);

    // Changing a superior score already given needs a reason, and is recorded.
    const bPath = `/assessments/${a.id}/scores/${tree.branchB.id}`;
    expectErrorShape((await send('put', tree.streetStaff.token, bPath, { superior: { party: 42 } })).body, 400, 'VALIDATION_FAILED');
    const changed = await ok<AssessmentScoreSheet>(send('put', tree.streetStaff.token, bPath, { superior: { party: 42 }, reason: '补交了党员活动记录' }));
    expect(changed.total).toBe(70);
    expect(changed.stars).toBe(3);
    expect(changed.history).toEqual([expect.objectContaining({ key: 'party', from: 30, to: 42, reason: '补交了党员活动记录', byUserId: tree.streetStaff.userId })]);
    // The same score again is no change: no reason needed, nothing recorded.
    expect((await ok<AssessmentScoreSheet>(send('put', tree.streetStaff.token, bPath, { superior: { party: 42 } }))).history).toHaveLength(1);

    // Before publishing the results are the staff's alone.
    expectErrorShape((await send('get', null, `/assessments/${a.id}/results`)).body, 403, 'FORBIDDEN');
    expect((await ok<StarBoard>(send('get', null, `/orgs/${tree.street.id}/stars`))).items).toEqual([]);

    await ok(send('post', tree.streetStaff.token, `/assessments/${a.id}/publish`));
    expectErrorShape((await send('put', tree.streetStaff.token, bPath, { superior: { party: 50 }, reason: '再改' })).body, 409, 'ASSESSMENT_PUBLISHED');
    expectErrorShape((await send('put', communityStaff.token, sheetPath, { self: { party: 50 } })).body, 409, 'ASSESSMENT_PUBLISHED');
    expectErrorShape((await send('post', tree.streetStaff.token, `/assessments/${a.id}/publish`)).body, 409, 'ASSESSMENT_PUBLISHED');

    // Public now, best first, without evidence; the star board shows organisation, stars and total.
    const pub = await send('get', null, `/assessments/${a.id}/results`);
    expect(pub.status).toBe(200);
    expect(pub.body.map((r: AssessmentResult) => [r.orgId, r.total, r.rank, r.stars])).toEqual([
      [tree.branchB.id, 70, 1, 3],
      [tree.community.id, 58, 2, 1],
    ]);
    expect(JSON.stringify(pub.body)).not.toContain('三会一课');
    expect(JSON.stringify(pub.body)).not.toContain('evidence');
    const board = await ok<StarBoard>(send('get', null, `/orgs/${tree.street.id}/stars`));
    expect(board.items).toEqual([
      { orgId: tree.branchB.id, name: tree.branchB.name, stars: 3, total: 70, assessmentId: a.id },
      { orgId: tree.community.id, name: tree.community.name, stars: 1, total: 58, assessmentId: a.id },
    ]);
    // Staff still see the evidence.
    const staffView = await ok<AssessmentResult[]>(send('get', tree.streetStaff.token, `/assessments/${a.id}/results`));
    expect(JSON.stringify(staffView)).toContain('三会一课');
  });

  it('lists the schemes an organisation runs and those it is assessed in', async () => {
    const own = await ok(send('get', tree.streetStaff.token, `/orgs/${tree.street.id}/assessments`));
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((i: { role: string }) => i.role === 'assessor')).toBe(true);
    const assessed = await ok(send('get', communityStaff.token, `/orgs/${tree.community.id}/assessments`));
    expect(assessed.items.some((i: { role: string }) => i.role === 'assessed')).toBe(true);
    expectErrorShape((await send('get', communityStaff.token, `/orgs/${tree.branchB.id}/assessments`)).body, 403, 'FORBIDDEN');
  });

  it('keeps one row per child and indicator when superior scores race, and records each change', async () => {
    const a = await ok<Assessment>(send('post', tree.streetStaff.token, `/orgs/${tree.street.id}/assessments`, scheme()), 201);
    await ok(send('post', tree.streetStaff.token, `/assessments/${a.id}/start`));
    const path = `/assessments/${a.id}/scores/${tree.branchB.id}`;
    const answers = await Promise.all([10, 20, 30, 40, 50].map((s) => send('put', tree.streetStaff.token, path, { superior: { party: s }, reason: `改为 ${s}` })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM assessment_score WHERE assessment_id = $1 AND org_id = $2`, [a.id, tree.branchB.id]);
    expect(n).toBe(1);
    // The first writer set the score; each later one changed it and was recorded, so the history chains.
    const sheet = await ok<AssessmentScoreSheet>(send('get', tree.streetStaff.token, path));
    expect(sheet.history).toHaveLength(4);
    for (let i = 1; i < sheet.history.length; i++) expect(sheet.history[i].from).toBe(sheet.history[i - 1].to);
    expect(sheet.indicators.find((x) => x.key === 'party')!.superior).toBe(sheet.history[3].to);
  });
});
