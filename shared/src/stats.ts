/**
 * 比学赶超 numbers (`GET /orgs/:id/stats`), over an organisation's whole subtree. Each count is of
 * what reached that status in the period (Asia/Shanghai dates, both ends included), whatever it
 * became since; without a period, all time. docs/numbers.md defines every figure.
 */
export interface OrgStats {
  orgId: string;
  /** `YYYY-MM-DD` or null when the period is open at that end. */
  from: string | null;
  to: string | null;
  /** Members at the end of the period (today without `to`). */
  members: number;
  commitments: { published: number; fulfilled: number };
  wishes: { posted: number; open: number; claimed: number; fulfilled: number; confirmed: number };
  greetings: { sent: number };
  /** Commitment reviews of every kind; `average` is null without any. */
  reviews: { count: number; average: number | null };
  /** Confirmed service minutes and confirmed deeds (在职党员进社区 · 我为群众办实事). */
  serviceMinutes: number;
  deeds: number;
}

/** The relative weights of the ranking formula, each ≥ 0 (all zero: every score 0). */
export interface RankingWeights {
  commitmentsFulfilled: number;
  wishesCompleted: number;
  greetingsSent: number;
  reviewAverage: number;
  serviceMinutes: number;
}

export const RankingWeightKeys = ['commitmentsFulfilled', 'wishesCompleted', 'greetingsSent', 'reviewAverage', 'serviceMinutes'] as const satisfies readonly (keyof RankingWeights)[];

/** `GET|PUT /orgs/:id/ranking-settings` */
export interface RankingSettings {
  orgId: string;
  weights: RankingWeights;
  /** The ancestor whose setting applies, when this organisation has none of its own (null: its own or the default). */
  inheritedFrom: string | null;
}

export interface RankingSettingsRequest {
  weights: RankingWeights;
}

/** The per-member rates a ranking score is made of (see docs/numbers.md). */
export interface RankingFigures {
  members: number;
  commitmentsFulfilled: number;
  wishesCompleted: number;
  greetingsSent: number;
  reviewCount: number;
  reviewAverage: number | null;
  serviceMinutes: number;
  /** Each figure per member (reviewAverage: the average itself), before normalising. */
  rates: RankingWeights;
}

export interface RankingEntry {
  orgId: string;
  name: string;
  /** 1 = best; equal scores share a rank (1, 1, 3). */
  rank: number;
  /** 0–100, rounded to one decimal before ranking. */
  score: number;
  figures: RankingFigures;
}

/** `GET /orgs/:id/ranking` */
export interface Ranking {
  orgId: string;
  from: string | null;
  to: string | null;
  weights: RankingWeights;
  items: RankingEntry[];
}

/** `GET /orgs/:id/stats/monthly`: the subtree's activity per calendar month of the period (for the line chart). */
export interface MonthlyActivity {
  orgId: string;
  months: Array<{ month: string; commitmentsFulfilled: number; wishesFulfilled: number; greetingsSent: number; serviceMinutes: number }>;
}
