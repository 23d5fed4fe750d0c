import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@xianfeng/shared';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Access } from '../common/auth/access.decorator.js';
import { RateLimit } from '../common/throttle.js';
import { HealthResponseDto } from './health.responses.js';

const VERSION = process.env.npm_package_version ?? '0.1.0';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Access('public')
  @RateLimit('none')
  @ApiOperation({ summary: 'Liveness and database readiness (503 when the database does not answer)' })
  @ApiOkResponse({ type: HealthResponseDto })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const up = await Promise.race([
      this.dataSource.query('SELECT 1').then(() => true, () => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 2000).unref()),
    ]);
    if (!up) res.status(503);
    return { status: up ? 'ok' : 'degraded', database: up ? 'up' : 'down', uptimeSeconds: Math.round(process.uptime()), version: VERSION };
  }
}
