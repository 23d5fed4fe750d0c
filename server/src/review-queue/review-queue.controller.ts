import { Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ReviewCounts, ReviewQueue } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { PageQuery } from '../common/pagination.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { ReviewCountsDto, ReviewQueueDto } from './review-queue.responses.js';
import { ReviewQueueService } from './review-queue.service.js';

@ApiTags('review-queue')
@ApiBearerAuth()
@Controller('orgs/:id/review-queue')
export class ReviewQueueController {
  constructor(private readonly queue: ReviewQueueService) {}

  @Route('GET', { access: 'staff', returns: ReviewQueueDto,
    summary: 'Staff of the organisation: what waits for review over its subtree (wishes and commitments awaiting review, texts and photos held by the content checks), oldest first, with the counts' })
  page(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Query() q: PageQuery): Promise<ReviewQueue> {
    return this.queue.page(actor, id, q.limit ?? 20, q.cursor);
  }

  @Route('GET', 'counts', { access: 'staff', returns: ReviewCountsDto, summary: "The queue's counts only, for the workbench badge" })
  counts(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<ReviewCounts> {
    return this.queue.counts(actor, id);
  }
}
