import { resolve } from 'node:path';

/** Everything the server reads from its environment, validated once at boot. */
export interface AppConfig {
  env: 'production' | 'development' | 'test';
  port: number;
  /** Unset → an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Unset outside production → the local start runs the stand-in WeChat server in-process. */
  wechatApiBase: string | null;
  wechatAppId: string;
  wechatSecret: string;
  /** Milliseconds before a WeChat call is abandoned (→ 503). */
  wechatTimeoutMs: number;
  /**
   * HS256 key. Production: JWT_SECRET (required). Elsewhere, without JWT_SECRET: empty here, and
   * filled at start-up with the random secret kept in the database (see database/app-secret.ts).
   */
  jwtSecret: string;
  jwtTtlSeconds: number;
  bootstrapAdminOpenids: string[];
  /** Public base URL used in QR codes and upload URLs (no trailing slash). */
  publicBaseUrl: string;
  /** Folder of the built H5 client to serve at `/`, if present. */
  h5Dir: string;
  logLevel: string;
  /** Express `trust proxy`: which hops' X-Forwarded-For to believe. Default: none (`false`). */
  trustProxy: boolean | number | string;
  /** Browser origins allowed by CORS besides the API's own; default none. */
  corsOrigins: string[];
  /** Client-side limits on every database call, so a frozen or slow database answers 503, not never. */
  db: DbTimeouts;
  rateLimit: {
    /** Requests per minute per user (or per IP for anonymous requests) on ordinary routes. */
    perUserPerMinute: number;
    /** Login attempts per minute from one IP: generous, a branch meeting shares one Wi-Fi. */
    loginPerIpPerMinute: number;
  };
  /** Delivery of subscribe messages from the outbox. */
  notify: {
    /** Concurrent delivery loops per instance (0 turns delivery off on this instance). */
    workers: number;
    /** Rows a worker claims at a time. */
    batch: number;
    /** Idle poll interval; new rows also wake workers at once through LISTEN/NOTIFY. */
    pollMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    /** A claimed row whose worker died is claimed again after this long. */
    leaseSeconds: number;
    miniprogramState: 'developer' | 'trial' | 'formal';
  };
  /** Scheduled jobs (pg-boss cron): daily greetings, wish expiry. */
  jobsEnabled: boolean;
  /** Template ids by key, from WECHAT_TEMPLATE_<KEY> variables. */
  templates: Record<string, string>;
  seedDemo: boolean;
}

export interface DbTimeouts {
  /** The driver gives up waiting for a query's answer (works even when the server is frozen). */
  queryTimeoutMs: number;
  /** The driver gives up opening (or waiting for) a connection. */
  connectTimeoutMs: number;
  /** The server cancels a statement that runs longer (SQLSTATE 57014). */
  statementTimeoutMs: number;
}

export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { queryTimeoutMs: 15_000, connectTimeoutMs: 5_000, statementTimeoutMs: 10_000 };

/** The public default earlier versions signed with: refused everywhere. */
export const DEFAULT_JWT_SECRET = 'dev-only-secret-change-me';

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

/** TRUST_PROXY as Express reads it: unset → trust nothing; a hop count; or addresses/subnets/`loopback`. */
function trustProxy(raw: string | undefined): boolean | number | string {
  const v = raw?.trim();
  if (!v || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

/** Reads and validates the environment; throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret === DEFAULT_JWT_SECRET || (jwtSecret && jwtSecret.length < 32)) {
    throw new ConfigError('JWT_SECRET must be a random string of at least 32 characters (e.g. `openssl rand -hex 32`), or unset outside production.');
  }
  if (nodeEnv === 'production') {
    if (!jwtSecret) {
      throw new ConfigError(
        'JWT_SECRET must be set to a random string of at least 32 characters in production (e.g. `openssl rand -hex 32`).',
      );
    }
    if (!env.WECHAT_API_BASE) throw new ConfigError('WECHAT_API_BASE must be set in production (https://api.weixin.qq.com).');
    if (!env.WECHAT_APPID || !env.WECHAT_SECRET) throw new ConfigError('WECHAT_APPID and WECHAT_SECRET must be set in production.');
  }
  const port = int(env, 'PORT', 3000);
  if (port > 65535) throw new ConfigError(`PORT must be ≤ 65535, got ${port}`);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const wechatApiBase = env.WECHAT_API_BASE?.trim().replace(/\/+$/, '') || null;
  if (wechatApiBase && !/^https?:\/\//.test(wechatApiBase)) throw new ConfigError('WECHAT_API_BASE must be an http(s) URL');
  const templates: Record<string, string> = {
    greeting: 'TPL_GREETING',
    wish_event: 'TPL_WISH_EVENT',
    commitment_event: 'TPL_COMMITMENT_EVENT',
    service_event: 'TPL_SERVICE_EVENT',
  };
  for (const [name, value] of Object.entries(env)) {
    const m = /^WECHAT_TEMPLATE_([A-Z_]+)$/.exec(name);
    if (m && value) templates[m[1].toLowerCase()] = value;
  }
  return {
    env: nodeEnv,
    port,
    databaseUrl,
    // Relative to the repository, not to whichever folder the process was started from.
    dataDir: resolve(env.DATA_DIR || new URL('../../../.data', import.meta.url).pathname),
    wechatApiBase,
    wechatAppId: env.WECHAT_APPID || 'wx-dev-appid',
    wechatSecret: env.WECHAT_SECRET || 'dev-secret',
    wechatTimeoutMs: int(env, 'WECHAT_TIMEOUT_MS', 5000, 1),
    jwtSecret,
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 7 * 24 * 3600, 60),
    bootstrapAdminOpenids: (env.BOOTSTRAP_ADMIN_OPENIDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    publicBaseUrl: (env.PUBLIC_BASE_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    h5Dir: resolve(env.H5_DIR || new URL('../../../miniapp/dist/h5', import.meta.url).pathname),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    trustProxy: trustProxy(env.TRUST_PROXY),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    db: {
      queryTimeoutMs: int(env, 'DB_QUERY_TIMEOUT_MS', DEFAULT_DB_TIMEOUTS.queryTimeoutMs, 1),
      connectTimeoutMs: int(env, 'DB_CONNECT_TIMEOUT_MS', DEFAULT_DB_TIMEOUTS.connectTimeoutMs, 1),
      statementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', DEFAULT_DB_TIMEOUTS.statementTimeoutMs, 1),
    },
    rateLimit: {
      perUserPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600, 1),
      loginPerIpPerMinute: int(env, 'LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE', 300, 1),
    },
    notify: {
      workers: int(env, 'NOTIFY_WORKERS', 4),
      batch: int(env, 'NOTIFY_BATCH', 5, 1),
      pollMs: int(env, 'NOTIFY_POLL_MS', 1000, 10),
      maxAttempts: int(env, 'NOTIFY_MAX_ATTEMPTS', 6, 1),
      retryBaseMs: int(env, 'NOTIFY_RETRY_BASE_MS', 5000, 1),
      retryMaxMs: int(env, 'NOTIFY_RETRY_MAX_MS', 10 * 60_000, 1),
      leaseSeconds: int(env, 'NOTIFY_LEASE_SECONDS', 60, 1),
      miniprogramState: (['developer', 'trial', 'formal'] as const).find((s) => s === env.MINIPROGRAM_STATE) ?? (nodeEnv === 'production' ? 'formal' : 'developer'),
    },
    jobsEnabled: env.JOBS_ENABLED !== 'false',
    templates,
    seedDemo: env.SEED_DEMO !== 'false',
  };
}

/** Nest injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
