import { CONTEST_TRIM_FROM } from '@xianfeng/shared';

/**
 * A round's score: the mean of its judges' scores, dropping the highest and the lowest once
 * CONTEST_TRIM_FROM (5) or more judges scored; two decimals; null before the first score.
 */
export function roundScore(scores: number[]): number | null {
  if (scores.length === 0) return null;
  const sorted = [...scores].sort((a, b) => a - b);
  const kept = sorted.length >= CONTEST_TRIM_FROM ? sorted.slice(1, -1) : sorted;
  return Math.round((kept.reduce((a, s) => a + s, 0) / kept.length) * 100) / 100;
}

/** Best first; equal scores share a rank (1, 1, 3). */
export function rankScores<T extends { score: number; name: string }>(rows: T[]): Array<T & { rank: number }> {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-Hans-CN'));
  return sorted.map((r) => ({ ...r, rank: 1 + sorted.filter((o) => o.score > r.score).length }));
}
