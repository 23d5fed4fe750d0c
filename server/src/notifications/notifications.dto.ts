import { ApiProperty } from '@nestjs/swagger';
import { IsObject, registerDecorator, type ValidationOptions } from 'class-validator';

const OUTCOMES = ['accept', 'reject', 'ban', 'filter'] as const;

function IsOutcomeMap(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isOutcomeMap',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} 必须是 { 模板ID: "accept" | "reject" | "ban" | "filter" }，最多 20 项`, ...options },
      validator: {
        validate: (v: unknown) =>
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          Object.keys(v).length <= 20 &&
          Object.entries(v).every(([k, r]) => k.length > 0 && k.length <= 128 && (OUTCOMES as readonly unknown[]).includes(r)),
      },
    });
}

export class SubscriptionReportDto {
  @ApiProperty({ description: 'wx.requestSubscribeMessage result per template id', example: { TPL_GREETING: 'accept' } })
  @IsObject()
  @IsOutcomeMap()
  results: Record<string, (typeof OUTCOMES)[number]>;
}

