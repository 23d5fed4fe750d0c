import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from './actor.js';

/**
 * Who may call a route. Every route declares one; the app refuses to start if a route does not.
 * - `public`: anyone, no token (a token, if sent, is still read so the caller can be recognised).
 * - `user`: any logged-in user (a resident).
 * - `member`: a user bound to a member record.
 * - `staff`: staff of at least one organisation, or an admin; the service checks *which* organisation.
 * - `admin`: system administrators.
 */
export type AccessLevel = 'public' | 'user' | 'member' | 'staff' | 'admin';
export const ACCESS_KEY = 'xianfeng:access';
export const Access = (level: AccessLevel) => SetMetadata(ACCESS_KEY, level);

/** The authenticated caller (throws in the guard before reaching a handler that needs one). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor | null => {
  return ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor ?? null;
});
