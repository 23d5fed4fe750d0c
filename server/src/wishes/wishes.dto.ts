import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WishCategories, WishStatuses, type WishCategory, type WishStatus } from '@xianfeng/shared';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, IsUrl, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { IsCalendarDate, Optional } from '../common/validation.js';
import { PHONE_RE } from '../members/members.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateWishDto {
  @ApiProperty({ description: 'the community organisation the wish is posted to' }) @IsUUID() orgId: string;
  @ApiProperty({ maxLength: 30 }) @Transform(trim) @IsString() @Length(1, 30) title: string;
  @ApiProperty({ maxLength: 500 }) @Transform(trim) @IsString() @Length(1, 500) description: string;
  @ApiProperty({ enum: WishCategories }) @IsIn(WishCategories) category: WishCategory;
  @ApiPropertyOptional({
    maxLength: 50,
    description: "Staff of the organisation: the resident's name, posting on their behalf. Anyone else: the name they go by (shown masked).",
  })
  @Optional()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
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
  @ApiProperty({ maxLength: 200 }) @Transform(trim) @IsString() @Length(1, 200) reason: string;
}

export class FulfilWishDto {
  @ApiProperty({ maxLength: 500 }) @Transform(trim) @IsString() @Length(1, 500) note: string;
  @ApiPropertyOptional({ type: [String], maxItems: 9, description: 'image URLs from POST /uploads' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { each: true })
  @MaxLength(500, { each: true })
  photos?: string[];
}

export class ConfirmWishDto {
  @ApiPropertyOptional({ maxLength: 200 }) @Optional() @Transform(trim) @IsString() @Length(1, 200) thanks?: string;
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
