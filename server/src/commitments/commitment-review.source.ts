import { Injectable } from '@nestjs/common';
import type { ReviewAction, ReviewReason } from '@xianfeng/shared';
import type { Db } from '../database/db.js';
import type { ReviewCursor, ReviewRow, ReviewSource } from '../review-queue/review-source.js';
import { CommitmentsRepository } from './commitments.repository.js';

/** What staff can do from the queue: the commitment routes that already exist (approve / return / clear-held). */
const ACTIONS: Record<ReviewReason, ReviewAction[]> = { pending_review: ['approve', 'return'], content_held: ['clear_held'] };

/** The commitments' part of the review queue: submitted commitments awaiting review and held texts of public ones. */
@Injectable()
export class CommitmentReviewSource implements ReviewSource {
  readonly kind = 'commitment' as const;

  constructor(private readonly repo: CommitmentsRepository) {}

  countWaiting(db: Db, orgIds: string[]): Promise<number> {
    return this.repo.countWaitingForReview(db, orgIds);
  }

  async waitingPage(db: Db, orgIds: string[], after: ReviewCursor | null, limit: number): Promise<ReviewRow[]> {
    const rows = await this.repo.findWaitingForReviewPage(db, orgIds, after, limit);
    return rows.map((r) => ({ ...r, kind: this.kind, actions: ACTIONS[r.reason] }));
  }
}
