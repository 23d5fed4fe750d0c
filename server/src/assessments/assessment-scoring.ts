import { AssessmentMetricDefaultFullAt, type AssessmentIndicator, type AssessmentMetric, type IndicatorScore, type OrgStats, type StarThreshold } from '@xianfeng/shared';

/** Two decimals, as every score and total is shown and ranked. */
export const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The figure an automatic indicator reads from one child's numbers for the period (docs/numbers.md,
 * "Assessment"). A rate over nothing — no commitment published, no member — is 0.
 */
export function metricFigure(metric: AssessmentMetric, s: OrgStats): number {
  const perMember = (x: number) => (s.members > 0 ? x / s.members : 0);
  switch (metric) {
    case 'commitment_fulfilment_rate':
      return s.commitments.published > 0 ? s.commitments.fulfilled / s.commitments.published : 0;
    case 'wishes_completed_per_member':
      return perMember(s.wishes.fulfilled);
    case 'service_minutes_per_member':
      return perMember(s.serviceMinutes);
    case 'greeting_coverage':
      return perMember(s.greetings.sent);
    case 'review_average':
      return s.reviews.average ?? 0;
  }
}

/** `max × figure ÷ fullAt`, capped at `max`, two decimals. */
export function autoScore(ind: AssessmentIndicator, figure: number): number {
  const fullAt = ind.fullAt ?? AssessmentMetricDefaultFullAt[ind.metric!];
  return round2(Math.min(ind.max, Math.max(0, (ind.max * figure) / fullAt)));
}

/** The highest stars whose `min` ≤ total; 0 below every threshold. */
export function starsFor(total: number, thresholds: StarThreshold[]): number {
  return thresholds.filter((t) => t.min <= total).reduce((best, t) => Math.max(best, t.stars), 0);
}

export interface JudgedScores {
  self: number | null;
  superior: number | null;
  evidence: string | null;
  evidencePhotos: string[];
}

export interface ChildScores {
  orgId: string;
  name: string;
  stats: OrgStats;
  /** Indicator key → the judged scores given so far. */
  judged: Map<string, JudgedScores>;
}

export interface ScoredChild {
  orgId: string;
  name: string;
  rank: number;
  total: number;
  stars: number;
  indicators: IndicatorScore[];
}

/** One child's indicator scores and total: automatic ones computed, judged ones the superior's (0 until given). */
export function scoreChild(indicators: AssessmentIndicator[], thresholds: StarThreshold[], c: ChildScores): Omit<ScoredChild, 'rank'> {
  const scores: IndicatorScore[] = indicators.map((ind) => {
    if (ind.kind === 'auto') {
      const figure = metricFigure(ind.metric!, c.stats);
      const auto = autoScore(ind, figure);
      return { key: ind.key, auto, figure: Math.round(figure * 10000) / 10000, score: auto };
    }
    const j = c.judged.get(ind.key);
    return {
      key: ind.key,
      self: j?.self ?? null,
      superior: j?.superior ?? null,
      evidence: j?.evidence ?? null,
      evidencePhotos: j?.evidencePhotos ?? [],
      score: round2(j?.superior ?? 0),
    };
  });
  const total = round2(scores.reduce((a, s) => a + s.score, 0));
  return { orgId: c.orgId, name: c.name, total, stars: starsFor(total, thresholds), indicators: scores };
}

/** Best first; equal totals share a rank and the next rank skips (1, 1, 3); equal totals by name. */
export function rankResults(rows: Array<Omit<ScoredChild, 'rank'>>): ScoredChild[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-Hans-CN') || a.orgId.localeCompare(b.orgId));
  return sorted.map((r) => ({ ...r, rank: 1 + sorted.filter((o) => o.total > r.total).length }));
}

/** What the public sees of a result: no evidence (the rest of the indicator scores stay). */
export function withoutEvidence(r: ScoredChild): ScoredChild {
  return { ...r, indicators: r.indicators.map(({ evidence: _e, evidencePhotos: _p, ...rest }) => rest) };
}
