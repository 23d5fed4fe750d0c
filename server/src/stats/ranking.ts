import { RankingWeightKeys, type OrgStats, type RankingEntry, type RankingFigures, type RankingWeights } from '@xianfeng/shared';

/** Weights in force where no organisation up the tree set any: every figure counts the same. */
export const DEFAULT_WEIGHTS: RankingWeights = { commitmentsFulfilled: 1, wishesCompleted: 1, greetingsSent: 1, reviewAverage: 1, serviceMinutes: 1 };

/** A weights-shaped record with each key's value from `f`. */
export function byWeightKey(f: (k: keyof RankingWeights) => number): RankingWeights {
  const out = {} as RankingWeights;
  for (const k of RankingWeightKeys) out[k] = f(k);
  return out;
}

/** The per-member rates of one organisation's figures (reviewAverage: the average, 0 without reviews). */
export function figuresOf(s: OrgStats): RankingFigures {
  const perMember = (x: number) => (s.members > 0 ? x / s.members : 0);
  return {
    members: s.members,
    commitmentsFulfilled: s.commitments.fulfilled,
    wishesCompleted: s.wishes.fulfilled,
    greetingsSent: s.greetings.sent,
    reviewCount: s.reviews.count,
    reviewAverage: s.reviews.average,
    serviceMinutes: s.serviceMinutes,
    rates: {
      commitmentsFulfilled: perMember(s.commitments.fulfilled),
      wishesCompleted: perMember(s.wishes.fulfilled),
      greetingsSent: perMember(s.greetings.sent),
      reviewAverage: s.reviews.average ?? 0,
      serviceMinutes: perMember(s.serviceMinutes),
    },
  };
}

/**
 * The ranking formula (docs/numbers.md): each rate is scaled to 0–1 — against the best of the
 * organisations ranked for the per-member rates, against the top of the 1–5 scale for the review
 * average —, the scaled rates are averaged with the weights, times 100. Scores are rounded to one
 * decimal before ranking, and equal scores share a rank (1, 1, 3). Order: score, then name.
 */
export function rank(entries: Array<{ orgId: string; name: string; figures: RankingFigures }>, weights: RankingWeights): RankingEntry[] {
  const best = byWeightKey((k) => Math.max(0, ...entries.map((e) => e.figures.rates[k])));
  const scale = (k: keyof RankingWeights, v: number) => (k === 'reviewAverage' ? v / 5 : best[k] > 0 ? v / best[k] : 0);
  const weightSum = RankingWeightKeys.reduce((a, k) => a + weights[k], 0);
  const scored = entries.map((e) => {
    const raw = weightSum > 0 ? (100 * RankingWeightKeys.reduce((a, k) => a + weights[k] * scale(k, e.figures.rates[k]), 0)) / weightSum : 0;
    return { ...e, score: Math.round(raw * 10) / 10 };
  });
  scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-Hans-CN') || a.orgId.localeCompare(b.orgId));
  return scored.map((e) => ({ orgId: e.orgId, name: e.name, rank: 1 + scored.filter((o) => o.score > e.score).length, score: e.score, figures: e.figures }));
}
