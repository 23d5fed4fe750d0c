import { Inject, Injectable } from '@nestjs/common';
import type { ReviewAction } from '@xianfeng/shared';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Db } from '../database/db.js';
import type { ReviewCursor, ReviewRow, ReviewSource } from '../review-queue/review-source.js';
import { PhotoChecks } from './photo-checks.js';
import { UploadsRepository } from './uploads.repository.js';

/** What staff can do from the queue: the upload routes that already exist (approve / remove). */
const ACTIONS: ReviewAction[] = ['approve', 'remove'];

/** How long the thumbnail's signed URL in a queue page lives. */
const VIEW_URL_TTL_SECONDS = 3600;

/**
 * The held photos' part of the review queue: photos WeChat's image check sent to a person (its
 * verdict was `review`, or none came in time), each with a signed URL staff can look at it through
 * (an <Image> carries no Authorization header).
 */
@Injectable()
export class PhotoReviewSource implements ReviewSource {
  readonly kind = 'photo' as const;

  constructor(
    private readonly repo: UploadsRepository,
    private readonly checks: PhotoChecks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  countWaiting(db: Db, orgIds: string[]): Promise<number> {
    return this.repo.countHeldWaiting(db, orgIds, this.config.mediaCheck.reviewAfterSeconds);
  }

  async waitingPage(db: Db, orgIds: string[], after: ReviewCursor | null, limit: number): Promise<ReviewRow[]> {
    const rows = await this.repo.findHeldWaitingPage(db, orgIds, this.config.mediaCheck.reviewAfterSeconds, after, limit);
    return Promise.all(
      rows.map(async ({ key, ...r }) => ({ ...r, kind: this.kind, actions: ACTIONS, imageUrl: await this.checks.signedUrl(key, VIEW_URL_TTL_SECONDS) })),
    );
  }
}
