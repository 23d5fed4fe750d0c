import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, Wish, WishCounts, WishSettings } from '@xianfeng/shared';
import { Access, CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { IdPipe } from '../common/validation.js';
import { ApproveWishDto, ConfirmWishDto, CreateWishDto, FulfilWishDto, ListWishesQuery, RejectWishDto, WishSettingsDto } from './wishes.dto.js';
import { WishesService } from './wishes.service.js';
import { WishCountsDto, WishPageDto, WishResponseDto, WishSettingsResponseDto } from './wishes.responses.js';

@ApiTags('wishes')
@ApiBearerAuth()
@Controller()
export class WishesController {
  constructor(private readonly wishes: WishesService) {}

  @Post('wishes')
  @Access('user')
  @ApiOperation({
    summary: 'Post a wish (pending_review). Staff of the organisation giving wisherName post on a resident\'s behalf. ' +
      'Text WeChat calls risky → 400 CONTENT_REJECTED, nothing stored.',
  })
  @ApiCreatedResponse({ type: WishResponseDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWishDto): Promise<Wish> {
    return this.wishes.create(actor, dto);
  }

  @Get('wishes')
  @Access('public')
  @ApiOperation({
    summary: 'The wall, newest first, over the subtree of orgId: open/claimed/fulfilled/confirmed for everyone; ' +
      'other statuses for staff of orgId; mine=posted|claimed for the caller\'s own. Items omit history.',
  })
  @ApiOkResponse({ type: WishPageDto })
  list(@CurrentActor() actor: Actor | null, @Query() q: ListWishesQuery): Promise<Page<Wish>> {
    return this.wishes.list(actor, q);
  }

  @Get('wishes/:id')
  @Access('public')
  @ApiOperation({ summary: 'A wish with its history; the wisher masked (张**) unless the caller is the wisher, staff, or the claimer while claimed/fulfilled' })
  @ApiOkResponse({ type: WishResponseDto })
  get(@CurrentActor() actor: Actor | null, @Param('id', IdPipe) id: string): Promise<Wish> {
    return this.wishes.get(actor, id);
  }

  @Post('wishes/:id/approve')
  @HttpCode(200)
  @Access('staff')
  @ApiOperation({ summary: 'Staff of the organisation: pending_review → open, with an optional last day expiresOn' })
  @ApiOkResponse({ type: WishResponseDto })
  approve(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: ApproveWishDto): Promise<Wish> {
    return this.wishes.approve(actor, id, dto);
  }

  @Post('wishes/:id/reject')
  @HttpCode(200)
  @Access('staff')
  @ApiOperation({ summary: 'Staff of the organisation: pending_review → rejected, with a reason the wisher sees' })
  @ApiOkResponse({ type: WishResponseDto })
  reject(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: RejectWishDto): Promise<Wish> {
    return this.wishes.reject(actor, id, dto);
  }

  @Post('wishes/:id/claim')
  @HttpCode(200)
  @Access('member')
  @ApiOperation({ summary: 'Any member: open → claimed. 409 WISH_ALREADY_CLAIMED / WISH_NOT_OPEN / CLAIM_LIMIT_REACHED' })
  @ApiOkResponse({ type: WishResponseDto })
  claim(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Wish> {
    return this.wishes.claim(actor, id);
  }

  @Post('wishes/:id/release')
  @HttpCode(200)
  @Access('member')
  @ApiOperation({ summary: 'The claimer: claimed → open' })
  @ApiOkResponse({ type: WishResponseDto })
  release(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Wish> {
    return this.wishes.release(actor, id);
  }

  @Post('wishes/:id/fulfil')
  @HttpCode(200)
  @Access('member')
  @ApiOperation({ summary: 'The claimer: claimed → fulfilled, with a note and up to 9 photos' })
  @ApiOkResponse({ type: WishResponseDto })
  fulfil(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: FulfilWishDto): Promise<Wish> {
    return this.wishes.fulfil(actor, id, dto);
  }

  @Post('wishes/:id/confirm')
  @HttpCode(200)
  @Access('user')
  @ApiOperation({ summary: 'The wisher, or staff of the organisation: fulfilled → confirmed, with optional thanks and a 1–5 rating' })
  @ApiOkResponse({ type: WishResponseDto })
  confirm(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: ConfirmWishDto): Promise<Wish> {
    return this.wishes.confirm(actor, id, dto);
  }

  @Post('wishes/:id/clear-held')
  @HttpCode(200)
  @Access('staff')
  @ApiOperation({ summary: 'Staff of the organisation: show the public a fulfilment note or thanks WeChat sent to human review' })
  @ApiOkResponse({ type: WishResponseDto })
  clearHeld(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Wish> {
    return this.wishes.clearHeld(actor, id);
  }

  @Get('orgs/:id/wish-counts')
  @Access('public')
  @ApiOperation({
    summary: 'Board counts over the subtree: posted, open, claimed, fulfilled (已认领完成), confirmed — cumulative, see WishCounts. ' +
      'Served from a cache at most 10 s old.',
  })
  @ApiOkResponse({ type: WishCountsDto })
  counts(@Param('id', IdPipe) id: string): Promise<WishCounts> {
    return this.wishes.boardCounts(id);
  }

  @Get('orgs/:id/wish-settings')
  @Access('staff')
  @ApiOperation({ summary: 'The claim limit that governs the organisation (its own, or inherited from the nearest ancestor; default 3)' })
  @ApiOkResponse({ type: WishSettingsResponseDto })
  settings(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<WishSettings> {
    return this.wishes.settings(actor, id);
  }

  @Put('orgs/:id/wish-settings')
  @Access('staff')
  @ApiOperation({ summary: 'Set the claim limit (1–20) for wishes of the organisation and its subtree' })
  @ApiOkResponse({ type: WishSettingsResponseDto })
  putSettings(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: WishSettingsDto): Promise<WishSettings> {
    return this.wishes.putSettings(actor, id, dto.claimLimit);
  }
}
