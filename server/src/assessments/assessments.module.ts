import { Module } from '@nestjs/common';
import { StatsModule } from '../stats/stats.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { AssessmentsController } from './assessments.controller.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { AssessmentsService } from './assessments.service.js';

@Module({ imports: [StatsModule, UploadsModule], controllers: [AssessmentsController], providers: [AssessmentsService, AssessmentsRepository] })
export class AssessmentsModule {}
