import { Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module.js';
import { CommitmentsController } from './commitments.controller.js';
import { CommitmentsRepository } from './commitments.repository.js';
import { CommitmentsService } from './commitments.service.js';
import { ContentCheck } from './content-check.js';

@Module({
  imports: [WechatModule],
  controllers: [CommitmentsController],
  providers: [CommitmentsService, CommitmentsRepository, ContentCheck],
  exports: [CommitmentsService],
})
export class CommitmentsModule {}
