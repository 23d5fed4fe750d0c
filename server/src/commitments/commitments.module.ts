import { CommitmentsLedger } from './commitments.ledger.js';
import { Module } from '@nestjs/common';
import { UploadsModule } from '../uploads/uploads.module.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { CommitmentsController } from './commitments.controller.js';
import { CommitmentsRepository } from './commitments.repository.js';
import { CommitmentsService } from './commitments.service.js';
import { CommitmentReviewSource } from './commitment-review.source.js';

@Module({
  imports: [WechatModule, UploadsModule],
  controllers: [CommitmentsController],
  providers: [CommitmentsService, CommitmentsRepository, CommitmentsLedger, CommitmentReviewSource],
  exports: [CommitmentsService, CommitmentsLedger, CommitmentReviewSource],
})
export class CommitmentsModule {}
