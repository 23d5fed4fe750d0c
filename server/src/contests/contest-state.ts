import { ErrorCode, type ContestStatus, type RoundStatus } from '@xianfeng/shared';
import { AppError } from '../common/app-error.js';
import { statusAfter } from '../common/transitions.js';

/**
 * A contest's rounds, one per presenting organisation:
 *
 *   pending ──open──▶ open ──close──▶ closed        (one open round per contest: a unique index)
 *                     (score)
 *
 * and the contest itself: running ──end──▶ ended (the open round closes, the judge code is void).
 * Each step is one conditional UPDATE; a score is written under a share lock of its round, so a
 * close and a late score cannot interleave.
 */
export const ROUND_ACTIONS = {
  open: { from: ['pending'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
  score: { from: ['open'], to: null },
} as const satisfies Record<string, { from: readonly RoundStatus[]; to: RoundStatus | null }>;

export const CONTEST_ACTIONS = {
  end: { from: ['running'], to: 'ended' },
  host: { from: ['running'], to: null },
  join: { from: ['running'], to: null },
} as const satisfies Record<string, { from: readonly ContestStatus[]; to: ContestStatus | null }>;

export type RoundAction = keyof typeof ROUND_ACTIONS;

export function roundMay(action: RoundAction, status: RoundStatus): boolean {
  return statusAfter<RoundStatus>(ROUND_ACTIONS[action], status) !== null;
}

export function contestMay(action: keyof typeof CONTEST_ACTIONS, status: ContestStatus): boolean {
  return statusAfter<ContestStatus>(CONTEST_ACTIONS[action], status) !== null;
}

/** The 409 of a round step refused in `status`. */
export function roundRefusal(action: RoundAction, status: RoundStatus): AppError {
  if (action === 'open' && status === 'open') return new AppError(409, ErrorCode.INVALID_STATE_TRANSITION, '该轮已在打分中');
  if (status === 'closed') return new AppError(409, ErrorCode.ROUND_CLOSED, '该轮打分已结束');
  return new AppError(409, ErrorCode.ROUND_CLOSED, '该轮尚未开始打分');
}

export const contestEnded = () => new AppError(409, ErrorCode.CONTEST_ENDED, '比武已结束，成绩已定');
