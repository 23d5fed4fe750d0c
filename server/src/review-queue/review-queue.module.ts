import { Module } from '@nestjs/common';
import { CommitmentReviewSource } from '../commitments/commitment-review.source.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { PhotoReviewSource } from '../uploads/photo-review.source.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { WishReviewSource } from '../wishes/wish-review.source.js';
import { WishesModule } from '../wishes/wishes.module.js';
import { ReviewQueueController } from './review-queue.controller.js';
import { ReviewQueueService } from './review-queue.service.js';
import { REVIEW_SOURCES, type ReviewSource } from './review-source.js';

/** The review queue reads through the sources the owning modules export; add a kind by adding its source here. */
@Module({
  imports: [WishesModule, CommitmentsModule, UploadsModule],
  controllers: [ReviewQueueController],
  providers: [
    ReviewQueueService,
    {
      provide: REVIEW_SOURCES,
      inject: [WishReviewSource, CommitmentReviewSource, PhotoReviewSource],
      useFactory: (...sources: ReviewSource[]): ReviewSource[] => sources,
    },
  ],
})
export class ReviewQueueModule {}
