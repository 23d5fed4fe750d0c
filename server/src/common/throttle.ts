import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@xianfeng/shared';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AppError } from './app-error.js';
import type { Actor } from './auth/actor.js';

/**
 * Which limit a route counts against: `default` (per user, or per IP for anonymous calls),
 * `login` (per IP, generous: fifty phones at a branch meeting often share one address in China),
 * or `none`.
 */
export type RateLimitBucket = 'default' | 'login' | 'none';
export const RATE_LIMIT_KEY = 'xianfeng:rate-limit';
export const RateLimit = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT_KEY, bucket);

/**
 * Rate limits with rate-limiter-flexible. Counters live in each instance's memory: with N instances
 * behind a balancer the effective limit is N × the configured one, which is fine for abuse
 * protection (docs/architecture.md says how to move them to PostgreSQL if that ever matters).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters: Record<Exclude<RateLimitBucket, 'none'>, RateLimiterMemory>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiters = {
      default: new RateLimiterMemory({ keyPrefix: 'default', points: config.rateLimit.perUserPerMinute, duration: 60 }),
      login: new RateLimiterMemory({ keyPrefix: 'login', points: config.rateLimit.loginPerIpPerMinute, duration: 60 }),
    };
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.getAllAndOverride<RateLimitBucket | undefined>(RATE_LIMIT_KEY, [ctx.getHandler(), ctx.getClass()]) ?? 'default';
    if (bucket === 'none') return true;
    const req = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const key = bucket === 'default' && req.actor ? `user:${req.actor.userId}` : `ip:${req.ip}`;
    try {
      await this.limiters[bucket].consume(key);
      return true;
    } catch (res) {
      if (res instanceof RateLimiterRes) {
        ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(Math.ceil(res.msBeforeNext / 1000)));
        throw new AppError(429, ErrorCode.RATE_LIMITED, '请求过于频繁，请稍后再试');
      }
      throw res;
    }
  }
}
