import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MemberReviews } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { CreateMemberReviewDto, MemberReviewsQuery } from './member-reviews.dto.js';
import { MemberReviewsDto } from './member-reviews.responses.js';
import { MemberReviewsService } from './member-reviews.service.js';

@ApiTags('member-reviews')
@ApiBearerAuth()
@Controller()
export class MemberReviewsController {
  constructor(private readonly reviews: MemberReviewsService) {}

  @Route('POST', 'members/:id/reviews', { access: 'user', returns: MemberReviewsDto,
    summary: '民主评议: org (staff of the member’s organisation), peer (a member of the same branch), public (any user); never oneself; one per reviewer, kind, member and period → else 409 ALREADY_REVIEWED' })
  create(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: CreateMemberReviewDto): Promise<MemberReviews> {
    return this.reviews.create(actor, id, dto);
  }

  @Route('GET', 'members/:id/reviews', { access: 'public', returns: MemberReviewsDto,
    summary: 'Public: count and average per kind for ?period= (default this year); the member and staff of the member’s organisation also get the comments, never who wrote them' })
  summary(@CurrentActor() actor: Actor | null, @Param('id', IdPipe) id: string, @Query() q: MemberReviewsQuery): Promise<MemberReviews> {
    return this.reviews.summary(actor, id, q.period);
  }
}
