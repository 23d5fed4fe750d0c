import { ApiProperty } from '@nestjs/swagger';
import type { HealthResponse } from '@xianfeng/shared';

export class HealthResponseDto implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty() uptimeSeconds: number;
  @ApiProperty() version: string;
  @ApiProperty({ description: 'Which server process answered (one id per process)' }) instance: string;
}
