import { Module } from '@nestjs/common';
import { UploadsModule } from '../uploads/uploads.module.js';
import { ActivitiesRepository } from './activities.repository.js';
import { ActivitiesService } from './activities.service.js';
import { CommunityServiceController } from './community-service.controller.js';
import { DeedsRepository } from './deeds.repository.js';
import { DeedsService } from './deeds.service.js';
import { RecordRepository } from './record.repository.js';
import { RecordService } from './record.service.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { ServiceClock } from './service-clock.js';
import { ServiceCountsModule } from './service-counts.js';

/** 在职党员进社区 · 我为群众办实事: 报到, activities and check-in, deeds, the service record and 一卡反馈. */
@Module({
  imports: [UploadsModule, ServiceCountsModule],
  controllers: [CommunityServiceController],
  providers: [ServiceClock, ReportsService, ActivitiesService, DeedsService, RecordService, ReportsRepository, ActivitiesRepository, DeedsRepository, RecordRepository],
  exports: [ServiceClock, ActivitiesService],
})
export class CommunityServiceModule {}
