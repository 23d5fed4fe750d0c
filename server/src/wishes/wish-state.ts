import { WishStatuses, type WishAction, type WishStatus } from '@xianfeng/shared';
import { statusAfter } from '../common/transitions.js';

/**
 * Who may take a step, relative to the wish: `user` anyone logged in; `member` any bound member;
 * `staff` staff of the wish's organisation or above (or an admin); `wisher` who posted it, for
 * themselves or on a resident's behalf; `claimer` the member holding it; `system` the expiry job.
 */
export type WishRole = 'user' | 'member' | 'staff' | 'wisher' | 'claimer' | 'system';

/**
 * The micro-wish lifecycle, in one place:
 *
 *   post ─▶ pending_review ──approve──▶ open ──claim──▶ claimed ──fulfil──▶ fulfilled ──confirm──▶ confirmed
 *                │                      ▲  │              │
 *                └──reject──▶ rejected   │  └─expire─▶ expired
 *                                       └────release─────┘
 *
 * `post` creates the wish (there is no status to leave); `clear_held` is an activity that keeps the
 * status (staff release text WeChat sent to human review, in any state). The service applies a move
 * with one conditional `UPDATE … WHERE status = ANY(from)` (WishesRepository.move), so that of two
 * racing requests only one applies it.
 */
export const WISH_ACTIONS = {
  post: { from: [], to: 'pending_review', who: ['user'] },
  approve: { from: ['pending_review'], to: 'open', who: ['staff'] },
  reject: { from: ['pending_review'], to: 'rejected', who: ['staff'] },
  claim: { from: ['open'], to: 'claimed', who: ['member'] },
  release: { from: ['claimed'], to: 'open', who: ['claimer'] },
  fulfil: { from: ['claimed'], to: 'fulfilled', who: ['claimer'] },
  confirm: { from: ['fulfilled'], to: 'confirmed', who: ['wisher', 'staff'] },
  expire: { from: ['open'], to: 'expired', who: ['system'] },
  clear_held: { from: WishStatuses, to: null, who: ['staff'] },
} as const satisfies Record<WishAction, { from: readonly WishStatus[]; to: WishStatus | null; who: readonly WishRole[] }>;

/** The actions that move an existing wish to another status (what WishesRepository.move applies). */
export type WishMove = Exclude<WishAction, 'post' | 'clear_held'>;

export const WishActionNames = Object.keys(WISH_ACTIONS) as WishAction[];

/** The status the action leads to from `status`: the same status for activities, null when not allowed. */
export function nextStatus(action: WishAction, status: WishStatus): WishStatus | null {
  return statusAfter<WishStatus>(WISH_ACTIONS[action], status);
}

export function fromStatuses(action: WishAction): readonly WishStatus[] {
  return WISH_ACTIONS[action].from;
}

/** Whether someone holding `roles` towards the wish may take the action (the state aside). */
export function mayTake(action: WishAction, roles: Partial<Record<WishRole, boolean>>): boolean {
  const who: readonly WishRole[] = WISH_ACTIONS[action].who;
  return who.some((r) => roles[r] === true);
}
