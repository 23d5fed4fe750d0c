import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Limits, REVIEW_PERIOD_PATTERN, ReviewKinds, type ReviewKind } from '@xianfeng/shared';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../common/validation.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const Period = () => Matches(REVIEW_PERIOD_PATTERN, { message: 'period 须为年份（2026）或季度（2026Q4）' });

export class CreateMemberReviewDto {
  @ApiProperty({ example: '2026', description: 'a year (2026) or a quarter (2026Q4)' }) @IsString() @Period() period: string;
  @ApiProperty({ enum: ReviewKinds, description: 'org 组织点评 (staff of the member’s organisation), peer 党员互评 (a member of the same branch), public 群众评议 (any user)' })
  @IsIn(ReviewKinds)
  kind: ReviewKind;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) score: number;
  @ApiPropertyOptional({ maxLength: Limits.memberReview.comment }) @Optional() @Transform(trim) @IsString() @MaxLength(Limits.memberReview.comment) comment?: string;
}

export class MemberReviewsQuery {
  @ApiPropertyOptional({ example: '2026', description: 'default: the current year (Asia/Shanghai)' }) @Optional() @IsString() @Period() period?: string;
}
