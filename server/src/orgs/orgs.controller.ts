import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Board, Org, OrgDetail, Page, StaffGrantResponse } from '@xianfeng/shared';
import { Access, CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { PageQuery } from '../common/pagination.js';
import { IdPipe } from '../common/validation.js';
import { CreateOrgDto, StaffGrantDto } from './orgs.dto.js';
import { OrgsService } from './orgs.service.js';
import { BoardDto, OrgDetailDto, OrgDto, OrgPageDto, StaffGrantResponseDto } from './orgs.responses.js';

@ApiTags('orgs')
@Controller('orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  @Get()
  @Access('public')
  @ApiOperation({ summary: 'Top-level organisations (entry points of the tree)' })
  @ApiOkResponse({ type: OrgPageDto })
  roots(@Query() q: PageQuery): Promise<Page<Org>> {
    return this.orgs.children(null, q.limit ?? 20, q.cursor);
  }

  @Post()
  @Access('staff')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create an organisation: admin (top level), or staff of the parent' })
  @ApiCreatedResponse({ type: OrgDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrgDto): Promise<Org> {
    return this.orgs.create(actor, dto);
  }

  @Get(':id')
  @Access('public')
  @ApiOperation({ summary: 'Name, type, parent and public counts' })
  @ApiOkResponse({ type: OrgDetailDto })
  detail(@CurrentActor() actor: Actor | null, @Param('id', IdPipe) id: string): Promise<OrgDetail> {
    return this.orgs.detail(id, actor);
  }

  @Get(':id/children')
  @Access('public')
  @ApiOkResponse({ type: OrgPageDto })
  children(@Param('id', IdPipe) id: string, @Query() q: PageQuery): Promise<Page<Org>> {
    return this.orgs.children(id, q.limit ?? 20, q.cursor);
  }

  @Get(':id/board')
  @Access('public')
  @ApiOperation({ summary: 'The 亮岗 wall: public member cards of the organisation and its subtree' })
  @ApiOkResponse({ type: BoardDto })
  board(@Param('id', IdPipe) id: string, @Query() q: PageQuery): Promise<Board> {
    return this.orgs.board(id, q.limit ?? 20, q.cursor);
  }

  @Get(':id/poster')
  @Access('public')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: 'Printable A4 poster (SVG) with a QR code that opens the board' })
  poster(@Param('id', IdPipe) id: string): Promise<string> {
    return this.orgs.poster(id);
  }

  @Post(':id/staff')
  @HttpCode(200)
  @Access('staff')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Grant or revoke staff on this organisation: admin, or staff of it or an ancestor' })
  @ApiOkResponse({ type: StaffGrantResponseDto })
  setStaff(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: StaffGrantDto): Promise<StaffGrantResponse> {
    return this.orgs.setStaff(actor, id, dto.userId, dto.revoke === true);
  }
}
