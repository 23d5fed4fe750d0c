import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@xianfeng/shared';
import { AppError } from '../app-error.js';
import type { RequestWithAccess } from '../public-cache.js';
import { ACCESS_KEY, type AccessLevel } from './access.decorator.js';
import type { Actor } from './actor.js';
import { ActorLoader } from './actor-loader.js';
import { TokenService } from './token.service.js';

/**
 * The route-level half of authorization, for every route: reads the bearer token, loads the caller's
 * roles, and enforces the route's declared access level. Object-level checks ("is this org in my
 * subtree?") are orgs/' OrgDirectory's, called from services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!level) throw new AppError(403, ErrorCode.FORBIDDEN, 'route declares no access level');
    const req = ctx.switchToHttp().getRequest<RequestWithAccess & { actor?: Actor | null }>();
    req.access = level; // public-cache.ts: a public read's answer may be cached
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;

    if (!bearer) {
      if (level === 'public') return true;
      throw new AppError(401, ErrorCode.UNAUTHENTICATED, '请先登录');
    }
    let userId: string;
    try {
      userId = this.tokens.verify(bearer);
    } catch (err) {
      if (level === 'public') return true; // a stale token does not stop anyone reading public pages
      throw err;
    }
    const actor = await this.actors.load(userId);
    if (!actor) {
      if (level === 'public') return true;
      throw new AppError(401, ErrorCode.UNAUTHENTICATED, '用户不存在，请重新登录');
    }
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
