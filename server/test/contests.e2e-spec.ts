import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Contest, ContestLive, ContestScore, JudgePad } from '@xianfeng/shared';
import { bearer, createTestApp, useTestApp, type TestApp } from './support/app.js';
import { bindMember, buildTree, expectErrorShape, user, type Tree } from './support/fixtures.js';
import { openSse } from './support/sse.js';

const API = '/api/v1';

function client(t: TestApp) {
  const send = (method: 'post' | 'put' | 'get' | 'delete', token: string | null, path: string, body?: object) => {
    const r = t.http[method](`${API}${path}`);
    const withAuth = token ? r.set('Authorization', bearer(token)) : r;
    return body ? withAuth.send(body) : withAuth;
  };
  const ok = async <T = any>(res: PromiseLike<{ status: number; body: any }>, status = 200): Promise<T> => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T;
  };
  return { send, ok };
}

/** The trimmed mean the contract names, computed here independently of the server's code. */
function expectedScore(scores: number[]): number {
  const s = [...scores].sort((a, b) => a - b);
  const kept = s.length >= 5 ? s.slice(1, s.length - 1) : s;
  return Math.round((kept.reduce((a, b) => a + b, 0) / kept.length) * 100) / 100;
}

describe('擂台比武: a live contest', () => {
  const t = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  let tree: Tree;
  let contest: Contest;
  let judges: Array<{ token: string; userId: string }>;
  const { send, ok } = client(t);

  beforeAll(async () => {
    tree = await buildTree(t);
    contest = await ok<Contest>(send('post', tree.streetStaff.token, `/orgs/${tree.street.id}/contests`, { title: '书记擂台比武', presenterOrgIds: [tree.community.id, tree.branchB.id] }), 201);
    judges = await Promise.all(Array.from({ length: 9 }, (_, i) => user(t, `judge-${i}`)));
  });

  it('is created by staff over their own subtree, with a short typeable code', async () => {
    expect(contest.judgeCode).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(contest.rounds.map((r) => [r.orgId, r.order, r.status])).toEqual([
      [tree.community.id, 1, 'pending'],
      [tree.branchB.id, 2, 'pending'],
    ]);
    expectErrorShape((await send('post', tree.branchAStaff.token, `/orgs/${tree.street.id}/contests`, { title: 'x', presenterOrgIds: [tree.branchB.id] })).body, 403, 'FORBIDDEN');
    const outside = await send('post', tree.branchAStaff.token, `/orgs/${tree.branchA.id}/contests`, { title: 'x', presenterOrgIds: [tree.branchB.id] });
    expectErrorShape(outside.body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await send('post', tree.streetStaff.token, `/orgs/${tree.street.id}/contests`, { title: 'x', presenterOrgIds: [tree.branchB.id, tree.branchB.id] })).body, 400, 'VALIDATION_FAILED');
  });

  it('seats judges who have the code, by the id and code or by the code alone', async () => {
    expectErrorShape((await send('post', judges[0].token, `/contests/${contest.id}/judges`, { judgeCode: 'WRONG1' })).body, 400, 'JUDGE_CODE_INVALID');
    const pads = await Promise.all(judges.map((j, i) =>
      i % 2 ? ok<JudgePad>(send('post', j.token, `/contests/${contest.id}/judges`, { judgeCode: contest.judgeCode }))
        : ok<JudgePad>(send('post', j.token, '/contest-judges', { judgeCode: ` ${contest.judgeCode!.toLowerCase()} ` }))));
    expect(pads.every((p) => p.contestId === contest.id && p.current === null)).toBe(true);
    // Joining again changes nothing.
    await ok(send('post', judges[0].token, `/contests/${contest.id}/judges`, { judgeCode: contest.judgeCode }));
    const hosted = await ok<Contest>(send('get', tree.streetStaff.token, `/contests/${contest.id}`));
    expect(hosted.judges.map((j) => j.userId).sort()).toEqual(judges.map((j) => j.userId).sort());
    expectErrorShape((await send('get', judges[0].token, `/contests/${contest.id}`)).body, 403, 'FORBIDDEN');
  });

  it('opens one round at a time; 9 judges scoring at once, one changing their mind, leave one row each and the trimmed mean', async () => {
    const round = (orgId: string) => `/contests/${contest.id}/rounds/${orgId}`;
    expectErrorShape((await send('put', judges[0].token, `${round(tree.community.id)}/score`, { score: 90 })).body, 409, 'ROUND_CLOSED');
    await ok(send('post', tree.streetStaff.token, `${round(tree.community.id)}/open`));
    expectErrorShape((await send('post', tree.streetStaff.token, `${round(tree.branchB.id)}/open`)).body, 409, 'ROUND_ALREADY_OPEN');
    expectErrorShape((await send('post', judges[0].token, `${round(tree.community.id)}/close`)).body, 403, 'FORBIDDEN');

    const first = [91, 88.5, 79.5, 95, 60, 99, 85, 90, 87];
    const answers = await Promise.all(judges.map((j, i) => send('put', j.token, `${round(tree.community.id)}/score`, { score: first[i] })));
    expect(answers.map((a) => a.status)).toEqual(judges.map(() => 200));
    // At once again: judge 4 changes 60 → 100, the others send the same score.
    const final = [...first];
    final[4] = 100;
    const again = await Promise.all(judges.map((j, i) => send('put', j.token, `${round(tree.community.id)}/score`, { score: final[i] })));
    expect(again.map((a) => a.status)).toEqual(judges.map(() => 200));
    expect((again[4].body as ContestScore).score).toBe(100);

    const rows: Array<{ judge_user_id: string; score: string }> = await t.dataSource.query(`SELECT judge_user_id, score FROM contest_score WHERE contest_id = $1 AND org_id = $2`, [contest.id, tree.community.id]);
    expect(rows).toHaveLength(9);
    expect(rows.map((r) => Number(r.score)).sort((a, b) => a - b)).toEqual([...final].sort((a, b) => a - b));

    const live = await ok<ContestLive>(send('get', null, `/contests/${contest.id}/live`));
    expect(live).toMatchObject({ current: tree.community.id, judges: 9, scored: 9 });
    expect(live.ranking).toEqual([expect.objectContaining({ orgId: tree.community.id, score: expectedScore(final), rank: 1, scored: 9 })]);
    expect(expectedScore(final)).toBe(90.79); // 79.5 and 100 dropped: 635.5 ÷ 7

    await ok(send('post', tree.streetStaff.token, `${round(tree.community.id)}/close`));
    expectErrorShape((await send('put', judges[0].token, `${round(tree.community.id)}/score`, { score: 10 })).body, 409, 'ROUND_CLOSED');
    expectErrorShape((await send('post', tree.streetStaff.token, `${round(tree.community.id)}/open`)).body, 409, 'ROUND_CLOSED');
  });

  it('refuses a judge who belongs to the presenting organisation, and a score out of range', async () => {
    const inBranchA = await bindMember(t, tree.branchA.id, { name: '甲评委' });
    await ok(send('post', inBranchA.token, '/contest-judges', { judgeCode: contest.judgeCode }));
    await ok(send('post', tree.streetStaff.token, `/contests/${contest.id}/rounds/${tree.branchB.id}/open`));
    const pad = await ok<JudgePad>(send('get', inBranchA.token, `/contests/${contest.id}/judging`));
    expect(pad.canScore).toBe(true); // branch A is not under branch B
    await ok(send('put', inBranchA.token, `/contests/${contest.id}/rounds/${tree.branchB.id}/score`, { score: 80 }));
    // Branch A is under the community: its member may not score the community's round (403 even though closed).
    expectErrorShape((await send('put', inBranchA.token, `/contests/${contest.id}/rounds/${tree.community.id}/score`, { score: 80 })).body, 403, 'FORBIDDEN');
    for (const score of [101, -1, 80.55, '90']) {
      expectErrorShape((await send('put', judges[0].token, `/contests/${contest.id}/rounds/${tree.branchB.id}/score`, { score })).body, 400, 'VALIDATION_FAILED');
    }
    expectErrorShape((await send('put', tree.resident.token, `/contests/${contest.id}/rounds/${tree.branchB.id}/score`, { score: 80 })).body, 403, 'FORBIDDEN');
  });

  it('removes a judge with their open-round scores; ending makes results final and the code void', async () => {
    const bRound = `/contests/${contest.id}/rounds/${tree.branchB.id}`;
    await ok(send('put', judges[8].token, `${bRound}/score`, { score: 10 }));
    let live = await ok<ContestLive>(send('get', null, `/contests/${contest.id}/live`));
    expect(live.scored).toBe(2);
    const after = await ok<Contest>(send('delete', tree.streetStaff.token, `/contests/${contest.id}/judges/${judges[8].userId}`));
    expect(after.judges.map((j) => j.userId)).not.toContain(judges[8].userId);
    live = await ok<ContestLive>(send('get', null, `/contests/${contest.id}/live`));
    expect(live.scored).toBe(1);
    // The closed round keeps the removed judge's score.
    expect(live.ranking.find((r) => r.orgId === tree.community.id)).toMatchObject({ scored: 9 });
    expectErrorShape((await send('put', judges[8].token, `${bRound}/score`, { score: 10 })).body, 403, 'FORBIDDEN');
    expectErrorShape((await send('post', judges[8].token, `/contests/${contest.id}/judges`, { judgeCode: contest.judgeCode })).body, 403, 'FORBIDDEN');

    const ended = await ok<Contest>(send('post', tree.streetStaff.token, `/contests/${contest.id}/end`));
    expect(ended).toMatchObject({ status: 'ended', judgeCode: null, current: null });
    expect(ended.rounds.every((r) => r.status === 'closed')).toBe(true);
    expectErrorShape((await send('post', judges[0].token, '/contest-judges', { judgeCode: contest.judgeCode })).body, 400, 'JUDGE_CODE_INVALID');
    expectErrorShape((await send('post', judges[0].token, `/contests/${contest.id}/judges`, { judgeCode: contest.judgeCode })).body, 409, 'CONTEST_ENDED');
    expectErrorShape((await send('put', judges[0].token, `${bRound}/score`, { score: 50 })).body, 409, 'CONTEST_ENDED');
    expectErrorShape((await send('post', tree.streetStaff.token, `/contests/${contest.id}/end`)).body, 409, 'CONTEST_ENDED');
    live = await ok<ContestLive>(send('get', null, `/contests/${contest.id}/live`));
    expect(live).toMatchObject({ status: 'ended', current: null });
    expect(live.ranking.map((r) => r.orgId)).toEqual([tree.community.id, tree.branchB.id]);
  });
});

