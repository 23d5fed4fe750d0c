import type { Actor } from './actor.js';

/**
 * The port through which the auth guard loads the caller: declared here, provided by users/ (which
 * owns app users). common/ imports no feature; the composition root (app.module.ts) hands the
 * implementing module to AuthCoreModule.forRoot. An abstract class, so it is its own DI token.
 */
export abstract class ActorLoader {
  /** The caller behind a token's user id, or null if that user no longer exists. */
  abstract load(userId: string): Promise<Actor | null>;
}
