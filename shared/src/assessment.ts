import type { ReviewStats } from './commitments.js';
import type { ReviewKind } from './enums.js';

/*
 * 评星定级 · 擂台比武 · 民主评议 (the contract's "Assessment" section). docs/numbers.md defines how
 * the automatic indicators are computed from the numbers.
 */

// ---------------------------------------------------------------------------------------------
// 评星定级: assessment schemes, scores, results and the star board
// ---------------------------------------------------------------------------------------------

/** The figures an automatic indicator can be computed from (over the period, per child organisation). */
export const AssessmentMetrics = [
  'commitment_fulfilment_rate',
  'wishes_completed_per_member',
  'service_minutes_per_member',
  'greeting_coverage',
  'review_average',
] as const;
export type AssessmentMetric = (typeof AssessmentMetrics)[number];

/**
 * The figure at which an automatic indicator scores its full `max`, when the scheme sets no `fullAt`
 * (docs/numbers.md, "Assessment"): all commitments fulfilled, one wish completed per member, ten hours
 * of service per member, one greeting per member, an average review of 5.
 */
export const AssessmentMetricDefaultFullAt: Record<AssessmentMetric, number> = {
  commitment_fulfilment_rate: 1,
  wishes_completed_per_member: 1,
  service_minutes_per_member: 600,
  greeting_coverage: 1,
  review_average: 5,
};

/** `auto`: computed from the numbers; `judged`: scored by the superior's staff (the branch self-scores for reference). */
export const IndicatorKinds = ['auto', 'judged'] as const;
export type IndicatorKind = (typeof IndicatorKinds)[number];

/** One indicator of a scheme, as sent and as answered. */
export interface AssessmentIndicator {
  /** Unique within the scheme; names the indicator in score maps (`{ [key]: score }`). Letters, digits, `_` and `-`. */
  key: string;
  name: string;
  /** Full marks, > 0. */
  max: number;
  kind: IndicatorKind;
  /** Required for `auto`, absent for `judged`. */
  metric?: AssessmentMetric | null;
  /** For `auto`: the figure that scores `max` (default {@link AssessmentMetricDefaultFullAt}); the score is `max × figure ÷ fullAt`, capped at `max`. */
  fullAt?: number | null;
}

/** "≥ min points → stars": the stars of a total are the highest `stars` whose `min` ≤ total; below every `min`, 0. */
export interface StarThreshold {
  /** 1–5, each at most once. */
  stars: number;
  min: number;
}

/** draft (editable) → started (frozen, scoring) → published (public and final). */
export const AssessmentStatuses = ['draft', 'started', 'published'] as const;
export type AssessmentStatus = (typeof AssessmentStatuses)[number];

/** `POST /orgs/:id/assessments`: a scheme over the organisation's child organisations. */
export interface CreateAssessmentRequest {
  title: string;
  /** YYYY-MM-DD, both included: the period the automatic indicators count. */
  from: string;
  to: string;
  indicators: AssessmentIndicator[];
  stars: StarThreshold[];
}

/** `PATCH /assessments/:id`: any field of the POST, until the scheme starts (then 409 ASSESSMENT_FROZEN). */
export type UpdateAssessmentRequest = Partial<CreateAssessmentRequest>;

/** What the caller may do with a scheme, so the client knows which buttons to offer. */
export interface AssessmentViewer {
  /** Staff of the assessing organisation (or above): edits, starts, scores as superior, publishes. */
  staff: boolean;
  /** The child organisations the caller holds a grant on themselves: they self-score these. */
  selfOrgIds: string[];
}

/** A scheme (`GET /assessments/:id` and the answer of every scheme route). */
export interface Assessment {
  id: string;
  /** The assessing organisation. */
  orgId: string;
  orgName: string;
  title: string;
  from: string;
  to: string;
  status: AssessmentStatus;
  indicators: AssessmentIndicator[];
  /** Highest stars first. */
  stars: StarThreshold[];
  /** The sum of the indicators' `max`. */
  maxTotal: number;
  /** The organisations assessed: the assessing organisation's children, by name. */
  children: Array<{ orgId: string; name: string }>;
  viewer: AssessmentViewer;
  createdAt: string;
  startedAt: string | null;
  publishedAt: string | null;
}

