import { ExecutionContext, Inject, Injectable, Logger, OnApplicationShutdown, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@xianfeng/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, RLWrapperTimeouts, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { APP_CONFIG, DEFAULT_RATE_LIMIT_POOL_SIZE, type AppConfig } from '../config/config.js';
import { AppError } from './app-error.js';
import { BatchesPerKey } from './batches-per-key.js';

/**
 * Which limit a route counts against: `default` (per user, or per IP for anonymous calls),
 * `login` (per IP, generous: fifty phones at a branch meeting often share one address in China),
 * or `none`.
 */
export type RateLimitBucket = 'default' | 'login' | 'none';
export const RATE_LIMIT_KEY = 'xianfeng:rate-limit';
export const RateLimit = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT_KEY, bucket);

/** The table the counters live in (migration 1733500000000-RateLimits). */
export const RATE_LIMIT_TABLE = 'rate_limit';
/** Past this, a counter update is abandoned and the instance's own memory counts instead. */
export const RATE_LIMIT_STORE_TIMEOUT_MS = 1000;

export interface SharedLimiterOptions {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

/**
 * A limiter whose counters are rows in PostgreSQL, so every instance on the database counts against
 * the same limit. When the database is slow or down the instance's own memory counts instead (the
 * library's "insurance" limiter): the limit then holds per instance rather than not at all, and a
 * request never waits on the counter longer than {@link RATE_LIMIT_STORE_TIMEOUT_MS}. A key that has
 * used up its points is also refused from memory until its window ends, so a flood of refused
 * requests costs the database nothing. A key's requests that arrive together are counted together
 * ({@link CountedTogether}).
 */
export function sharedLimiter(pool: pg.Pool, o: SharedLimiterOptions): CountedTogether {
  const insurance = new RateLimiterMemory({ keyPrefix: o.keyPrefix, points: o.points, duration: o.durationSeconds });
  const store = new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: RATE_LIMIT_TABLE,
    tableCreated: true,
    keyPrefix: o.keyPrefix,
    points: o.points,
    duration: o.durationSeconds,
    inMemoryBlockOnConsumed: o.points,
    // No insurance here: the wrapper below falls back, once. Given to both, a request whose query
    // failed after the wrapper's timeout would be counted twice in memory.
  });
  return new CountedTogether(new RLWrapperTimeouts({ limiter: store, timeoutMs: RATE_LIMIT_STORE_TIMEOUT_MS, insuranceLimiter: insurance }), o.points, pool.options.max);
}

interface Waiting {
  admit: () => void;
  refuse: (why: unknown) => void;
}

/**
 * The requests of one key are counted together when they arrive faster than the database answers:
 * up to `maxInFlight` counts of a key are on their way at once (the limiter pool's size — more could
 * only queue for a connection), and the requests that arrive while all of them are out wait for the
 * first to come back, then are counted together, n points in one upsert; the first of them that
 * still fit under the limit pass. Thousands of phones behind one carrier NAT or one venue's Wi-Fi are
 * one key and would otherwise queue one by one on its row; counted one batch at a time, a burst on
 * one key waited two round trips each (measured in the claim burst: p99 +50 ms). Nothing is admitted
 * before the shared counter has counted it, and each upsert adds its n atomically: the limit holds
 * as exactly as counting each request alone. A request alone on its key is counted at once.
 */
export class CountedTogether {
  private readonly batches: BatchesPerKey<Waiting>;

  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly points: number,
    maxInFlight = 1,
  ) {
    this.batches = new BatchesPerKey((key, batch) => this.count(key, batch), maxInFlight);
  }

  /** Resolves when the request fits under the key's limit; rejects with a RateLimiterRes when it does not. */
  consume(key: string): Promise<void> {
    return new Promise((admit, refuse) => this.batches.add(key, { admit, refuse }));
  }

  /** One upsert of n points for the batch; the first that still fit pass. */
  private count(key: string, batch: Waiting[]): Promise<void> {
    const n = batch.length;
    return this.limiter.consume(key, n).then(
      () => batch.forEach((w) => w.admit()),
      (res: unknown) => {
        if (!(res instanceof RateLimiterRes)) return batch.forEach((w) => w.refuse(res));
        // The batch took the points consumedPoints - n + 1 … consumedPoints; those up to the limit pass.
        // A key refused from memory answers without counting (consumedPoints 0): none pass.
        const fit = res.consumedPoints >= n ? Math.max(0, Math.min(n, this.points - (res.consumedPoints - n))) : 0;
        batch.forEach((w, i) => (i < fit ? w.admit() : w.refuse(res)));
      },
    );
  }
}

/**
 * The counters' own small pool: a rate-limit check never queues behind the application's queries
 * (nor they behind it), its short timeouts hand over to the memory limiter quickly, and its commits
 * do not wait for the disk.
 */
export function rateLimitPool(databaseUrl: string, size = DEFAULT_RATE_LIMIT_POOL_SIZE): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: size,
    // Past the wrapper's timeout: the wrapper decides when to fall back; these only end stuck queries.
    connectionTimeoutMillis: 2000,
    query_timeout: 2000,
    statement_timeout: 2000,
    application_name: 'xianfeng-rate-limit',
    // A counter is not worth a disk flush: every request's upsert would otherwise wait for one, and
    // the requests of one address (a carrier's NAT: thousands of phones) queue on one row. A crash
    // may forget the last few counts — a limit briefly generous, never a request wrongly refused.
    options: '-c synchronous_commit=off',
  });
  pool.on('error', () => undefined); // an idle client lost with the server: the pool replaces it
  return pool;
}

/**
 * Rate limits with rate-limiter-flexible, counted in PostgreSQL so they hold across instances.
 * Called by the auth guard (auth.guard.ts) for every request, at the same time as it loads the
 * caller: the count and the caller's roles are two independent round trips to the database.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimits.name);
  private readonly pool: pg.Pool;
  private readonly limiters: Record<Exclude<RateLimitBucket, 'none'>, CountedTogether>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
    dataSource: DataSource,
  ) {
    const url = (dataSource.options as { url?: string }).url;
    if (!url) throw new Error('the rate limiter needs the database URL');
    this.pool = rateLimitPool(url, config.rateLimit.poolSize);
    this.pool.on('error', (err) => this.logger.warn(`rate-limit connection lost: ${err.message}`));
    this.limiters = {
      default: sharedLimiter(this.pool, { keyPrefix: 'default', points: config.rateLimit.perUserPerMinute, durationSeconds: 60 }),
      login: sharedLimiter(this.pool, { keyPrefix: 'login', points: config.rateLimit.loginPerIpPerMinute, durationSeconds: 60 }),
    };
  }

  /**
   * Counts the request against its route's bucket: per user (the token's verified subject) on
   * ordinary routes, per IP for anonymous calls and logins. Over the limit: 429 with Retry-After.
   */
  async admit(ctx: ExecutionContext, userId: string | null): Promise<void> {
    const bucket = this.reflector.getAllAndOverride<RateLimitBucket | undefined>(RATE_LIMIT_KEY, [ctx.getHandler(), ctx.getClass()]) ?? 'default';
    if (bucket === 'none') return;
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const key = bucket === 'default' && userId ? `user:${userId}` : `ip:${req.ip}`;
    try {
      await this.limiters[bucket].consume(key);
    } catch (res) {
      if (res instanceof RateLimiterRes) {
        ctx.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(Math.max(1, Math.ceil(res.msBeforeNext / 1000))));
        throw new AppError(429, ErrorCode.RATE_LIMITED, '请求过于频繁，请稍后再试');
      }
      throw res;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
