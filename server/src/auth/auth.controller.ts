import { Body, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, User } from '@xianfeng/shared';
import { CurrentActor } from '../common/auth/access.decorator.js';
import type { Actor } from '../common/auth/actor.js';
import { Route } from '../common/route.js';
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

  @Route('POST', 'auth/wechat-login', { access: 'public', status: 200, returns: LoginResponseDto, rateLimit: 'login', summary: 'Exchange a wx.login code for a token (rate-limited per IP by the generous `login` limit)' })
  login(@Body() dto: LoginDto): Promise<LoginResponse> {
    return this.auth.loginWithWechat(dto.code);
  }

  @Route('GET', 'me', { access: 'user', returns: UserResponseDto, summary: 'The caller: roles with organisation scope, and the bound member record' })
  @ApiBearerAuth()
  me(@CurrentActor() actor: Actor): Promise<User> {
    return this.users.describe(actor.userId);
  }
}
