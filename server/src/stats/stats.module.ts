import { Module } from '@nestjs/common';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { GreetingsModule } from '../greetings/greetings.module.js';
import { MemberDirectoryModule } from '../members/member-directory.js';
import { WishesModule } from '../wishes/wishes.module.js';
import { StatsController } from './stats.controller.js';
import { StatsRepository } from './stats.repository.js';
import { StatsReader } from './stats-reader.js';
import { StatsService } from './stats.service.js';

@Module({ imports: [MemberDirectoryModule, CommitmentsModule, WishesModule, GreetingsModule], controllers: [StatsController], providers: [StatsService, StatsRepository, StatsReader], exports: [StatsReader] })
export class StatsModule {}
