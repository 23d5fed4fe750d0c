import type { CommitmentStatus, ReviewKind } from './enums.js';

/** Who a commitment belongs to: one member (党员承诺) or an organisation as a whole (支部承诺). */
export const CommitmentOwnerTypes = ['member', 'branch'] as const;
export type CommitmentOwnerType = (typeof CommitmentOwnerTypes)[number];

/** Limits the server enforces (the client uses them for counters and early checks). */
export const COMMITMENT_LIMITS = {
  titleMax: 50,
  contentMax: 2000,
  itemsMin: 1,
  itemsMax: 10,
  itemMax: 200,
  returnReasonMax: 500,
  progressTextMax: 1000,
  progressPhotosMax: 9,
  reviewCommentMax: 500,
  /** The detail view carries the newest this many reviews; the summary counts all of them. */
  reviewsInDetail: 100,
} as const;

/** Count and mean score of one kind of review. `average` is null when there are none (0 would read as a score). */
export interface ReviewStats {
  count: number;
  /** Mean of the 1–5 scores, rounded to two decimals; null when `count` is 0. */
  average: number | null;
}

export type ReviewSummary = Record<ReviewKind, ReviewStats>;

/** One progress report (践诺) by the owner on a published commitment. */
export interface CommitmentProgress {
  id: string;
  text: string;
  /** URLs of the owner's own uploads. */
  photos: string[];
  /**
   * WeChat's content check asked for a human look: only the owner and staff see the entry until
   * staff clear it.
   */
  contentHeld: boolean;
  createdAt: string;
}

/** One review (评诺). Never names the reviewer. */
export interface CommitmentReview {
  kind: ReviewKind;
  score: number;
  /** Null while the comment is held for staff review (only staff of the organisation see it then). */
  comment: string | null;
  contentHeld: boolean;
  /** True for the caller's own review. */
  mine: boolean;
  createdAt: string;
}

/** A commitment as lists show it (`GET /commitments`): everything but progress and reviews. */
export interface CommitmentSummary {
  id: string;
  ownerType: CommitmentOwnerType;
  /** The member, for a member commitment; null for a branch commitment. */
  ownerMemberId: string | null;
  /** The member's name, or the organisation's name for a branch commitment. */
  ownerName: string;
  orgId: string;
  orgName: string;
  title: string;
  content: string;
  items: string[];
  /** YYYY-MM-DD (Asia/Shanghai). */
  dueOn: string;
  status: CommitmentStatus;
  /** Published and past `dueOn` (Asia/Shanghai today): derived, never stored. */
  overdue: boolean;
  /** Why staff sent it back; set while the returned commitment is a draft again. */
  returnReason: string | null;
  /**
   * WeChat's content check answered `review`: the owner and staff see the commitment, nobody else
   * does, until staff clear it (`POST /commitments/:id/clear-content`).
   */
  contentHeld: boolean;
  reviewSummary: ReviewSummary;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  fulfilledAt: string | null;
}

/** The caller's relation to a commitment, so the client knows which buttons to offer. */
export interface CommitmentViewer {
  /** The member whose commitment it is; for a branch commitment, staff of its organisation. */
  owner: boolean;
  /** Staff of the commitment's organisation or of an ancestor, or an admin. */
  staff: boolean;
}

/** `GET /commitments/:id` and the answer of every state-changing commitment route. */
export interface Commitment extends CommitmentSummary {
  viewer: CommitmentViewer;
  /** Oldest first. */
  progress: CommitmentProgress[];
  /** Newest first, at most COMMITMENT_LIMITS.reviewsInDetail. */
  reviews: CommitmentReview[];
}

/** `POST /commitments`: a draft. Member commitments go in the member's own organisation. */
export interface CreateCommitmentRequest {
  ownerType: CommitmentOwnerType;
  orgId: string;
  title: string;
  content: string;
  items: string[];
  /** Not before today (Asia/Shanghai). */
  dueOn: string;
}

/** `PATCH /commitments/:id`: the owner edits a draft (e.g. after it was sent back). */
export type UpdateCommitmentRequest = Partial<Pick<CreateCommitmentRequest, 'title' | 'content' | 'items' | 'dueOn'>>;

/** `POST /commitments/:id/return` */
export interface ReturnCommitmentRequest {
  reason: string;
}

/** `POST /commitments/:id/progress` */
export interface AddProgressRequest {
  text: string;
  photos?: string[];
}

/** `POST /commitments/:id/reviews` */
export interface CreateReviewRequest {
  kind: ReviewKind;
  /** Integer 1–5. */
  score: number;
  comment?: string;
}

/** `GET /commitments` filters. */
export interface CommitmentListQuery {
  /** The organisation and its whole subtree. */
  orgId?: string;
  ownerType?: CommitmentOwnerType;
  status?: CommitmentStatus;
  /** Only published commitments past their due date. */
  overdue?: boolean;
  /** The caller's own: their member commitments and the branch commitments they wrote. */
  mine?: boolean;
  limit?: number;
  cursor?: string;
}
