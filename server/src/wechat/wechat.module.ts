import { Module } from '@nestjs/common';
import { AccessTokenStore } from './access-token.store.js';
import { ContentCheck } from './content-check.js';
import { WechatGateway } from './wechat.gateway.js';

/**
 * WeChat server APIs. Needs APP_CONFIG (global config module) and TypeORM's DataSource. The base URL
 * comes from config: WeChat in production, the stand-in server locally and in tests.
 */
@Module({
  providers: [AccessTokenStore, WechatGateway, ContentCheck],
  exports: [WechatGateway, AccessTokenStore, ContentCheck],
})
export class WechatModule {}
