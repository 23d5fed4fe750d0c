import { Global, Module } from '@nestjs/common';
import { AccessPolicy } from './access-policy.service.js';
import { AuthGuard } from './auth.guard.js';
import { TokenService } from './token.service.js';

@Global()
@Module({
  providers: [TokenService, AccessPolicy, AuthGuard],
  exports: [TokenService, AccessPolicy, AuthGuard],
})
export class AuthCoreModule {}
