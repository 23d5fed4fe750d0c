import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { StatsController } from './stats.controller.js';
import { StatsRepository } from './stats.repository.js';
import { StatsService } from './stats.service.js';

@Module({ imports: [OrgsModule], controllers: [StatsController], providers: [StatsService, StatsRepository] })
export class StatsModule {}
