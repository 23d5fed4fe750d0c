import { ApiProperty } from '@nestjs/swagger';
import { Limits } from '@xianfeng/shared';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsString, IsUUID, Length, Max, Min } from 'class-validator';

const L = Limits.contest;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Judges type the code as they read it: case and spaces do not matter. */
const normaliseCode = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value);

export class CreateContestDto {
  @ApiProperty({ maxLength: L.title }) @Transform(trim) @IsString() @Length(1, L.title) title: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: L.presenters, description: 'the presenting organisations in order, each in the organisation’s subtree, each once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.presenters)
  @IsUUID('all', { each: true })
  presenterOrgIds: string[];
}

export class JoinContestDto {
  @ApiProperty({ example: 'K7M2QX', maxLength: 20 }) @Transform(normaliseCode) @IsString() @Length(1, 20) judgeCode: string;
}

export class ContestScoreDto {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'at most one decimal' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100)
  score: number;
}
