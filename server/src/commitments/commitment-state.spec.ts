import { describe, expect, it } from '@jest/globals';
import { CommitmentStatuses, type CommitmentStatus } from '@xianfeng/shared';
import { CommitmentActionNames, invalidTransitionMessage, isOverdue, nextStatus, type CommitmentAction } from './commitment-state.js';

/** The whole lifecycle written out by hand: every (action, state) pair, null where the step is refused. */
const EXPECTED: Record<CommitmentAction, Record<CommitmentStatus, CommitmentStatus | null>> = {
  edit: { draft: 'draft', pending_review: null, published: null, fulfilled: null, withdrawn: null },
  submit: { draft: 'pending_review', pending_review: null, published: null, fulfilled: null, withdrawn: null },
  approve: { draft: null, pending_review: 'published', published: null, fulfilled: null, withdrawn: null },
  return: { draft: null, pending_review: 'draft', published: null, fulfilled: null, withdrawn: null },
  withdraw: { draft: 'withdrawn', pending_review: 'withdrawn', published: null, fulfilled: null, withdrawn: null },
  fulfil: { draft: null, pending_review: null, published: 'fulfilled', fulfilled: null, withdrawn: null },
  progress: { draft: null, pending_review: null, published: 'published', fulfilled: null, withdrawn: null },
  review: { draft: null, pending_review: null, published: 'published', fulfilled: 'fulfilled', withdrawn: null },
};

describe('commitment state machine', () => {
  it('covers exactly the actions listed here', () => {
    expect([...CommitmentActionNames].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const pairs = CommitmentActionNames.flatMap((action) => CommitmentStatuses.map((status) => [action, status, EXPECTED[action][status]] as const));
  it.each(pairs)('%s from %s → %s', (action, status, expected) => {
    expect(nextStatus(action, status)).toBe(expected);
  });

  it('never leaves a terminal state', () => {
    for (const action of CommitmentActionNames) expect(nextStatus(action, 'withdrawn')).toBeNull();
    for (const action of CommitmentActionNames.filter((a) => a !== 'review')) expect(nextStatus(action, 'fulfilled')).toBeNull();
  });

  it('names the current state in the refusal message', () => {
    const msg = invalidTransitionMessage('approve', 'published');
    expect(msg).toContain('published');
    expect(msg).toContain('践诺中');
    expect(msg).toContain('审核通过');
  });

  it('derives overdue from the due date, for published commitments only', () => {
    expect(isOverdue('published', '2026-03-01', '2026-03-02')).toBe(true);
    expect(isOverdue('published', '2026-03-02', '2026-03-02')).toBe(false); // due today is not late yet
    expect(isOverdue('fulfilled', '2026-03-01', '2026-03-02')).toBe(false);
    expect(isOverdue('pending_review', '2026-03-01', '2026-03-02')).toBe(false);
  });
});
