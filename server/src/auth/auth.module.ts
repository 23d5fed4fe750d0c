import { Module } from '@nestjs/common';
import { UsersService } from '../users/users.service.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';

@Module({
  imports: [WechatModule],
  controllers: [AuthController],
  providers: [AuthService, UsersService],
  exports: [UsersService],
})
export class AuthModule {}
