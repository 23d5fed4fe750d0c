import { describe, expect, it } from '@jest/globals';
import type { AssessmentIndicator, OrgStats } from '@xianfeng/shared';
import { autoScore, metricFigure, rankResults, scoreChild, starsFor } from './assessment-scoring.js';

const stats = (over: Partial<OrgStats> = {}): OrgStats => ({
  orgId: 'o',
  from: null,
  to: null,
  members: 10,
  commitments: { published: 4, fulfilled: 3 },
  wishes: { posted: 0, open: 0, claimed: 0, fulfilled: 5, confirmed: 0 },
  greetings: { sent: 8 },
  reviews: { count: 2, average: 4.5 },
  serviceMinutes: 1200,
  deeds: 0,
  ...over,
});

const auto = (metric: AssessmentIndicator['metric'], max = 20, fullAt?: number): AssessmentIndicator => ({ key: 'k', name: 'n', max, kind: 'auto', metric, fullAt });

describe('automatic indicators', () => {
  it('read their figure from the numbers', () => {
    expect(metricFigure('commitment_fulfilment_rate', stats())).toBe(0.75);
    expect(metricFigure('wishes_completed_per_member', stats())).toBe(0.5);
    expect(metricFigure('service_minutes_per_member', stats())).toBe(120);
    expect(metricFigure('greeting_coverage', stats())).toBe(0.8);
    expect(metricFigure('review_average', stats())).toBe(4.5);
  });

  it('score 0 for a rate over nothing', () => {
    expect(metricFigure('commitment_fulfilment_rate', stats({ commitments: { published: 0, fulfilled: 2 } }))).toBe(0);
    expect(metricFigure('wishes_completed_per_member', stats({ members: 0 }))).toBe(0);
    expect(metricFigure('review_average', stats({ reviews: { count: 0, average: null } }))).toBe(0);
  });

  it('score max × figure ÷ fullAt, capped at max, with the default fullAt when none is set', () => {
    expect(autoScore(auto('commitment_fulfilment_rate'), 0.75)).toBe(15);
    expect(autoScore(auto('service_minutes_per_member', 10), 120)).toBe(2); // default 600 minutes
    expect(autoScore(auto('service_minutes_per_member', 10, 100), 120)).toBe(10); // capped
    expect(autoScore(auto('review_average', 10), 4.5)).toBe(9);
    expect(autoScore(auto('wishes_completed_per_member', 10, 3), 1)).toBe(3.33);
  });
});

describe('totals, stars and ranks', () => {
  const thresholds = [
    { stars: 5, min: 90 },
    { stars: 4, min: 80 },
    { stars: 3, min: 70 },
  ];

  it('give the highest stars whose min the total reaches, none below every min', () => {
    expect(starsFor(90, thresholds)).toBe(5);
    expect(starsFor(89.99, thresholds)).toBe(4);
    expect(starsFor(69.99, thresholds)).toBe(0);
  });

  it('count a judged indicator at the superior score, never the self-score', () => {
    const inds: AssessmentIndicator[] = [auto('commitment_fulfilment_rate'), { key: 'j', name: '党建', max: 80, kind: 'judged' }];
    const r = scoreChild(inds, thresholds, { orgId: 'a', name: 'A', stats: stats(), judged: new Map([['j', { self: 80, superior: 60, evidence: 'x', evidencePhotos: [] }]]) });
    expect(r.total).toBe(75);
    expect(r.stars).toBe(3);
    const none = scoreChild(inds, thresholds, { orgId: 'b', name: 'B', stats: stats(), judged: new Map([['j', { self: 80, superior: null, evidence: null, evidencePhotos: [] }]]) });
    expect(none.total).toBe(15);
  });

  it('share a rank between equal totals and skip the next', () => {
    const ranked = rankResults([
      { orgId: 'c', name: '丙', total: 70, stars: 3, indicators: [] },
      { orgId: 'a', name: '甲', total: 90, stars: 5, indicators: [] },
      { orgId: 'b', name: '乙', total: 90, stars: 5, indicators: [] },
    ]);
    expect(ranked.map((r) => [r.orgId, r.rank])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
    ]);
  });
});