describe('擂台比武: the big screen', () => {
  const t = useTestApp();
  const { send, ok } = client(t);
  let tree: Tree;
  let contest: Contest;
  let judge: { token: string; userId: string };

  beforeAll(async () => {
    tree = await buildTree(t);
    contest = await ok<Contest>(send('post', tree.streetStaff.token, `/orgs/${tree.street.id}/contests`, { title: '大屏测试', presenterOrgIds: [tree.community.id, tree.branchB.id] }), 201);
    judge = await user(t, 'screen-judge');
    await ok(send('post', judge.token, '/contest-judges', { judgeCode: contest.judgeCode }));
  });

  it('pushes a score posted by another client to a connected screen within two seconds, on this instance and another one', async () => {
    const other = await createTestApp({ databaseUrl: t.databaseUrl, standin: t.standin });
    try {
      const here = openSse<ContestLive>(`${t.url}${API}/contests/${contest.id}/live/stream`);
      const there = openSse<ContestLive>(`${other.url}${API}/contests/${contest.id}/live/stream`);
      expect(await here.status).toBe(200);
      expect(await there.status).toBe(200);
      await here.next((e) => e.judges === 1 && e.current === null);
      await there.next((e) => e.judges === 1 && e.current === null);

      await ok(send('post', tree.streetStaff.token, `/contests/${contest.id}/rounds/${tree.community.id}/open`));
      await here.next((e) => e.current === tree.community.id);
      const tapped = Date.now();
      await ok(send('put', judge.token, `/contests/${contest.id}/rounds/${tree.community.id}/score`, { score: 93.5 }));
      const seen = await Promise.all([here, there].map((s) => s.next((e) => e.scored === 1 && e.ranking[0]?.score === 93.5, 2000)));
      expect(Date.now() - tapped).toBeLessThan(2000);
      expect(seen.map((e) => e.ranking[0].orgId)).toEqual([tree.community.id, tree.community.id]);

      // A reloaded screen starts again with the view as it is.
      here.close();
      const reloaded = openSse<ContestLive>(`${t.url}${API}/contests/${contest.id}/live/stream`);
      expect((await reloaded.next(() => true)).ranking[0].score).toBe(93.5);
      reloaded.close();
      there.close();
      expect((await openSse(`${t.url}${API}/contests/00000000-0000-4000-8000-000000000009/live/stream`).status)).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('lets ten screens behind one address poll once a second for a minute without a 429', async () => {
    // Default limits (600 anonymous requests a minute per address): 10 screens × 70 polls is over that,
    // so a live route counted against the address's budget would answer 429 here.
    const polls = Array.from({ length: 700 }, () => () => send('get', null, `/contests/${contest.id}/live`));
    const statuses: number[] = [];
    for (let i = 0; i < polls.length; i += 50) statuses.push(...(await Promise.all(polls.slice(i, i + 50).map((p) => p()))).map((r) => r.status));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});
