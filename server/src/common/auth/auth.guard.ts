import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@xianfeng/shared';
import { AppError } from '../app-error.js';
import { RateLimits } from '../throttle.js';
import type { RequestWithAccess } from '../public-cache.js';
import { ACCESS_KEY, type AccessLevel } from './access.decorator.js';
import type { Actor } from './actor.js';
import { ActorLoader } from './actor-loader.js';
import { TokenService } from './token.service.js';

/**
 * The route-level half of authorization, for every route: reads the bearer token, loads the caller's
 * roles, counts the request against the rate limits (throttle.ts), and enforces the route's declared
 * access level. Object-level checks ("is this org in my subtree?") are orgs/' OrgDirectory's, called
 * from services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!level) throw new AppError(403, ErrorCode.FORBIDDEN, 'route declares no access level');
    const req = ctx.switchToHttp().getRequest<RequestWithAccess & { actor?: Actor | null }>();
    req.access = level; // public-cache.ts: a public read's answer may be cached
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;

    if (!bearer) {
      if (level !== 'public') throw new AppError(401, ErrorCode.UNAUTHENTICATED, '请先登录');
      await this.limits.admit(ctx, null);
      return true;
    }
    let userId: string;
    try {
      userId = this.tokens.verify(bearer);
    } catch (err) {
      if (level !== 'public') throw err;
      await this.limits.admit(ctx, null); // a stale token does not stop anyone reading public pages
      return true;
    }
    // The caller's roles and the rate-limit count are independent round trips: made at the same
    // time. A refusal of the caller (401) still comes before one of the rate (429).
    const [loaded, admitted] = await Promise.allSettled([this.actors.load(userId), this.limits.admit(ctx, userId)]);
    if (loaded.status === 'rejected') throw loaded.reason;
    const actor = loaded.value;
    if (!actor && level !== 'public') throw new AppError(401, ErrorCode.UNAUTHENTICATED, '用户不存在，请重新登录');
    if (admitted.status === 'rejected') throw admitted.reason;
    if (!actor) return true;
    req.actor = actor;
    switch (level) {
      case 'member':
        if (!actor.memberId) throw new AppError(403, ErrorCode.NOT_A_MEMBER, '仅限已绑定党员身份的用户');
        break;
      case 'staff':
        if (!actor.isAdmin && actor.staffOrgIds.length === 0) throw new AppError(403, ErrorCode.FORBIDDEN, '仅限组织工作人员');
        break;
      case 'admin':
        if (!actor.isAdmin) throw new AppError(403, ErrorCode.FORBIDDEN, '仅限系统管理员');
        break;
    }
    return true;
  }
}
