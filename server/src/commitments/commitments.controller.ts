import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Commitment, CommitmentSummary, Page } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { AddProgressDto, CommitmentListQuery, CreateCommitmentDto, CreateReviewDto, ReturnCommitmentDto, UpdateCommitmentDto } from './commitments.dto.js';
import { CommitmentsService } from './commitments.service.js';
import { CommitmentPageDto, CommitmentResponseDto } from './commitments.responses.js';

/**
 * 亮承诺 · 践诺 · 评诺. Lifecycle steps answer 200 with the commitment as it now is; a step the
 * current state does not allow is 409 INVALID_STATE_TRANSITION naming that state.
 */
@ApiTags('commitments')
@ApiBearerAuth()
@Controller('commitments')
export class CommitmentsController {
  constructor(private readonly commitments: CommitmentsService) {}

  @Route('POST', { access: 'user', returns: CommitmentResponseDto, summary: "A draft: a member's own (in their own organisation) or a branch's (by its staff). Text is checked by WeChat: risky → 400 CONTENT_REJECTED" })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCommitmentDto): Promise<Commitment> {
    return this.commitments.create(actor, dto);
  }

  @Route('GET', { access: 'public', returns: CommitmentPageDto, summary: 'Published and fulfilled for everyone; drafts, pending and withdrawn also for their owner and staff. Newest first' })
  list(@CurrentActor() actor: Actor | null, @Query() q: CommitmentListQuery): Promise<Page<CommitmentSummary>> {
    return this.commitments.list(actor, q);
  }

  @Route('GET', ':id', { access: 'public', returns: CommitmentResponseDto, summary: 'One commitment with its progress and reviews (reviewers are never named)' })
  get(@CurrentActor() actor: Actor | null, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.detail(actor, id);
  }

  @Route('PATCH', ':id', { access: 'user', returns: CommitmentResponseDto, summary: 'The owner edits a draft (e.g. after it was sent back); the text is checked again' })
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: UpdateCommitmentDto): Promise<Commitment> {
    return this.commitments.update(actor, id, dto);
  }

  @Route('POST', ':id/submit', { access: 'user', status: 200, returns: CommitmentResponseDto, summary: 'Owner: draft → pending_review (the due date must not be past); notifies staff' })
  submit(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.submit(actor, id);
  }

  @Route('POST', ':id/approve', { access: 'staff', status: 200, returns: CommitmentResponseDto, summary: 'Staff of the organisation or above: pending_review → published; notifies the owner' })
  approve(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.approve(actor, id);
  }

  @Route('POST', ':id/return', { access: 'staff', status: 200, returns: CommitmentResponseDto, summary: 'Staff of the organisation or above: pending_review → draft with a reason; notifies the owner' })
  sendBack(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: ReturnCommitmentDto): Promise<Commitment> {
    return this.commitments.sendBack(actor, id, dto.reason);
  }

  @Route('POST', ':id/withdraw', { access: 'user', status: 200, returns: CommitmentResponseDto, summary: 'Owner: draft or pending_review → withdrawn' })
  withdraw(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.withdraw(actor, id);
  }

  @Route('POST', ':id/fulfil', { access: 'staff', status: 200, returns: CommitmentResponseDto, summary: 'Staff of the organisation or above: published → fulfilled; notifies the owner' })
  fulfil(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.fulfil(actor, id);
  }

  @Route('POST', ':id/progress', { access: 'user', returns: CommitmentResponseDto, summary: "Owner, on a published commitment: a progress entry { text, photos[] } (photos: the caller's own uploads)" })
  progress(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: AddProgressDto): Promise<Commitment> {
    return this.commitments.addProgress(actor, id, dto);
  }

  @Route('POST', ':id/reviews', { access: 'user', returns: CommitmentResponseDto, summary: 'org (staff), peer (another member of the organisation) or public (anyone but the owner) review of a published or fulfilled commitment; once per reviewer and kind → else 409 ALREADY_REVIEWED' })
  review(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: CreateReviewDto): Promise<Commitment> {
    return this.commitments.review(actor, id, dto);
  }

  /** `clear-held`, as for wishes; `clear-content` is the older name, kept for clients that call it. */
  @Route('POST', [':id/clear-held', ':id/clear-content'], { access: 'staff', status: 200, returns: CommitmentResponseDto, summary: "Staff: lift the holds WeChat's content check asked for (the commitment, its progress, its reviews). clear-content is an alias" })
  clearHeld(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.clearHeld(actor, id);
  }
}
