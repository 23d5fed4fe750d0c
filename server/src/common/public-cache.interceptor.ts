import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tap, type Observable } from 'rxjs';
import { ACCESS_KEY, type AccessLevel } from './auth/access.decorator.js';

/** How long a WeChat client or a CDN may reuse a public answer without asking again. */
export const PUBLIC_MAX_AGE_SECONDS = 10;

/**
 * Caching headers for the public reads (GET routes whose access is `public`), set on success only:
 * - anonymous callers get `Cache-Control: public, max-age=10`: a wall or a board opened by a thousand
 *   phones from one poster can be answered by a CDN or the client's own cache for a few seconds;
 * - a caller with a token gets `private, no-cache` — some answers depend on who asks (the wisher sees
 *   their own name, staff see more) —, and every answer carries `Vary: Authorization`, so no shared
 *   cache hands one caller's answer to another.
 * The weak ETag (@fastify/etag, app.factory.ts) then lets a client revalidate for a 304 without the body. A route that sets its own
 * Cache-Control (a poster, an uploaded file) keeps it. Nothing is cached inside the server.
 */
@Injectable()
export class PublicCacheInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const access = this.reflector.get<AccessLevel | undefined>(ACCESS_KEY, context.getHandler());
    if (req.method !== 'GET' || access !== 'public') return next.handle();
    const res = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      tap(() => {
        if (res.sent || res.getHeader('Cache-Control')) return;
        res.header('Vary', 'Authorization');
        res.header('Cache-Control', req.headers.authorization ? 'private, no-cache' : `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
      }),
    );
  }
}
