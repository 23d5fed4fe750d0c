import type { DeedStatus, ServiceReportStatus } from '@xianfeng/shared';
import { statusAfter, type TransitionRule } from '../common/transitions.js';

/**
 * 报到:  pending ──accept──▶ active ──end──▶ ended
 *           └──decline──▶ declined
 * Applied by one conditional UPDATE (`WHERE status = ANY(from)`), so two racing staff cannot both.
 */
export const REPORT_ACTIONS = {
  accept: { from: ['pending'], to: 'active' },
  decline: { from: ['pending'], to: 'declined' },
  end: { from: ['active'], to: 'ended' },
} as const satisfies Record<string, TransitionRule<ServiceReportStatus>>;
export type ReportAction = keyof typeof REPORT_ACTIONS;

/** 办实事: pending ──confirm──▶ confirmed; pending ──return──▶ returned (with a reason). */
export const DEED_ACTIONS = {
  confirm: { from: ['pending'], to: 'confirmed' },
  return: { from: ['pending'], to: 'returned' },
} as const satisfies Record<string, TransitionRule<DeedStatus>>;
export type DeedAction = keyof typeof DEED_ACTIONS;

export const reportStatusAfter = (action: ReportAction, status: ServiceReportStatus) => statusAfter<ServiceReportStatus>(REPORT_ACTIONS[action], status);
export const deedStatusAfter = (action: DeedAction, status: DeedStatus) => statusAfter<DeedStatus>(DEED_ACTIONS[action], status);
