import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Limits, OrgTypes, type OrgType } from '@xianfeng/shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { Optional } from '../common/validation.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOrgDto {
  @ApiProperty({ maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, Limits.org.name)
  name: string;

  @ApiProperty({ enum: OrgTypes })
  @IsIn(OrgTypes)
  type: OrgType;

  @ApiPropertyOptional({ description: 'omit (or null) for a top-level organisation: admins only' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class StaffGrantDto {
  @ApiProperty()
  @IsUUID()
  userId: string;

  @ApiPropertyOptional({ description: 'true to revoke instead of grant' })
  @Optional()
  @IsBoolean()
  revoke?: boolean;
}

export class RenameOrgDto {
  @ApiProperty({ maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, Limits.org.name)
  name: string;
}

export class AcceptStaffInviteDto {
  @ApiProperty({ example: 'ABCD-EFGH', description: 'case and dashes do not matter' })
  @IsString()
  @Length(4, Limits.staffInvite.code)
  @Matches(/^[A-Za-z0-9\s-]+$/, { message: '邀请码只包含字母和数字' })
  code: string;
}
