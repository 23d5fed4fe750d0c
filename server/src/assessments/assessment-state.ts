import { ErrorCode, type AssessmentStatus } from '@xianfeng/shared';
import { AppError } from '../common/app-error.js';
import { statusAfter } from '../common/transitions.js';

/**
 * The assessment season, in one place:
 *
 *   draft ──start──▶ started ──publish──▶ published
 *   (edit)            (score)              (final, public)
 *
 * The service applies each step with `UPDATE … WHERE status = ANY(from)`, and a score is written
 * under a share lock of the assessment row, so a publish and a late score cannot interleave.
 */
export const ASSESSMENT_ACTIONS = {
  edit: { from: ['draft'], to: null },
  start: { from: ['draft'], to: 'started' },
  score: { from: ['started'], to: null },
  publish: { from: ['started'], to: 'published' },
} as const satisfies Record<string, { from: readonly AssessmentStatus[]; to: AssessmentStatus | null }>;

export type AssessmentAction = keyof typeof ASSESSMENT_ACTIONS;

export function fromStatuses(action: AssessmentAction): readonly AssessmentStatus[] {
  return ASSESSMENT_ACTIONS[action].from;
}

export function mayTake(action: AssessmentAction, status: AssessmentStatus): boolean {
  return statusAfter<AssessmentStatus>(ASSESSMENT_ACTIONS[action], status) !== null;
}

/** The 409 for an action refused in `status`: frozen once started, final once published, not yet when a draft. */
export function refusal(action: AssessmentAction, status: AssessmentStatus): AppError {
  if (status === 'published') return new AppError(409, ErrorCode.ASSESSMENT_PUBLISHED, '评定结果已公布，不能再修改');
  if (status === 'draft') return new AppError(409, ErrorCode.ASSESSMENT_NOT_STARTED, '评定方案尚未启动评分');
  return new AppError(409, ErrorCode.ASSESSMENT_FROZEN, action === 'start' ? '评定已经启动' : '评定已启动评分，方案不能再修改');
}
