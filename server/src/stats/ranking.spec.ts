import { describe, expect, it } from '@jest/globals';
import type { RankingFigures } from '@xianfeng/shared';
import { DEFAULT_WEIGHTS, rank } from './ranking.js';

const fig = (members: number, fulfilled: number, reviewAverage: number | null = null): RankingFigures => ({
  members,
  commitmentsFulfilled: fulfilled,
  wishesCompleted: 0,
  greetingsSent: 0,
  reviewCount: reviewAverage == null ? 0 : 1,
  reviewAverage,
  serviceMinutes: 0,
  rates: { commitmentsFulfilled: members ? fulfilled / members : 0, wishesCompleted: 0, greetingsSent: 0, reviewAverage: reviewAverage ?? 0, serviceMinutes: 0 },
});
const only = { commitmentsFulfilled: 1, wishesCompleted: 0, greetingsSent: 0, reviewAverage: 0, serviceMinutes: 0 };

describe('ranking formula', () => {
  it('ranks by per-member rate, so a large branch does not win by size alone', () => {
    const r = rank([{ orgId: 'big', name: '大', figures: fig(100, 10) }, { orgId: 'small', name: '小', figures: fig(5, 2) }], only);
    expect(r.map((e) => [e.orgId, e.rank, e.score])).toEqual([['small', 1, 100], ['big', 2, 25]]);
  });

  it('shares a rank between equal rounded scores: 1, 1, 3', () => {
    const r = rank(
      [{ orgId: 'a', name: 'A', figures: fig(3, 1) }, { orgId: 'b', name: 'B', figures: fig(6, 2) }, { orgId: 'c', name: 'C', figures: fig(10, 1) }],
      only,
    );
    expect(r.map((e) => [e.orgId, e.rank])).toEqual([['a', 1], ['b', 1], ['c', 3]]);
  });

  it('rounds before ranking: 33.33 and 33.34 are one score', () => {
    const r = rank([{ orgId: 'a', name: 'A', figures: fig(3, 1, 1.6665) }, { orgId: 'b', name: 'B', figures: fig(3, 1, 1.667) }], { ...only, commitmentsFulfilled: 0, reviewAverage: 1 });
    expect(r.map((e) => e.rank)).toEqual([1, 1]);
    expect(r[0].score).toBe(33.3);
  });

  it('scores an idle organisation and all-zero weights 0', () => {
    expect(rank([{ orgId: 'x', name: 'X', figures: fig(0, 0) }], DEFAULT_WEIGHTS)[0].score).toBe(0);
    expect(rank([{ orgId: 'x', name: 'X', figures: fig(3, 3, 5) }], { ...only, commitmentsFulfilled: 0 })[0].score).toBe(0);
  });

  it('weighs figures relatively: review average against 5, rates against the best', () => {
    const r = rank([{ orgId: 'a', name: 'A', figures: fig(2, 2, 4) }, { orgId: 'b', name: 'B', figures: fig(2, 1, 5) }], { ...only, reviewAverage: 1 });
    // A: (1 + 0.8) / 2 = 90; B: (0.5 + 1) / 2 = 75
    expect(r.map((e) => [e.orgId, e.score])).toEqual([['a', 90], ['b', 75]]);
  });
});
