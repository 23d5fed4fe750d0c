import { Module } from '@nestjs/common';
import { ContestLiveHub } from './contest-live.js';
import { ContestsController } from './contests.controller.js';
import { ContestsRepository } from './contests.repository.js';
import { ContestsService } from './contests.service.js';

@Module({ controllers: [ContestsController], providers: [ContestsService, ContestsRepository, ContestLiveHub], exports: [ContestLiveHub] })
export class ContestsModule {}
