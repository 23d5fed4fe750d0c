import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AcceptStaffInviteResponse, StaffInvite } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { AcceptStaffInviteDto } from './orgs.dto.js';
import { AcceptStaffInviteResponseDto, StaffInviteDto } from './orgs.responses.js';
import { StaffInvitesService } from './staff-invites.service.js';

@ApiTags('orgs')
@ApiBearerAuth()
@Controller()
export class StaffInvitesController {
  constructor(private readonly invites: StaffInvitesService) {}

  @Route('POST', 'orgs/:id/staff-invites', { access: 'staff', returns: StaffInviteDto,
    summary: 'A one-time invitation (code, valid 72 hours) to become staff of this organisation: admin, or staff of it or an ancestor' })
  create(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<StaffInvite> {
    return this.invites.create(actor, id);
  }

  @Route('POST', 'staff-invites/accept', { access: 'user', status: 200, returns: AcceptStaffInviteResponseDto,
    summary: "The caller becomes staff of the invitation's organisation. Used → 409 INVITE_USED, expired → 409 INVITE_EXPIRED, unknown → 404 INVITE_INVALID" })
  accept(@CurrentActor() actor: Actor, @Body() dto: AcceptStaffInviteDto): Promise<AcceptStaffInviteResponse> {
    return this.invites.accept(actor, dto.code);
  }
}
