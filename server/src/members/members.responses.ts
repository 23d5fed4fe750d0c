import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Genders,
  MemberStatuses,
  PostKinds,
  type CreateMemberResponse,
  type Gender,
  type ImportResult,
  type Member,
  type MemberCard,
  type MemberStatus,
  type Page,
  type PostKind,
} from '@xianfeng/shared';
import { PageCursorDto } from '../common/responses.js';

export class MemberResponseDto implements Member {
  @ApiProperty() id: string;
  @ApiProperty() orgId: string;
  @ApiPropertyOptional() orgName?: string;
  @ApiProperty({ type: String, nullable: true }) userId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Genders }) gender: Gender;
  @ApiProperty({ format: 'date', description: 'private' }) birthday: string;
  @ApiProperty({ format: 'date' }) joinedPartyOn: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) workStartedOn?: string | null;
  @ApiProperty({ enum: MemberStatuses }) status: MemberStatus;
  @ApiProperty({ enum: PostKinds, nullable: true }) postKind: PostKind | null;
  @ApiPropertyOptional({ type: String, nullable: true }) postTitle?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) duties?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) photoUrl?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'private unless showPhone' }) phone?: string | null;
  @ApiProperty() showPhone: boolean;
}

export class MemberPageDto extends PageCursorDto implements Page<Member> {
  @ApiProperty({ type: [MemberResponseDto] }) items: MemberResponseDto[];
}

export class BindCodeDto implements Pick<CreateMemberResponse, 'bindCode' | 'bindCodeExpiresAt'> {
  @ApiProperty({ description: 'one-time code the member enters (or scans) to bind their WeChat account' }) bindCode: string;
  @ApiProperty({ format: 'date-time' }) bindCodeExpiresAt: string;
}

export class CreateMemberResponseDto extends BindCodeDto implements CreateMemberResponse {
  @ApiProperty({ type: MemberResponseDto }) member: MemberResponseDto;
}

class ImportedMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() bindCode: string;
}

export class ImportResultDto implements ImportResult {
  @ApiProperty() imported: number;
  @ApiProperty({ type: [ImportedMemberDto] }) members: ImportedMemberDto[];
}

/** The public identity card (亮身份): never the birthday; the phone only when the member shows it. */
export class MemberCardDto implements MemberCard {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ enum: PostKinds, nullable: true }) postKind: PostKind | null;
  @ApiProperty({ type: String, nullable: true }) postTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) duties: string | null;
  @ApiProperty({ type: String, nullable: true }) photoUrl: string | null;
  @ApiProperty({ format: 'date' }) joinedPartyOn: string;
  @ApiProperty() partyYears: number;
  @ApiProperty({ enum: MemberStatuses }) status: MemberStatus;
  @ApiPropertyOptional({ description: 'only when the member shows it' }) phone?: string;
  @ApiProperty({ description: 'confirmed service minutes of the current year (Asia/Shanghai)' }) serviceMinutes: number;
  @ApiProperty({ description: 'confirmed deeds of the current year: a count only' }) deeds: number;
}
