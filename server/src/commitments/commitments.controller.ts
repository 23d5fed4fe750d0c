import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Commitment, CommitmentSummary, Page } from '@xianfeng/shared';
import { Access, CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
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

  @Post()
  @Access('user')
  @ApiOperation({ summary: "A draft: a member's own (in their own organisation) or a branch's (by its staff). Text is checked by WeChat: risky → 400 CONTENT_REJECTED" })
  @ApiCreatedResponse({ type: CommitmentResponseDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCommitmentDto): Promise<Commitment> {
    return this.commitments.create(actor, dto);
  }

  @Get()
  @Access('public')
  @ApiOperation({ summary: 'Published and fulfilled for everyone; drafts, pending and withdrawn also for their owner and staff. Newest first' })
  @ApiOkResponse({ type: CommitmentPageDto })
  list(@CurrentActor() actor: Actor | null, @Query() q: CommitmentListQuery): Promise<Page<CommitmentSummary>> {
    return this.commitments.list(actor, q);
  }

  @Get(':id')
  @Access('public')
  @ApiOperation({ summary: 'One commitment with its progress and reviews (reviewers are never named)' })
  @ApiOkResponse({ type: CommitmentResponseDto })
  get(@CurrentActor() actor: Actor | null, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.detail(actor, id);
  }

  @Patch(':id')
  @Access('user')
  @ApiOperation({ summary: 'The owner edits a draft (e.g. after it was sent back); the text is checked again' })
  @ApiOkResponse({ type: CommitmentResponseDto })
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: UpdateCommitmentDto): Promise<Commitment> {
    return this.commitments.update(actor, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Access('user')
  @ApiOperation({ summary: 'Owner: draft → pending_review (the due date must not be past); notifies staff' })
  @ApiOkResponse({ type: CommitmentResponseDto })
  submit(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.submit(actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Access('staff')
  @ApiOperation({ summary: 'Staff of the organisation or above: pending_review → published; notifies the owner' })
  @ApiOkResponse({ type: CommitmentResponseDto })
  approve(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.approve(actor, id);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Access('staff')
  @ApiOperation({ summary: 'Staff of the organisation or above: pending_review → draft with a reason; notifies the owner' })
  @ApiOkResponse({ type: CommitmentResponseDto })
  sendBack(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: ReturnCommitmentDto): Promise<Commitment> {
    return this.commitments.sendBack(actor, id, dto.reason);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Access('user')
  @ApiOperation({ summary: 'Owner: draft or pending_review → withdrawn' })
  @ApiOkResponse({ type: CommitmentResponseDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.withdraw(actor, id);
  }

  @Post(':id/fulfil')
  @HttpCode(200)
  @Access('staff')
  @ApiOperation({ summary: 'Staff of the organisation or above: published → fulfilled; notifies the owner' })
  @ApiOkResponse({ type: CommitmentResponseDto })
  fulfil(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.fulfil(actor, id);
  }

  @Post(':id/progress')
  @Access('user')
  @ApiOperation({ summary: "Owner, on a published commitment: a progress entry { text, photos[] } (photos: the caller's own uploads)" })
  @ApiCreatedResponse({ type: CommitmentResponseDto })
  progress(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: AddProgressDto): Promise<Commitment> {
    return this.commitments.addProgress(actor, id, dto);
  }

  @Post(':id/reviews')
  @Access('user')
  @ApiOperation({ summary: 'org (staff), peer (another member of the organisation) or public (anyone but the owner) review of a published or fulfilled commitment; once per reviewer and kind → else 409 ALREADY_REVIEWED' })
  @ApiCreatedResponse({ type: CommitmentResponseDto })
  review(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: CreateReviewDto): Promise<Commitment> {
    return this.commitments.review(actor, id, dto);
  }

  /** `clear-held`, as for wishes; `clear-content` is the older name, kept for clients that call it. */
  @Post([':id/clear-held', ':id/clear-content'])
  @HttpCode(200)
  @Access('staff')
  @ApiOperation({ summary: "Staff: lift the holds WeChat's content check asked for (the commitment, its progress, its reviews). clear-content is an alias" })
  @ApiOkResponse({ type: CommitmentResponseDto })
  clearHeld(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Commitment> {
    return this.commitments.clearHeld(actor, id);
  }
}
