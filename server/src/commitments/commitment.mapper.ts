import { ReviewKinds, type Commitment, type CommitmentProgress, type CommitmentViewer, type CommitmentReview, type CommitmentSummary, type ReviewSummary } from '@xianfeng/shared';
import { isOverdue } from './commitment-state.js';
import type { CommitmentRow, ProgressRow, ReviewRow, ReviewStatsRow } from './commitments.repository.js';

const emptySummary = (): ReviewSummary => ({ org: { count: 0, average: null }, peer: { count: 0, average: null }, public: { count: 0, average: null } });

/** Review counts and averages per commitment id; commitments without reviews get zero counts and null averages. */
export function reviewSummaries(rows: ReviewStatsRow[]): (id: string) => ReviewSummary {
  const byId = new Map<string, ReviewSummary>();
  for (const r of rows) {
    const s = byId.get(r.commitment_id) ?? emptySummary();
    if ((ReviewKinds as readonly string[]).includes(r.kind)) s[r.kind] = { count: r.n, average: r.average };
    byId.set(r.commitment_id, s);
  }
  return (id) => byId.get(id) ?? emptySummary();
}

export function toCommitmentSummary(r: CommitmentRow, reviewSummary: ReviewSummary, today: string): CommitmentSummary {
  return {
    id: r.id,
    ownerType: r.owner_type,
    ownerMemberId: r.owner_member_id,
    ownerName: r.owner_type === 'member' ? (r.member_name ?? '') : r.org_name,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    content: r.content,
    items: r.items,
    dueOn: r.due_on,
    status: r.status,
    overdue: isOverdue(r.status, r.due_on, today),
    returnReason: r.return_reason,
    contentHeld: r.content_held,
    reviewSummary,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    submittedAt: r.submitted_at?.toISOString() ?? null,
    publishedAt: r.published_at?.toISOString() ?? null,
    fulfilledAt: r.fulfilled_at?.toISOString() ?? null,
  };
}

export const toProgress = (p: ProgressRow): CommitmentProgress => ({
  id: p.id,
  text: p.text,
  photos: p.photos,
  contentHeld: p.content_held,
  createdAt: p.created_at.toISOString(),
});

/** Never the reviewer's identity; a held comment only for staff and for its own author. */
export function toReview(r: ReviewRow, viewer: { userId: string | null; isStaff: boolean }): CommitmentReview {
  const mine = viewer.userId !== null && r.reviewer_user_id === viewer.userId;
  return {
    kind: r.kind,
    score: r.score,
    comment: !r.content_held || viewer.isStaff || mine ? r.comment : null,
    contentHeld: r.content_held,
    mine,
    createdAt: r.created_at.toISOString(),
  };
}

export function toCommitment(summary: CommitmentSummary, progress: CommitmentProgress[], reviews: CommitmentReview[], viewer: CommitmentViewer): Commitment {
  return { ...summary, viewer, progress, reviews };
}
