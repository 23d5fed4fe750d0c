import { Injectable } from '@nestjs/common';
import type { ReviewAction, ReviewReason } from '@xianfeng/shared';
import type { Db } from '../database/db.js';
import type { ReviewCursor, ReviewRow, ReviewSource } from '../review-queue/review-source.js';
import { WishesRepository } from './wishes.repository.js';

/** What staff can do from the queue: the wish routes that already exist (approve / reject / clear-held). */
const ACTIONS: Record<ReviewReason, ReviewAction[]> = { pending_review: ['approve', 'reject'], content_held: ['clear_held'] };

/** The wishes' part of the review queue: posted wishes awaiting review and held fulfilment notes or thanks. */
@Injectable()
export class WishReviewSource implements ReviewSource {
  readonly kind = 'wish' as const;

  constructor(private readonly repo: WishesRepository) {}

  countWaiting(db: Db, orgIds: string[]): Promise<number> {
    return this.repo.countWaitingForReview(db, orgIds);
  }

  async waitingPage(db: Db, orgIds: string[], after: ReviewCursor | null, limit: number): Promise<ReviewRow[]> {
    const rows = await this.repo.findWaitingForReviewPage(db, orgIds, after, limit);
    return rows.map((r) => ({ ...r, kind: this.kind, actions: ACTIONS[r.reason] }));
  }
}
