import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Limits,
  CommitmentOwnerTypes,
  CommitmentStatuses,
  ReviewKinds,
  type CommitmentOwnerType,
  type CommitmentStatus,
  type ReviewKind,
} from '@xianfeng/shared';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { IsCalendarDate, Optional } from '../common/validation.js';

const L = Limits.commitment;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value);
/**
 * The pledges of a commitment, on create and on edit: trimmed, itemsMin–itemsMax of them, each
 * 1–itemMax characters. Listed bottom-up, as a stack of decorators is applied, so the checks run in
 * the order they always did.
 */
const CommitmentItems = () =>
  applyDecorators(
    Length(1, L.itemMax, { each: true }),
    IsString({ each: true }),
    ArrayMaxSize(L.itemsMax),
    ArrayMinSize(L.itemsMin),
    IsArray(),
    Transform(trimEach),
  );
/** Query strings carry booleans as text. */
const queryBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateCommitmentDto {
  @ApiProperty({ enum: CommitmentOwnerTypes, description: "member: the caller's own, in their own organisation; branch: the organisation's, by its staff" })
  @IsIn(CommitmentOwnerTypes)
  ownerType: CommitmentOwnerType;

  @ApiProperty() @IsUUID() orgId: string;
  @ApiProperty({ maxLength: L.titleMax }) @Transform(trim) @IsString() @Length(1, L.titleMax) title: string;
  @ApiProperty({ maxLength: L.contentMax }) @Transform(trim) @IsString() @Length(1, L.contentMax) content: string;

  @ApiProperty({ type: [String], minItems: L.itemsMin, maxItems: L.itemsMax, description: `each 1–${L.itemMax} characters` })
  @CommitmentItems()
  items: string[];

  @ApiProperty({ example: '2026-12-31', description: 'not before today (Asia/Shanghai)' }) @IsCalendarDate() dueOn: string;
}

export class UpdateCommitmentDto {
  @ApiPropertyOptional({ maxLength: L.titleMax }) @Optional() @Transform(trim) @IsString() @Length(1, L.titleMax) title?: string;
  @ApiPropertyOptional({ maxLength: L.contentMax }) @Optional() @Transform(trim) @IsString() @Length(1, L.contentMax) content?: string;

  @ApiPropertyOptional({ type: [String], minItems: L.itemsMin, maxItems: L.itemsMax })
  @Optional()
  @CommitmentItems()
  items?: string[];

  @ApiPropertyOptional({ example: '2026-12-31' }) @Optional() @IsCalendarDate() dueOn?: string;
}

export class ReturnCommitmentDto {
  @ApiProperty({ maxLength: L.returnReasonMax, description: 'why it is sent back; the owner sees it' })
  @Transform(trim)
  @IsString()
  @Length(1, L.returnReasonMax)
  reason: string;
}

export class AddProgressDto {
  @ApiProperty({ maxLength: L.progressTextMax }) @Transform(trim) @IsString() @Length(1, L.progressTextMax) text: string;

  @ApiPropertyOptional({ type: [String], maxItems: L.progressPhotosMax, description: 'URLs from POST /uploads, uploaded by the caller' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.progressPhotosMax)
  @IsString({ each: true })
  @MaxLength(Limits.photoUrl, { each: true })
  photos?: string[];
}

export class CreateReviewDto {
  @ApiProperty({ enum: ReviewKinds, description: 'org: staff of the organisation; peer: another member of the same organisation; public: any user but the owner' })
  @IsIn(ReviewKinds)
  kind: ReviewKind;

  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) score: number;
  @ApiPropertyOptional({ maxLength: L.reviewCommentMax, default: '' }) @Optional() @Transform(trim) @IsString() @MaxLength(L.reviewCommentMax) comment?: string;
}

export class CommitmentListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'the organisation and its whole subtree' }) @Optional() @IsUUID() orgId?: string;
  @ApiPropertyOptional({ enum: CommitmentOwnerTypes }) @Optional() @IsIn(CommitmentOwnerTypes) ownerType?: CommitmentOwnerType;
  @ApiPropertyOptional({ enum: CommitmentStatuses }) @Optional() @IsIn(CommitmentStatuses) status?: CommitmentStatus;

  @ApiPropertyOptional({ description: 'true: published and past the due date; false: all others' })
  @Optional()
  @Transform(queryBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: "the caller's own: their member commitments and the branch commitments they wrote (needs a login)" })
  @Optional()
  @Transform(queryBool)
  @IsBoolean()
  mine?: boolean;
}
