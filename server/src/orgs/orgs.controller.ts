import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Board, Org, OrgDetail, OrgHit, Page, StaffGrantResponse } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { PageQuery } from '../common/pagination.js';
import { Route } from '../common/route.js';
import { IdPipe } from '../common/validation.js';
import { CreateOrgDto, OrgListQuery, RenameOrgDto, StaffGrantDto } from './orgs.dto.js';
import { OrgsService } from './orgs.service.js';
import { BoardDto, OrgDetailDto, OrgDto, OrgHitPageDto, OrgPageDto, StaffGrantResponseDto } from './orgs.responses.js';

@ApiTags('orgs')
@Controller('orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  @Route('GET', { access: 'public', returns: OrgHitPageDto, summary: '?q= searches organisations by name at any depth, best matches first; without q, the top-level organisations' })
  list(@Query() q: OrgListQuery): Promise<Page<OrgHit>> {
    return this.orgs.list(q.q, q.limit ?? 20, q.cursor);
  }

  @Route('POST', { access: 'staff', returns: OrgDto, summary: 'Create an organisation: admin (top level), or staff of the parent' })
  @ApiBearerAuth()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrgDto): Promise<Org> {
    return this.orgs.create(actor, dto);
  }

  @Route('GET', ':id', { access: 'public', returns: OrgDetailDto, summary: 'Name, type, parent and public counts' })
  detail(@CurrentActor() actor: Actor | null, @Param('id', IdPipe) id: string): Promise<OrgDetail> {
    return this.orgs.detail(id, actor);
  }

  @Route('PATCH', ':id', { access: 'staff', returns: OrgDto, summary: 'Rename `{ name }`: admin, or staff of the organisation or an ancestor' })
  @ApiBearerAuth()
  rename(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: RenameOrgDto): Promise<Org> {
    return this.orgs.rename(actor, id, dto.name);
  }

  @Route('GET', ':id/children', { access: 'public', returns: OrgPageDto })
  children(@Param('id', IdPipe) id: string, @Query() q: PageQuery): Promise<Page<Org>> {
    return this.orgs.children(id, q.limit ?? 20, q.cursor);
  }

  @Route('GET', ':id/board', { access: 'public', returns: BoardDto, summary: 'The 亮岗 wall: public member cards of the organisation and its subtree' })
  board(@Param('id', IdPipe) id: string, @Query() q: PageQuery): Promise<Board> {
    return this.orgs.board(id, q.limit ?? 20, q.cursor);
  }

  @Route('GET', ':id/poster', { access: 'public', produces: 'image/svg+xml',
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    },
    summary: 'Printable A4 poster (SVG) with a QR code that opens the board',
  })
  poster(@Param('id', IdPipe) id: string): Promise<string> {
    return this.orgs.poster(id);
  }

  @Route('POST', ':id/staff', { access: 'staff', status: 200, returns: StaffGrantResponseDto, summary: 'Grant or revoke staff on this organisation: admin, or staff of it or an ancestor' })
  @ApiBearerAuth()
  setStaff(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: StaffGrantDto): Promise<StaffGrantResponse> {
    return this.orgs.setStaff(actor, id, dto.userId, dto.revoke === true);
  }
}
