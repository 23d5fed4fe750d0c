import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessLevel } from './auth/access.decorator.js';

/** How long a WeChat client or a CDN may reuse a public answer without asking again. */
export const PUBLIC_MAX_AGE_SECONDS = 10;

/** The route's declared access level, noted on the request by the auth guard (null before it runs). */
export type RequestWithAccess = FastifyRequest & { access?: AccessLevel | null };

/**
 * Caching headers for the public reads (GET routes whose access is `public`), on success only:
 * - anonymous callers get `Cache-Control: public, max-age=10`: a wall or a board opened by a thousand
 *   phones from one poster can be answered by a CDN or the client's own cache for a few seconds;
 * - a caller with a token gets `private, no-cache` — some answers depend on who asks (the wisher sees
 *   their own name, staff see more) —, and every answer carries `Vary: Authorization`, so no shared
 *   cache hands one caller's answer to another.
 * The weak ETag (@fastify/etag, registered after this hook) then lets a client revalidate for a 304
 * without the body. A route that sets its own Cache-Control (a poster, an uploaded file) keeps it.
 * Nothing is cached inside the server.
 *
 * A Fastify hook rather than a Nest interceptor: with no interceptor, Nest calls a handler without
 * wrapping it in RxJS observables, which was a tenth of a public read's CPU.
 */
export function publicReadCaching(fastify: FastifyInstance): void {
  fastify.decorateRequest('access', null);
  fastify.addHook('onSend', (req: RequestWithAccess, reply, payload, done) => {
    if (req.access === 'public' && req.method === 'GET' && reply.statusCode < 400 && !reply.hasHeader('cache-control')) {
      reply.header('Vary', 'Authorization');
      reply.header('Cache-Control', req.headers.authorization ? 'private, no-cache' : `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
    }
    done(null, payload);
  });
}
