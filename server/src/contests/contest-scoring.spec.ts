import { describe, expect, it } from '@jest/globals';
import { rankScores, roundScore } from './contest-scoring.js';

describe('a round’s score', () => {
  it('is the plain mean under five judges', () => {
    expect(roundScore([])).toBeNull();
    expect(roundScore([90])).toBe(90);
    expect(roundScore([80, 90, 95, 70])).toBe(83.75);
  });

  it('drops one highest and one lowest from five judges on', () => {
    expect(roundScore([100, 80, 85, 90, 10])).toBe(85);
    // Equal extremes: only one of each goes.
    expect(roundScore([90, 90, 80, 80, 85, 85])).toBe(85);
    expect(roundScore([88.5, 91, 79.5, 95, 60, 99, 85, 90, 87])).toBe(88);
  });
});

describe('the live ranking', () => {
  it('shares a rank between equal scores', () => {
    expect(rankScores([{ name: '乙', score: 90 }, { name: '甲', score: 95 }, { name: '丙', score: 90 }]).map((r) => r.rank)).toEqual([1, 2, 2]);
  });
});
