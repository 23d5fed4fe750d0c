import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GreetingKinds,
  OccasionKinds,
  type BatchGreetingResult,
  type Greeting,
  type GreetingKind,
  type GreetingSettings,
  type Occasion,
  type OccasionKind,
  type Page,
} from '@xianfeng/shared';
import { PageCursorDto } from '../common/responses.js';

class OccasionGreetingDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
}

export class OccasionDto implements Occasion {
  @ApiProperty() memberId: string;
  @ApiProperty() name: string;
  @ApiProperty() orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ enum: OccasionKinds }) kind: OccasionKind;
  @ApiProperty({ format: 'date', description: 'the anniversary within the range (29 Feb falls on 28 Feb in other years)' }) on: string;
  @ApiProperty({ description: 'age, years in the Party, or years at work, reached that day' }) years: number;
  @ApiProperty({ description: 'has a WeChat account bound' }) bound: boolean;
  @ApiProperty({ type: OccasionGreetingDto, nullable: true }) greeting: OccasionGreetingDto | null;
}

class GreetingTemplatesDto {
  @ApiProperty() birthday: string;
  @ApiProperty() political_birthday: string;
}

export class GreetingSettingsResponseDto implements GreetingSettings {
  @ApiProperty() orgId: string;
  @ApiProperty({ type: GreetingTemplatesDto, description: 'placeholders {name} {years} {org}' }) templates: GreetingTemplatesDto;
  @ApiProperty() autoSend: boolean;
  @ApiProperty({ minimum: 0, maximum: 23, description: 'hour of the day, Asia/Shanghai' }) sendHour: number;
  @ApiProperty({ type: String, nullable: true }) inheritedFrom: string | null;
}

export class GreetingResponseDto implements Greeting {
  @ApiProperty() id: string;
  @ApiProperty() memberId: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ enum: GreetingKinds }) kind: GreetingKind;
  @ApiProperty({ format: 'date' }) occasionOn: string;
  @ApiProperty() years: number;
  @ApiProperty() message: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readAt: string | null;
}

export class GreetingPageDto extends PageCursorDto implements Page<Greeting> {
  @ApiProperty({ type: [GreetingResponseDto] }) items: GreetingResponseDto[];
}

class BatchItemResultDto {
  @ApiProperty() memberId: string;
  @ApiProperty({ enum: GreetingKinds }) kind: GreetingKind;
  @ApiProperty({ enum: ['sent', 'error'] }) status: 'sent' | 'error';
  @ApiPropertyOptional({ description: 'the error code of a failed item' }) code?: string;
  @ApiPropertyOptional() greetingId?: string;
  @ApiPropertyOptional() message?: string;
}

export class BatchGreetingResultDto implements BatchGreetingResult {
  @ApiProperty({ type: [BatchItemResultDto] }) results: BatchItemResultDto[];
}
