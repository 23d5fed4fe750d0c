import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GreetingKinds, Limits, type GreetingKind } from '@xianfeng/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, Optional } from '../common/validation.js';

export class OccasionsQuery {
  @ApiProperty({ example: '2026-11-24' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-11-30', description: 'at most 366 days after `from`' }) @IsCalendarDate() to: string;
}

class TemplatesDto {
  @ApiProperty({ maxLength: Limits.greeting.template }) @IsString() @Length(1, Limits.greeting.template) birthday: string;
  @ApiProperty({ maxLength: Limits.greeting.template }) @IsString() @Length(1, Limits.greeting.template) political_birthday: string;
}

export class GreetingSettingsDto {
  @ApiPropertyOptional({ type: TemplatesDto }) @Optional() @IsObject() @ValidateNested() @Type(() => TemplatesDto) templates?: TemplatesDto;
  @ApiPropertyOptional() @Optional() @IsBoolean() autoSend?: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 23 }) @Optional() @IsInt() @Min(0) @Max(23) sendHour?: number;
}

export class SendGreetingDto {
  @ApiProperty() @IsUUID() memberId: string;
  @ApiProperty({ enum: GreetingKinds }) @IsIn(GreetingKinds) kind: GreetingKind;
  @ApiPropertyOptional({ maxLength: Limits.greeting.message, description: 'overrides the organisation template' }) @Optional() @IsString() @Length(1, Limits.greeting.message) message?: string;
}

export class BatchGreetingDto {
  @ApiProperty({ type: [SendGreetingDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.greeting.batch)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SendGreetingDto)
  items: SendGreetingDto[];
}
