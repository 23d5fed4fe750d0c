import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { CreateMemberResponse, ImportResult, Member, MemberCard, Page, User } from '@xianfeng/shared';
import { IsString, MaxLength } from 'class-validator';
import { badRequest } from '../common/app-error.js';
import { Access, CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { PageQuery } from '../common/pagination.js';
import { IdPipe, Optional } from '../common/validation.js';
import { BindDto, CreateMemberDto, UpdateMemberDto, UpdateMyMemberDto } from './members.dto.js';
import { MembersService } from './members.service.js';
import { buildRosterTemplateXlsx } from './roster-template.js';
import { UserResponseDto } from '../auth/auth.responses.js';
import { BindCodeDto, CreateMemberResponseDto, ImportResultDto, MemberCardDto, MemberPageDto, MemberResponseDto } from './members.responses.js';

class RosterQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'part of a name' }) @Optional() @IsString() @MaxLength(50) q?: string;
}

const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

@ApiTags('members')
@ApiBearerAuth()
@Controller()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post('members/bind')
  @HttpCode(200)
  @Access('user')
  @ApiOperation({ summary: 'Bind the caller to the member record behind a one-time code' })
  @ApiOkResponse({ type: UserResponseDto })
  bind(@CurrentActor() actor: Actor, @Body() dto: BindDto): Promise<User> {
    return this.members.bind(actor, dto.bindCode);
  }

  @Patch('members/me')
  @Access('member')
  @ApiOperation({ summary: 'A member edits their own duties, post title, photo and phone visibility' })
  @ApiOkResponse({ type: MemberResponseDto })
  updateMine(@CurrentActor() actor: Actor, @Body() dto: UpdateMyMemberDto): Promise<Member> {
    return this.members.updateMine(actor, dto);
  }

  @Post('orgs/:id/members')
  @Access('staff')
  @ApiOperation({ summary: 'Create a member record; answers with a one-time bind code' })
  @ApiCreatedResponse({ type: CreateMemberResponseDto })
  create(@CurrentActor() actor: Actor, @Param('id', IdPipe) orgId: string, @Body() dto: CreateMemberDto): Promise<CreateMemberResponse> {
    return this.members.create(actor, orgId, dto);
  }

  @Get('orgs/:id/members')
  @Access('staff')
  @ApiOperation({ summary: 'The full roster of the organisation and its subtree, private fields included' })
  @ApiOkResponse({ type: MemberPageDto })
  roster(@CurrentActor() actor: Actor, @Param('id', IdPipe) orgId: string, @Query() q: RosterQuery): Promise<Page<Member>> {
    return this.members.roster(actor, orgId, q.limit ?? 20, q.cursor, q.q);
  }

  @Post('orgs/:id/members/import')
  @Access('staff')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Roster import from .xlsx or .csv (≤ 5,000 rows): all or nothing, with a per-row error report' })
  @ApiCreatedResponse({ type: ImportResultDto })
  import(@CurrentActor() actor: Actor, @Param('id', IdPipe) orgId: string, @UploadedFile() file?: Express.Multer.File): Promise<ImportResult> {
    if (!file) throw badRequest('请上传文件', [{ field: 'file', message: '缺少文件（multipart 字段 file）' }]);
    return this.members.importRoster(actor, orgId, file);
  }

  @Get('members/import-template.xlsx')
  @Access('public')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Disposition', `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent('党员花名册模板.xlsx')}`)
  @ApiOperation({ summary: 'An empty roster workbook with the expected columns' })
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await buildRosterTemplateXlsx());
  }

  @Patch('members/:id')
  @Access('staff')
  @ApiOperation({ summary: "Edit a member record (staff of the member's organisation); moving organisations keeps history" })
  @ApiOkResponse({ type: MemberResponseDto })
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: UpdateMemberDto): Promise<Member> {
    return this.members.update(actor, id, dto);
  }

  @Get('members/:id/history')
  @Access('staff')
  @ApiOperation({ summary: 'Where the member was before: organisation moves' })
  history(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.members.history(actor, id);
  }

  @Post('members/:id/bind-code')
  @Access('staff')
  @ApiOperation({ summary: 'Issue a new one-time bind code (the old one stops working)' })
  @ApiCreatedResponse({ type: BindCodeDto })
  reissue(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.members.reissueBindCode(actor, id);
  }

  @Get('members/:id/card')
  @Access('public')
  @ApiOperation({ summary: 'The public identity card: never the birthday; the phone only if the member shows it' })
  @ApiOkResponse({ type: MemberCardDto })
  card(@Param('id', IdPipe) id: string): Promise<MemberCard> {
    return this.members.card(id);
  }
}
