import { CommitmentStatusLabels, type CommitmentStatus } from '@xianfeng/shared';
import { statusAfter } from '../common/transitions.js';

/**
 * The commitment lifecycle, in one place:
 *
 *   draft ──submit──▶ pending_review ──approve──▶ published ──fulfil──▶ fulfilled
 *     ▲                    │
 *     └──────return────────┘            (draft | pending_review) ──withdraw──▶ withdrawn
 *
 * Besides the moves that change the status, the table also says in which states the activities that
 * keep it may happen (edit a draft, report progress, review): every "may I do X now?" question is
 * answered here, and the service applies a move with `UPDATE … WHERE status = ANY(from)` so that two
 * racing requests cannot both apply it.
 *
 * `overdue` is not a state: it is derived from `dueOn` (see isOverdue).
 */
export const COMMITMENT_ACTIONS = {
  edit: { from: ['draft'], to: null },
  submit: { from: ['draft'], to: 'pending_review' },
  approve: { from: ['pending_review'], to: 'published' },
  return: { from: ['pending_review'], to: 'draft' },
  withdraw: { from: ['draft', 'pending_review'], to: 'withdrawn' },
  fulfil: { from: ['published'], to: 'fulfilled' },
  progress: { from: ['published'], to: null },
  review: { from: ['published', 'fulfilled'], to: null },
} as const satisfies Record<string, { from: readonly CommitmentStatus[]; to: CommitmentStatus | null }>;

export type CommitmentAction = keyof typeof COMMITMENT_ACTIONS;
/** Actions that move the commitment to another status. */
export type CommitmentTransition = { [A in CommitmentAction]: (typeof COMMITMENT_ACTIONS)[A]['to'] extends null ? never : A }[CommitmentAction];

export const CommitmentActionNames = Object.keys(COMMITMENT_ACTIONS) as CommitmentAction[];

/** The status the action leads to from `status`: the same status for activities, null when not allowed. */
export function nextStatus(action: CommitmentAction, status: CommitmentStatus): CommitmentStatus | null {
  return statusAfter<CommitmentStatus>(COMMITMENT_ACTIONS[action], status);
}

export function fromStatuses(action: CommitmentAction): readonly CommitmentStatus[] {
  return COMMITMENT_ACTIONS[action].from;
}

/** The words users see (published is 践诺中), shared with the mini-program. */
export const STATUS_LABELS = CommitmentStatusLabels;

export const ACTION_LABELS: Record<CommitmentAction, string> = {
  edit: '修改',
  submit: '提交审核',
  approve: '审核通过',
  return: '退回修改',
  withdraw: '撤回',
  fulfil: '标记践诺',
  progress: '报告进展',
  review: '评价',
};

/** The human message of a refused step; it names the current state (label and code). */
export function invalidTransitionMessage(action: CommitmentAction, status: CommitmentStatus): string {
  const allowed = fromStatuses(action).map((s) => STATUS_LABELS[s]).join('或');
  return `承诺当前状态为「${STATUS_LABELS[status]}」(${status})，不能${ACTION_LABELS[action]}；仅${allowed}状态可以`;
}

/** Published and past its due date (dates are Asia/Shanghai `YYYY-MM-DD`, so they compare as strings). */
export function isOverdue(status: CommitmentStatus, dueOn: string, today: string): boolean {
  return status === 'published' && dueOn < today;
}

/** Statuses anyone may see (content held for review aside). */
export const PUBLIC_STATUSES: readonly CommitmentStatus[] = ['published', 'fulfilled'];
