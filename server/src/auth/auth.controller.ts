import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, User } from '@xianfeng/shared';
import { Access, CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { RateLimit } from '../common/throttle.js';
import { UsersService } from '../users/users.service.js';
import { LoginDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { LoginResponseDto, UserResponseDto } from './auth.responses.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('auth/wechat-login')
  @HttpCode(200)
  @Access('public')
  @RateLimit('login')
  @ApiOperation({ summary: 'Exchange a wx.login code for a token (rate-limited per IP by the generous `login` limit)' })
  @ApiOkResponse({ type: LoginResponseDto })
  login(@Body() dto: LoginDto): Promise<LoginResponse> {
    return this.auth.loginWithWechat(dto.code);
  }

  @Get('me')
  @Access('user')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller: roles with organisation scope, and the bound member record' })
  @ApiOkResponse({ type: UserResponseDto })
  me(@CurrentActor() actor: Actor): Promise<User> {
    return this.users.describe(actor.userId);
  }
}
