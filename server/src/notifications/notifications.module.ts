import { Global, Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module.js';
import { DeliveryWorker } from './delivery.worker.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/** Global: every feature writes to the outbox through NotificationsService. */
@Global()
@Module({
  imports: [WechatModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsRepository, DeliveryWorker],
  exports: [NotificationsService, DeliveryWorker],
})
export class NotificationsModule {}
