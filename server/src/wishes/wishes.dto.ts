import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Limits, WishCategories, WishStatuses, type WishCategory, type WishStatus } from '@xianfeng/shared';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, IsUrl, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { IsCalendarDate, Optional } from '../common/validation.js';
import { PHONE_RE } from '../members/members.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateWishDto {
  @ApiProperty({ description: 'the community organisation the wish is posted to' }) @IsUUID() orgId: string;
  @ApiProperty({ maxLength: Limits.wish.title }) @Transform(trim) @IsString() @Length(1, Limits.wish.title) title: string;
  @ApiProperty({ maxLength: Limits.wish.description }) @Transform(trim) @IsString() @Length(1, Limits.wish.description) description: string;
  @ApiProperty({ enum: WishCategories }) @IsIn(WishCategories) category: WishCategory;
  @ApiPropertyOptional({
    maxLength: Limits.wish.wisherName,
    description: "Staff of the organisation: the resident's name, posting on their behalf. Anyone else: the name they go by (shown masked).",
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @Length(1, Limits.wish.wisherName)
  wisherName?: string;
  @ApiPropertyOptional({ description: 'never public: shown to staff, and to the claimer once claimed' })
  @Optional()
  @Transform(trim)
  @Matches(PHONE_RE, { message: 'wisherPhone 必须是有效的手机号或座机号' })
  wisherPhone?: string;
}

export class ApproveWishDto {
  @ApiPropertyOptional({ example: '2026-12-31', description: 'the last day (Asia/Shanghai) the wish stays open; today or later' })
  @Optional()
  @IsCalendarDate()
  expiresOn?: string;
}

export class RejectWishDto {
  @ApiProperty({ maxLength: Limits.wish.rejectReason }) @Transform(trim) @IsString() @Length(1, Limits.wish.rejectReason) reason: string;
}

export class FulfilWishDto {
  @ApiProperty({ maxLength: Limits.wish.fulfilNote }) @Transform(trim) @IsString() @Length(1, Limits.wish.fulfilNote) note: string;
  @ApiPropertyOptional({ type: [String], maxItems: Limits.wish.photos, description: 'image URLs from POST /uploads' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(Limits.wish.photos)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { each: true })
  @MaxLength(Limits.photoUrl, { each: true })
  photos?: string[];
}

export class ConfirmWishDto {
  @ApiPropertyOptional({ maxLength: Limits.wish.thanks }) @Optional() @Transform(trim) @IsString() @Length(1, Limits.wish.thanks) thanks?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @Optional() @IsInt() @Min(1) @Max(5) rating?: number;
}

export class WishSettingsDto {
  @ApiProperty({ minimum: 1, maximum: 20, description: 'unfinished claims one member may hold on wishes of this subtree' })
  @IsInt()
  @Min(1)
  @Max(20)
  claimLimit: number;
}

const splitList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

export class ListWishesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'the organisation whose subtree to show' }) @Optional() @IsUUID() orgId?: string;
  @ApiPropertyOptional({
    description:
      'one status or several, comma-separated. Default: open,claimed,fulfilled,confirmed (with mine: every status). ' +
      'pending_review / rejected / expired need staff of orgId, or mine=posted.',
    example: 'open',
  })
  @Optional()
  @Transform(splitList)
  @IsArray()
  @ArrayMaxSize(WishStatuses.length)
  @IsIn(WishStatuses, { each: true })
  status?: WishStatus[];
  @ApiPropertyOptional({ enum: WishCategories }) @Optional() @IsIn(WishCategories) category?: WishCategory;
  @ApiPropertyOptional({ enum: ['claimed', 'posted'], description: 'claimed: wishes the caller (a member) holds or fulfilled; posted: wishes the caller posted' })
  @Optional()
  @IsIn(['claimed', 'posted'])
  mine?: 'claimed' | 'posted';
}
