import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, Wish, WishCounts, WishSettings } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { ApproveWishDto, ConfirmWishDto, CreateWishDto, FulfilWishDto, ListWishesQuery, RejectWishDto, WishSettingsDto } from './wishes.dto.js';
import { WishesService } from './wishes.service.js';
import { WishCountsDto, WishPageDto, WishResponseDto, WishSettingsResponseDto } from './wishes.responses.js';

@ApiTags('wishes')
@ApiBearerAuth()
@Controller()
export class WishesController {
  constructor(private readonly wishes: WishesService) {}

  @Route('POST', 'wishes', { access: 'user', returns: WishResponseDto,
    summary: 'Post a wish (pending_review). Staff of the organisation giving wisherName post on a resident\'s behalf. ' +
      'Text WeChat calls risky → 400 CONTENT_REJECTED, nothing stored.' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWishDto): Promise<Wish> {
    return this.wishes.create(actor, dto);
  }

  @Route('GET', 'wishes', { access: 'public', returns: WishPageDto,
    summary: 'The wall, newest first, over the subtree of orgId: open/claimed/fulfilled/confirmed for everyone; ' +
      'other statuses for staff of orgId; mine=posted|claimed for the caller\'s own. Items omit history.' })
  list(@CurrentActor() actor: Actor | null, @Query() q: ListWishesQuery): Promise<Page<Wish>> {
    return this.wishes.list(actor, q);
  }

  @Route('GET', 'wishes/:id', { access: 'public', returns: WishResponseDto, summary: 'A wish with its history; the wisher masked (张**) unless the caller is the wisher, staff, or the claimer while claimed/fulfilled' })
  get(@CurrentActor() actor: Actor | null, @Param('id', IdPipe) id: string): Promise<Wish> {
    return this.wishes.get(actor, id);
  }

  @Route('POST', 'wishes/:id/approve', { access: 'staff', status: 200, returns: WishResponseDto, summary: 'Staff of the organisation: pending_review → open, with an optional last day expiresOn' })
  approve(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: ApproveWishDto): Promise<Wish> {
    return this.wishes.approve(actor, id, dto);
  }

  @Route('POST', 'wishes/:id/reject', { access: 'staff', status: 200, returns: WishResponseDto, summary: 'Staff of the organisation: pending_review → rejected, with a reason the wisher sees' })
  reject(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: RejectWishDto): Promise<Wish> {
    return this.wishes.reject(actor, id, dto);
  }

  @Route('POST', 'wishes/:id/claim', { access: 'member', status: 200, returns: WishResponseDto, summary: 'Any member: open → claimed. 409 WISH_ALREADY_CLAIMED / WISH_NOT_OPEN / CLAIM_LIMIT_REACHED' })
  claim(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Wish> {
    return this.wishes.claim(actor, id);
  }

  @Route('POST', 'wishes/:id/release', { access: 'member', status: 200, returns: WishResponseDto, summary: 'The claimer: claimed → open' })
  release(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Wish> {
    return this.wishes.release(actor, id);
  }

  @Route('POST', 'wishes/:id/fulfil', { access: 'member', status: 200, returns: WishResponseDto, summary: 'The claimer: claimed → fulfilled, with a note and up to 9 photos' })
  fulfil(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: FulfilWishDto): Promise<Wish> {
    return this.wishes.fulfil(actor, id, dto);
  }

  @Route('POST', 'wishes/:id/confirm', { access: 'user', status: 200, returns: WishResponseDto, summary: 'The wisher, or staff of the organisation: fulfilled → confirmed, with optional thanks and a 1–5 rating' })
  confirm(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: ConfirmWishDto): Promise<Wish> {
    return this.wishes.confirm(actor, id, dto);
  }

  @Route('POST', 'wishes/:id/clear-held', { access: 'staff', status: 200, returns: WishResponseDto, summary: 'Staff of the organisation: show the public a fulfilment note or thanks WeChat sent to human review' })
  clearHeld(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Wish> {
    return this.wishes.clearHeld(actor, id);
  }

  @Route('GET', 'orgs/:id/wish-counts', { access: 'public', returns: WishCountsDto,
    summary: 'Board counts over the subtree: posted, open, claimed, fulfilled (已认领完成), confirmed — cumulative, see WishCounts. ' +
      'Served from a cache at most 10 s old.' })
  counts(@Param('id', IdPipe) id: string): Promise<WishCounts> {
    return this.wishes.boardCounts(id);
  }

  @Route('GET', 'orgs/:id/wish-settings', { access: 'staff', returns: WishSettingsResponseDto, summary: 'The claim limit that governs the organisation (its own, or inherited from the nearest ancestor; default 3)' })
  settings(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<WishSettings> {
    return this.wishes.settings(actor, id);
  }

  @Route('PUT', 'orgs/:id/wish-settings', { access: 'staff', returns: WishSettingsResponseDto, summary: 'Set the claim limit (1–20) for wishes of the organisation and its subtree' })
  putSettings(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: WishSettingsDto): Promise<WishSettings> {
    return this.wishes.putSettings(actor, id, dto.claimLimit);
  }
}
