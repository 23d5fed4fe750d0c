import { Module } from '@nestjs/common';
import { UploadsModule } from '../../uploads/uploads.module.js';
import { WechatPushController } from './wechat-push.controller.js';
import { WechatPushRepository } from './wechat-push.repository.js';
import { WechatPushService } from './wechat-push.service.js';

/** WeChat calling us: the message-push endpoint. Separate from WechatModule (us calling WeChat), which uploads/ imports. */
@Module({ imports: [UploadsModule], controllers: [WechatPushController], providers: [WechatPushService, WechatPushRepository] })
export class WechatPushModule {}
