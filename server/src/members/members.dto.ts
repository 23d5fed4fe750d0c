import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Genders, Limits, MemberStatuses, PostKinds, type Gender, type MemberStatus, type PostKind } from '@xianfeng/shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, IsUrl, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate, Optional } from '../common/validation.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Mainland mobile (13800138000) or landline (010-12345678). */
export const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export class CreateMemberDto {
  @ApiProperty({ maxLength: Limits.member.name }) @Transform(trim) @IsString() @Length(1, Limits.member.name) name: string;
  @ApiProperty({ enum: Genders }) @IsIn(Genders) gender: Gender;
  @ApiProperty({ example: '1980-05-01' }) @IsCalendarDate() birthday: string;
  @ApiProperty({ example: '2005-07-01' }) @IsCalendarDate() joinedPartyOn: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsCalendarDate() workStartedOn?: string | null;
  @ApiProperty({ enum: MemberStatuses }) @IsIn(MemberStatuses) status: MemberStatus;
  @ApiPropertyOptional({ enum: PostKinds, nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsIn(PostKinds) postKind?: PostKind | null;
  @ApiPropertyOptional({ maxLength: Limits.member.postTitle }) @IsOptional() @Transform(trim) @IsString() @MaxLength(Limits.member.postTitle) postTitle?: string | null;
  @ApiPropertyOptional({ maxLength: Limits.member.duties }) @IsOptional() @IsString() @MaxLength(Limits.member.duties) duties?: string | null;
  @ApiPropertyOptional({ maxLength: Limits.member.photoUrl }) @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) @MaxLength(Limits.member.photoUrl) photoUrl?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @Matches(PHONE_RE, { message: 'phone 必须是有效的手机号或座机号' }) phone?: string | null;
  @ApiPropertyOptional({ default: false }) @Optional() @IsBoolean() showPhone?: boolean;
}

export class UpdateMemberDto {
  @ApiPropertyOptional({ description: 'move the member to another organisation (history is kept)' }) @Optional() @IsUUID() orgId?: string;
  @ApiPropertyOptional({ maxLength: Limits.member.name }) @Optional() @Transform(trim) @IsString() @Length(1, Limits.member.name) name?: string;
  @ApiPropertyOptional({ enum: Genders }) @Optional() @IsIn(Genders) gender?: Gender;
  @ApiPropertyOptional() @Optional() @IsCalendarDate() birthday?: string;
  @ApiPropertyOptional() @Optional() @IsCalendarDate() joinedPartyOn?: string;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsCalendarDate() workStartedOn?: string | null;
  @ApiPropertyOptional({ enum: MemberStatuses }) @Optional() @IsIn(MemberStatuses) status?: MemberStatus;
  @ApiPropertyOptional({ enum: PostKinds, nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsIn(PostKinds) postKind?: PostKind | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @Transform(trim) @IsString() @MaxLength(Limits.member.postTitle) postTitle?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @MaxLength(Limits.member.duties) duties?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) @MaxLength(Limits.member.photoUrl) photoUrl?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @Transform(trim) @Matches(PHONE_RE, { message: 'phone 必须是有效的手机号或座机号' }) phone?: string | null;
  @ApiPropertyOptional() @Optional() @IsBoolean() showPhone?: boolean;
}

/** What members may change about themselves (the public part of their card). */
export class UpdateMyMemberDto {
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @MaxLength(Limits.member.duties) duties?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @Transform(trim) @IsString() @MaxLength(Limits.member.postTitle) postTitle?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) @MaxLength(Limits.member.photoUrl) photoUrl?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @Transform(trim) @Matches(PHONE_RE, { message: 'phone 必须是有效的手机号或座机号' }) phone?: string | null;
  @ApiPropertyOptional() @Optional() @IsBoolean() showPhone?: boolean;
}

export class BindDto {
  @ApiProperty({ description: 'the one-time code staff gave the member' })
  @Transform(trim)
  @IsString()
  @Length(Limits.bindCode.min, Limits.bindCode.max)
  bindCode: string;
}

export class MemberLeaveDto {
  @ApiProperty({ example: '2026-11-30', description: 'the day the member left; not in the future' }) @IsCalendarDate() leftOn: string;
  @ApiProperty({ maxLength: Limits.leaveReason, example: '组织关系转出' }) @Transform(trim) @IsString() @Length(1, Limits.leaveReason) reason: string;
}
