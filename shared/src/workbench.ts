import type { Page } from './api.js';

/**
 * The staff workbench: one review queue over an organisation's subtree, member leaves and staff
 * invitations.
 */

/**
 * What the review queue lists. Each kind comes from one source on the server (the feature that owns
 * it); a new kind (e.g. held photos) is one more entry here and one more source there.
 */
export const ReviewItemKinds = ['wish', 'commitment', 'photo'] as const;
export type ReviewItemKind = (typeof ReviewItemKinds)[number];

/** Why an item waits: its submission waits for review, or text WeChat's check sent to a person. */
export type ReviewReason = 'pending_review' | 'content_held';

/**
 * What staff can do to an item from the list; each calls the owning feature's route:
 * approve (`/wishes/:id/approve`, `/commitments/:id/approve`), reject (`/wishes/:id/reject`),
 * return (`/commitments/:id/return`), clear_held (`/…/:id/clear-held`, the held text is fine);
 * a held photo: approve (`/uploads/:id/approve`, it becomes public) or remove (`/uploads/:id/remove`).
 */
export type ReviewAction = 'approve' | 'reject' | 'return' | 'clear_held' | 'remove';

export interface ReviewItem {
  kind: ReviewItemKind;
  /** The id of the wish / commitment / upload (what the action routes take). */
  id: string;
  reason: ReviewReason;
  title: string;
  /** The start of the text to review (at most 120 characters). */
  excerpt: string;
  orgId: string;
  orgName: string;
  /** ISO timestamp: since when it waits. The queue is oldest first. */
  waitingSince: string;
  actions: ReviewAction[];
  /** A held photo (kind `photo`): a signed, expiring URL through which staff can look at it now. */
  imageUrl?: string;
}

/** `GET /orgs/:id/review-queue/counts`: how many items wait, per kind, over the subtree. */
export interface ReviewCounts {
  orgId: string;
  total: number;
  byKind: Record<ReviewItemKind, number>;
}

/** `GET /orgs/:id/review-queue`: oldest first, keyset-paginated, with the counts. */
export interface ReviewQueue extends Page<ReviewItem> {
  counts: ReviewCounts;
}

/** `POST /members/:id/leave`: a dated leave (离开组织), not a deletion. */
export interface MemberLeaveRequest {
  /** YYYY-MM-DD, not in the future. */
  leftOn: string;
  reason: string;
}

export interface MemberLeaveResponse {
  memberId: string;
  leftOn: string;
  reason: string;
  /** Claimed wishes given back to the wall. */
  releasedWishes: number;
}

/** `PATCH /orgs/:id` */
export interface RenameOrgRequest {
  name: string;
}

/** `POST /orgs/:id/staff-invites`: one-time, short, typeable; the QR opens the accept page with it. */
export interface StaffInvite {
  orgId: string;
  orgName: string;
  code: string;
  expiresAt: string;
}

/** `POST /staff-invites/accept` */
export interface AcceptStaffInviteRequest {
  code: string;
}

export interface AcceptStaffInviteResponse {
  orgId: string;
  orgName: string;
  staff: true;
}