/** A scheme as lists show it (`GET /orgs/:id/assessments`). */
export interface AssessmentSummary {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  from: string;
  to: string;
  status: AssessmentStatus;
  maxTotal: number;
  /** `assessor`: the listed organisation runs it; `assessed`: the listed organisation is one of its children. */
  role: 'assessor' | 'assessed';
  createdAt: string;
  publishedAt: string | null;
}

/**
 * `PUT /assessments/:id/scores/:orgId`, judged indicators only, each score 0..max.
 * Staff granted on the child itself send `self` (and `evidence`); staff of the assessing
 * organisation send `superior` (with `reason` when changing a superior score already given).
 * Keys left out keep their scores.
 */
export interface PutAssessmentScoresRequest {
  self?: Record<string, number>;
  /** Text per indicator key: what was done, links to the app's own records. */
  evidence?: Record<string, string>;
  /** Photo URLs (uploads) per indicator key. */
  evidencePhotos?: Record<string, string[]>;
  superior?: Record<string, number>;
  /** Required when a `superior` score changes one already given; recorded in the history. */
  reason?: string;
}

/** One indicator's scores for one child. */
export interface IndicatorScore {
  key: string;
  /** Automatic indicators: the computed score. */
  auto?: number;
  /** The figure the automatic score was computed from. */
  figure?: number;
  /** Judged indicators: the branch's own score (for reference). */
  self?: number | null;
  /** Judged indicators: the superior's score (the one that counts). */
  superior?: number | null;
  /** Staff only: the branch's evidence. Never in public results. */
  evidence?: string | null;
  evidencePhotos?: string[];
  /** The score that counts (auto, or superior; 0 while not scored), two decimals. */
  score: number;
}

/** One child's row of the results (`GET /assessments/:id/results`), best first. */
export interface AssessmentResult {
  orgId: string;
  name: string;
  /** 1 = best; equal totals share a rank (1, 1, 3). */
  rank: number;
  /** Sum of the indicator scores, two decimals. */
  total: number;
  /** 0–5. */
  stars: number;
  indicators: IndicatorScore[];
}

/** A recorded change of a superior score: who, when, from, to, why. */
export interface ScoreChange {
  key: string;
  from: number;
  to: number;
  reason: string;
  byUserId: string;
  byName: string | null;
  at: string;
}

/** `GET|PUT /assessments/:id/scores/:orgId`: one child's score sheet (staff of the assessing org, or the child's own staff). */
export interface AssessmentScoreSheet extends AssessmentResult {
  assessmentId: string;
  status: AssessmentStatus;
  /** Oldest first; changes of superior scores already given. */
  history: ScoreChange[];
}

/** One organisation on the public star board. */
export interface StarBoardItem {
  orgId: string;
  name: string;
  stars: number;
  total: number;
  assessmentId: string;
}

/** `GET /orgs/:id/stars`: the latest published assessment of the organisation's children. */
export interface StarBoard {
  orgId: string;
  /** Null when nothing was published yet (then `items` is empty). */
  assessmentId: string | null;
  title: string | null;
  publishedAt: string | null;
  /** Best first. */
  items: StarBoardItem[];
}

// ---------------------------------------------------------------------------------------------
// 擂台比武: live contests
// ---------------------------------------------------------------------------------------------

/** running (judges join, rounds open and close) → ended (results final, the judge code void). */
export const ContestStatuses = ['running', 'ended'] as const;
export type ContestStatus = (typeof ContestStatuses)[number];

/** pending (not yet presented) → open (judges score) → closed (final); only one open at a time. */
export const RoundStatuses = ['pending', 'open', 'closed'] as const;
export type RoundStatus = (typeof RoundStatuses)[number];

/** Trimmed mean from this many judges' scores on: drop the highest and the lowest. */
export const CONTEST_TRIM_FROM = 5;

/** `POST /orgs/:id/contests` */
export interface CreateContestRequest {
  title: string;
  /** The presenting organisations, in order; each in the organisation's subtree, each once. */
  presenterOrgIds: string[];
}

/** `POST /contests/:id/judges` or `POST /contest-judges` (by the code alone). */
export interface JoinContestRequest {
  judgeCode: string;
}

