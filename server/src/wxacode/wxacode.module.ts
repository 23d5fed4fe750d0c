import { Module } from '@nestjs/common';
import { MemberDirectoryModule } from '../members/member-directory.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { WxacodeController } from './wxacode.controller.js';
import { WxacodeRepository } from './wxacode.repository.js';
import { WxacodeService } from './wxacode.service.js';

/** Mini-program codes of cards and boards (the contract's WeChat section). */
@Module({ imports: [WechatModule, MemberDirectoryModule], controllers: [WxacodeController], providers: [WxacodeService, WxacodeRepository] })
export class WxacodeModule {}
