import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AssessmentMetrics, IndicatorKinds, Limits, type AssessmentMetric, type IndicatorKind } from '@xianfeng/shared';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { IsCalendarDate, Optional } from '../common/validation.js';

const L = Limits.assessment;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A finite score or threshold with at most two decimals. */
const Score = () => IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 });

export class IndicatorDto {
  @ApiProperty({ pattern: '^[A-Za-z0-9_-]+$', maxLength: L.indicatorKey, description: 'unique within the scheme; names the indicator in score maps' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'key 只能包含字母、数字、_ 和 -' })
  @Length(1, L.indicatorKey)
  key: string;

  @ApiProperty({ maxLength: L.indicatorName }) @Transform(trim) @IsString() @Length(1, L.indicatorName) name: string;
  @ApiProperty({ minimum: 0.01, maximum: L.indicatorMax, description: 'full marks' }) @Score() @Min(0.01) @Max(L.indicatorMax) max: number;
  @ApiProperty({ enum: IndicatorKinds }) @IsIn(IndicatorKinds) kind: IndicatorKind;

  @ApiPropertyOptional({ enum: AssessmentMetrics, nullable: true, description: 'required for auto, absent for judged' })
  @IsOptional()
  @IsIn(AssessmentMetrics)
  metric?: AssessmentMetric | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'auto: the figure that scores max (default per metric, docs/numbers.md)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(0.0001)
  @Max(1_000_000)
  fullAt?: number | null;
}

export class StarThresholdDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) stars: number;
  @ApiProperty({ minimum: 0, description: 'the lowest total that earns these stars' }) @Score() @Min(0) @Max(L.indicatorMax * L.indicators) min: number;
}

const Indicators = () => [
  IsArray(),
  ArrayMinSize(1),
  ArrayMaxSize(L.indicators),
  ValidateNested({ each: true }),
  Type(() => IndicatorDto),
];
const Stars = () => [IsArray(), ArrayMinSize(1), ArrayMaxSize(5), ValidateNested({ each: true }), Type(() => StarThresholdDto)];

export class CreateAssessmentDto {
  @ApiProperty({ maxLength: L.title }) @Transform(trim) @IsString() @Length(1, L.title) title: string;
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() to: string;
  @ApiProperty({ type: [IndicatorDto], minItems: 1, maxItems: L.indicators }) @applyDecorators(...Indicators()) indicators: IndicatorDto[];
  @ApiProperty({ type: [StarThresholdDto], minItems: 1, maxItems: 5 }) @applyDecorators(...Stars()) stars: StarThresholdDto[];
}

export class UpdateAssessmentDto {
  @ApiPropertyOptional({ maxLength: L.title }) @Optional() @Transform(trim) @IsString() @Length(1, L.title) title?: string;
  @ApiPropertyOptional({ example: '2026-01-01' }) @Optional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @Optional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ type: [IndicatorDto] }) @Optional() @applyDecorators(...Indicators()) indicators?: IndicatorDto[];
  @ApiPropertyOptional({ type: [StarThresholdDto] }) @Optional() @applyDecorators(...Stars()) stars?: StarThresholdDto[];
}

export class PutScoresDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: "the child's own staff: judged indicator key → score (0..max)" })
  @Optional()
  @IsObject()
  self?: Record<string, number>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: `the child's own staff: key → evidence text (≤ ${L.evidence})` })
  @Optional()
  @IsObject()
  evidence?: Record<string, string>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, description: `the child's own staff: key → up to ${L.evidencePhotos} photo URLs of their uploads` })
  @Optional()
  @IsObject()
  evidencePhotos?: Record<string, string[]>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: 'staff of the assessing organisation: key → score (0..max)' })
  @Optional()
  @IsObject()
  superior?: Record<string, number>;

  @ApiPropertyOptional({ maxLength: L.reason, description: 'required when a superior score changes one already given' })
  @Optional()
  @Transform(trim)
  @IsString()
  @Length(1, L.reason)
  reason?: string;
}

export class ListAssessmentsQuery extends PageQuery {}
