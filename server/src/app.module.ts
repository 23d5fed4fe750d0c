import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { AssessmentsModule } from './assessments/assessments.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CommitmentsModule } from './commitments/commitments.module.js';
import { CommunityServiceModule } from './community-service/community-service.module.js';
import { ServiceCountsModule } from './community-service/service-counts.js';
import { ContestsModule } from './contests/contests.module.js';
import { AuthCoreModule } from './common/auth/auth-core.module.js';
import { AuthGuard } from './common/auth/auth.guard.js';
import { AllErrorsFilter } from './common/error.filter.js';
import { loggerParams } from './common/logging.js';
import { RouteAccessAuditor } from './common/route-access.auditor.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { AppDataSource } from './database/app-data-source.js';
import { dataSourceOptions } from './database/data-source.js';
import { PgListener } from './database/pg-listener.js';
import { GreetingsModule } from './greetings/greetings.module.js';
import { HealthController } from './health/health.controller.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MemberReviewsModule } from './member-reviews/member-reviews.module.js';
import { MembersModule } from './members/members.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OrgsModule } from './orgs/orgs.module.js';
import { ReviewQueueModule } from './review-queue/review-queue.module.js';
import { StatsModule } from './stats/stats.module.js';
import { UploadsModule } from './uploads/uploads.module.js';
import { UsersModule } from './users/users.module.js';
import { WechatModule } from './wechat/wechat.module.js';
import { WishesModule } from './wishes/wishes.module.js';
import { WechatPushModule } from './wechat/push/wechat-push.module.js';
import { WxacodeModule } from './wxacode/wxacode.module.js';

@Global()
@Module({})
class ConfigModule {
  static register(config: AppConfig): DynamicModule {
    // PgListener: one LISTEN connection per instance for every feature that reacts to changes.
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }, PgListener], exports: [APP_CONFIG, PgListener] };
  }
}

@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string, logger: PinoLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        LoggerModule.forRoot(loggerParams(logger)),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(databaseUrl, 20, config.db),
          dataSourceFactory: (options) => new AppDataSource(options!).initialize(),
        }),
        DiscoveryModule,
        AuthCoreModule.forRoot(UsersModule),
        WechatModule,
        AuthModule,
        OrgsModule,
        MembersModule,
        UploadsModule,
        JobsModule,
        NotificationsModule,
        GreetingsModule,
        CommitmentsModule,
        WishesModule,
        StatsModule,
        ServiceCountsModule,
        CommunityServiceModule,
        AssessmentsModule,
        ContestsModule,
        MemberReviewsModule,
        ReviewQueueModule,
        WxacodeModule,
        WechatPushModule,
      ],
      controllers: [HealthController],
      providers: [
        // Identifies the caller, counts the request against the rate limits, checks the access level.
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: AllErrorsFilter },
        RouteAccessAuditor,
      ],
    };
  }
}
