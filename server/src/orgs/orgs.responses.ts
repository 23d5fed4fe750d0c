import { ApiProperty } from '@nestjs/swagger';
import { OrgTypes, type Board, type Org, type OrgDetail, type OrgHit, type OrgType, type Page, type StaffGrantResponse, type StaffInvite, type AcceptStaffInviteResponse } from '@xianfeng/shared';
import { PageCursorDto } from '../common/responses.js';
import { MemberCardDto } from '../members/members.responses.js';

export class OrgDto implements Org {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: OrgTypes }) type: OrgType;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
}

class OrgCountsDto {
  @ApiProperty({ description: 'members of the organisation and its subtree' }) members: number;
  @ApiProperty({ description: 'direct children' }) children: number;
}

class OrgViewerDto {
  @ApiProperty({ description: 'staff of the organisation or of an ancestor, or an admin; false without a login' }) staff: boolean;
}

export class OrgDetailDto extends OrgDto implements OrgDetail {
  @ApiProperty({ type: String, nullable: true }) parentName: string | null;
  @ApiProperty({ type: OrgCountsDto }) counts: OrgCountsDto;
  @ApiProperty({ type: OrgViewerDto, description: "the caller's relation to the organisation" }) viewer: OrgViewerDto;
}

export class OrgHitDto extends OrgDto implements OrgHit {
  @ApiProperty({ type: String, nullable: true }) parentName: string | null;
}

export class OrgHitPageDto extends PageCursorDto implements Page<OrgHit> {
  @ApiProperty({ type: [OrgHitDto] }) items: OrgHitDto[];
}

export class OrgPageDto extends PageCursorDto implements Page<Org> {
  @ApiProperty({ type: [OrgDto] }) items: OrgDto[];
}

export class BoardDto extends PageCursorDto implements Board {
  @ApiProperty({ type: OrgDto }) org: OrgDto;
  @ApiProperty({ type: [MemberCardDto] }) items: MemberCardDto[];
}

export class StaffGrantResponseDto implements StaffGrantResponse {
  @ApiProperty() userId: string;
  @ApiProperty() orgId: string;
  @ApiProperty() staff: boolean;
}

export class StaffInviteDto implements StaffInvite {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ example: 'ABCD-EFGH', description: 'shown once: only its hash is stored' }) code: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class AcceptStaffInviteResponseDto implements AcceptStaffInviteResponse {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ enum: [true] }) staff: true;
}
