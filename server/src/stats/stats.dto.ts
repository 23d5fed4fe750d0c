import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RankingSettingsRequest, RankingWeights } from '@xianfeng/shared';
import { IsNumber, Max, Min } from 'class-validator';
import { IsCalendarDate, Nested, Optional } from '../common/validation.js';

/** A period of Asia/Shanghai calendar dates, both ends included; either end may be left open. */
export class PeriodQuery {
  @ApiPropertyOptional({ description: 'first day, YYYY-MM-DD (Asia/Shanghai)' })
  @Optional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'last day, YYYY-MM-DD (Asia/Shanghai), included' })
  @Optional()
  @IsCalendarDate()
  to?: string;
}

const weight = () => (target: object, key: string) => {
  ApiProperty({ minimum: 0, maximum: 100 })(target, key);
  IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })(target, key);
  Min(0)(target, key);
  Max(100)(target, key);
};

export class RankingWeightsDto implements RankingWeights {
  @weight() commitmentsFulfilled!: number;
  @weight() wishesCompleted!: number;
  @weight() greetingsSent!: number;
  @weight() reviewAverage!: number;
  @weight() serviceMinutes!: number;
}

export class RankingSettingsDto implements RankingSettingsRequest {
  @ApiProperty({ type: RankingWeightsDto, description: 'relative weights, each 0–100' })
  @Nested(() => RankingWeightsDto)
  weights!: RankingWeightsDto;
}
