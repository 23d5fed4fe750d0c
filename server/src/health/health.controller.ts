import { Controller, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@xianfeng/shared';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Route } from '../common/route.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { HealthResponseDto } from './health.responses.js';

const VERSION = process.env.npm_package_version ?? '0.1.0';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Route('GET', { access: 'public', returns: HealthResponseDto, rateLimit: 'none', headers: { 'Cache-Control': 'no-store' }, summary: 'Liveness and database readiness (503 when the database does not answer)' })
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthResponse> {
    const up = await Promise.race([
      this.dataSource.query('SELECT 1').then(() => true, () => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 2000).unref()),
    ]);
    if (!up) res.status(503);
    return { status: up ? 'ok' : 'degraded', database: up ? 'up' : 'down', uptimeSeconds: Math.round(process.uptime()), version: VERSION, instance: this.config.instanceId };
  }
}
