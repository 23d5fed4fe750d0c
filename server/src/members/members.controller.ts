import { Body, Controller, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { CreateMemberResponse, ImportResult, Member, MemberCard, MemberLeaveResponse, Page, User } from '@xianfeng/shared';
import { IsString, MaxLength } from 'class-validator';
import { badRequest } from '../common/app-error.js';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { PageQuery } from '../common/pagination.js';
import { Route } from '../common/route.js';
import { UploadedFile, type UploadedFileData } from '../common/upload.js';
import { IdPipe, Optional } from '../common/validation.js';
import { BindDto, CreateMemberDto, MemberLeaveDto, UpdateMemberDto, UpdateMyMemberDto } from './members.dto.js';
import { MembersService } from './members.service.js';
import { buildRosterTemplateXlsx } from './roster-template.js';
import { UserResponseDto } from '../auth/auth.responses.js';
import { BindCodeDto, CreateMemberResponseDto, ImportResultDto, MemberCardDto, MemberLeaveResponseDto, MemberPageDto, MemberResponseDto } from './members.responses.js';

class RosterQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'part of a name' }) @Optional() @IsString() @MaxLength(50) q?: string;
}

const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

@ApiTags('members')
@ApiBearerAuth()
@Controller()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Route('POST', 'members/bind', { access: 'user', status: 200, returns: UserResponseDto, summary: 'Bind the caller to the member record behind a one-time code' })
  bind(@CurrentActor() actor: Actor, @Body() dto: BindDto): Promise<User> {
    return this.members.bind(actor, dto.bindCode);
  }

  @Route('PATCH', 'members/me', { access: 'member', returns: MemberResponseDto, summary: 'A member edits their own duties, post title, photo and phone visibility' })
  updateMine(@CurrentActor() actor: Actor, @Body() dto: UpdateMyMemberDto): Promise<Member> {
    return this.members.updateMine(actor, dto);
  }

  @Route('POST', 'orgs/:id/members', { access: 'staff', returns: CreateMemberResponseDto, summary: 'Create a member record; answers with a one-time bind code' })
  create(@CurrentActor() actor: Actor, @Param('id', IdPipe) orgId: string, @Body() dto: CreateMemberDto): Promise<CreateMemberResponse> {
    return this.members.create(actor, orgId, dto);
  }

  @Route('GET', 'orgs/:id/members', { access: 'staff', returns: MemberPageDto, summary: 'The full roster of the organisation and its subtree, private fields included' })
  roster(@CurrentActor() actor: Actor, @Param('id', IdPipe) orgId: string, @Query() q: RosterQuery): Promise<Page<Member>> {
    return this.members.roster(actor, orgId, q.limit ?? 20, q.cursor, q.q);
  }

  @Route('POST', 'orgs/:id/members/import', { access: 'staff', returns: ImportResultDto, upload: { maxBytes: IMPORT_MAX_BYTES }, summary: 'Roster import from .xlsx or .csv (≤ 5,000 rows): all or nothing, with a per-row error report' })
  import(@CurrentActor() actor: Actor, @Param('id', IdPipe) orgId: string, @UploadedFile() file?: UploadedFileData): Promise<ImportResult> {
    if (!file) throw badRequest('请上传文件', [{ field: 'file', message: '缺少文件（multipart 字段 file）' }]);
    return this.members.importRoster(actor, orgId, file);
  }

  @Route('GET', 'members/import-template.xlsx', { access: 'public',
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent('党员花名册模板.xlsx')}`,
    },
    summary: 'An empty roster workbook with the expected columns',
  })
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await buildRosterTemplateXlsx());
  }

  @Route('PATCH', 'members/:id', { access: 'staff', returns: MemberResponseDto, summary: "Edit a member record (staff of the member's organisation); moving organisations keeps history" })
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: UpdateMemberDto): Promise<Member> {
    return this.members.update(actor, id, dto);
  }

  @Route('POST', 'members/:id/leave', { access: 'staff', status: 200, returns: MemberLeaveResponseDto,
    summary: "Staff of the member's organisation: a dated leave (离开组织), not a deletion — off boards, rosters and counts from leftOn, " +
      'the binding ends, claimed wishes go back to the wall with a history entry. Twice → 409 MEMBER_ALREADY_LEFT' })
  leave(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: MemberLeaveDto): Promise<MemberLeaveResponse> {
    return this.members.leave(actor, id, dto);
  }

  @Route('GET', 'members/:id/history', { access: 'staff', summary: 'Where the member was before: organisation moves' })
  history(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.members.history(actor, id);
  }

  @Route('POST', 'members/:id/bind-code', { access: 'staff', returns: BindCodeDto, summary: 'Issue a new one-time bind code (the old one stops working)' })
  reissue(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.members.reissueBindCode(actor, id);
  }

  @Route('GET', 'members/:id/card', { access: 'public', returns: MemberCardDto, summary: 'The public identity card: never the birthday; the phone only if the member shows it' })
  card(@Param('id', IdPipe) id: string): Promise<MemberCard> {
    return this.members.card(id);
  }
}