/** `PUT /contests/:id/rounds/:orgId/score` */
export interface ContestScoreRequest {
  /** 0–100, at most one decimal. */
  score: number;
}

export interface ContestJudge {
  userId: string;
  /** The judge's member name, else their WeChat nickname; null when neither is known. */
  name: string | null;
  joinedAt: string;
}

export interface ContestRound {
  orgId: string;
  name: string;
  /** 1-based presenting order. */
  order: number;
  status: RoundStatus;
  /** Judges who scored this round. */
  scored: number;
  /** The round's score (trimmed mean from five judges), null before the first score. */
  score: number | null;
}

/** `GET /contests/:id` (the host) and the answer of the host's routes. */
export interface Contest {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  status: ContestStatus;
  /** Six characters, typeable, also the QR payload; null once the contest ended. */
  judgeCode: string | null;
  /** The open round's organisation, if any. */
  current: string | null;
  rounds: ContestRound[];
  judges: ContestJudge[];
  createdAt: string;
  endedAt: string | null;
}

/** `POST /orgs/:id/contests`: the contest, with `id` and `judgeCode`. */
export type CreateContestResponse = Contest;

/** `GET /contests/:id/judging`, `POST /contests/:id/judges`: the judge's scoring pad. */
export interface JudgePad {
  contestId: string;
  title: string;
  status: ContestStatus;
  /** The open round, if any. */
  current: { orgId: string; name: string } | null;
  /** The caller's score of the open round. */
  myScore: number | null;
  /** False when the caller belongs to the presenting organisation (or its subtree). */
  canScore: boolean;
  rounds: Array<{ orgId: string; name: string; order: number; status: RoundStatus; myScore: number | null }>;
}

/** The answer of `PUT /contests/:id/rounds/:orgId/score`. */
export interface ContestScore {
  contestId: string;
  orgId: string;
  score: number;
  updatedAt: string;
}

export interface LiveRankingEntry {
  orgId: string;
  name: string;
  /** Two decimals. */
  score: number;
  /** 1 = best; equal scores share a rank. */
  rank: number;
  /** Judges who scored the round. */
  scored: number;
  status: RoundStatus;
}

/**
 * `GET /contests/:id/live` (public) and each `live` event of `GET /contests/:id/live/stream`
 * (server-sent events): what the big screen shows.
 */
export interface ContestLive {
  contestId: string;
  title: string;
  status: ContestStatus;
  /** The open round's organisation, null between rounds. */
  current: string | null;
  currentName: string | null;
  /** Judges joined. */
  judges: number;
  /** Judges who scored the current round. */
  scored: number;
  /** Best first: closed rounds always, the open round with its score so far. */
  ranking: LiveRankingEntry[];
  /** Every presenter in order (for "next up"). */
  rounds: Array<{ orgId: string; name: string; order: number; status: RoundStatus }>;
  /** Grows with every change; a screen may ignore an event older than what it shows. */
  version: number;
}

// ---------------------------------------------------------------------------------------------
// 民主评议: member reviews
// ---------------------------------------------------------------------------------------------

/** "2026" (a year) or "2026Q4" (a quarter). */
export const REVIEW_PERIOD_PATTERN = /^\d{4}(Q[1-4])?$/;

/** `POST /members/:id/reviews`: 组织点评 (org), 党员互评 (peer), 群众评议 (public). */
export interface CreateMemberReviewRequest {
  period: string;
  kind: ReviewKind;
  /** Integer 1–5. */
  score: number;
  comment?: string;
}

/** One comment, never with who wrote it. */
export interface MemberReviewComment {
  kind: ReviewKind;
  score: number;
  comment: string | null;
  createdAt: string;
}

/** `GET /members/:id/reviews?period=` and the answer of the POST. */
export interface MemberReviews {
  memberId: string;
  memberName: string;
  period: string;
  org: ReviewStats;
  peer: ReviewStats;
  public: ReviewStats;
  /** Only for the member and staff of the member's organisation; newest first. */
  comments?: MemberReviewComment[];
  viewer: {
    /** The kinds the caller may still give this period. */
    canReview: ReviewKind[];
    /** The kinds the caller already gave this period. */
    reviewed: ReviewKind[];
  };
}
