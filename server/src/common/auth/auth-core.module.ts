import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { AuthGuard } from './auth.guard.js';
import { RateLimits } from '../throttle.js';
import { TokenService } from './token.service.js';

/**
 * Tokens, the rate limits and the auth guard, for every module. `actors` is the module that provides
 * and exports ActorLoader (users/): passed in by the composition root, so common/ never imports it.
 */
@Global()
@Module({})
export class AuthCoreModule {
  static forRoot(actors: Type): DynamicModule {
    return {
      module: AuthCoreModule,
      imports: [actors],
      providers: [TokenService, RateLimits, AuthGuard],
      exports: [TokenService, AuthGuard],
    };
  }
}
