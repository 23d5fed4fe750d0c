import { describe, expect, it } from '@jest/globals';
import { WishActions, WishStatuses, type WishAction, type WishStatus } from '@xianfeng/shared';
import { mayTake, nextStatus, WishActionNames, type WishRole } from './wish-state.js';

/** The whole lifecycle written out by hand: every (action, state) pair, null where the step is refused. */
const EXPECTED: Record<WishAction, Record<WishStatus, WishStatus | null>> = {
  post: { pending_review: null, open: null, rejected: null, claimed: null, fulfilled: null, confirmed: null, expired: null },
  approve: { pending_review: 'open', open: null, rejected: null, claimed: null, fulfilled: null, confirmed: null, expired: null },
  reject: { pending_review: 'rejected', open: null, rejected: null, claimed: null, fulfilled: null, confirmed: null, expired: null },
  claim: { pending_review: null, open: 'claimed', rejected: null, claimed: null, fulfilled: null, confirmed: null, expired: null },
  release: { pending_review: null, open: null, rejected: null, claimed: 'open', fulfilled: null, confirmed: null, expired: null },
  fulfil: { pending_review: null, open: null, rejected: null, claimed: 'fulfilled', fulfilled: null, confirmed: null, expired: null },
  confirm: { pending_review: null, open: null, rejected: null, claimed: null, fulfilled: 'confirmed', confirmed: null, expired: null },
  expire: { pending_review: null, open: 'expired', rejected: null, claimed: null, fulfilled: null, confirmed: null, expired: null },
  clear_held: {
    pending_review: 'pending_review',
    open: 'open',
    rejected: 'rejected',
    claimed: 'claimed',
    fulfilled: 'fulfilled',
    confirmed: 'confirmed',
    expired: 'expired',
  },
};

/** Who may take each step, by hand (the state aside). */
const MAY: Record<WishAction, WishRole[]> = {
  post: ['user'],
  approve: ['staff'],
  reject: ['staff'],
  claim: ['member'],
  release: ['claimer'],
  fulfil: ['claimer'],
  confirm: ['wisher', 'staff'],
  expire: ['system'],
  clear_held: ['staff'],
};
const ROLES: WishRole[] = ['user', 'member', 'staff', 'wisher', 'claimer', 'system'];

describe('wish state machine', () => {
  it('covers exactly the actions a wish history records', () => {
    expect([...WishActionNames].sort()).toEqual([...WishActions].sort());
  });

  const pairs = WishActionNames.flatMap((action) => WishStatuses.map((status) => [action, status, EXPECTED[action][status]] as const));
  it.each(pairs)('%s from %s → %s', (action, status, expected) => {
    expect(nextStatus(action, status)).toBe(expected);
  });

  it('never moves a wish out of rejected, confirmed or expired', () => {
    for (const action of WishActionNames.filter((a) => a !== 'clear_held')) {
      for (const end of ['rejected', 'confirmed', 'expired'] as const) expect(nextStatus(action, end)).toBeNull();
    }
  });

  const grants = WishActionNames.flatMap((action) => ROLES.map((role) => [action, role, MAY[action].includes(role)] as const));
  it.each(grants)('%s by %s: %s', (action, role, allowed) => {
    expect(mayTake(action, { [role]: true })).toBe(allowed);
  });

  it('refuses a caller who holds no role at all', () => {
    for (const action of WishActionNames) expect(mayTake(action, { staff: false, wisher: false, claimer: false })).toBe(false);
  });
});
