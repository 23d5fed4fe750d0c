import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** Everything the server reads from its environment, validated once at boot. */
/** Connections of the rate limiter's own pool unless RATE_LIMIT_POOL_SIZE says otherwise (see AppConfig.rateLimit.poolSize). */
export const DEFAULT_RATE_LIMIT_POOL_SIZE = 5;

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
  /** Message push (消息推送): the console's Token and EncodingAESKey (43 characters). */
  wechatPush: { token: string; aesKey: string };
  /** Which version of the mini-program the cached mini-program codes open. */
  wxacodeEnvVersion: 'release' | 'trial' | 'develop';
  /** WeChat's image check (mediaCheckAsync) of photos shown on public pages. */
  mediaCheck: {
    /** A photo with no verdict after this long goes to staff review. */
    reviewAfterSeconds: number;
    /** Lifetime of the signed URL through which WeChat fetches the photo. */
    urlTtlSeconds: number;
  };
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
  /** Which hops' X-Forwarded-For to believe, as Express's `trust proxy` read it (app.factory.ts). Default: none (`false`). */
  trustProxy: boolean | number | string;
  /** Browser origins allowed by CORS besides the API's own; default none. */
  corsOrigins: string[];
  /** Client-side limits on every database call, so a frozen or slow database answers 503, not never. */
  db: DbSettings;
  rateLimit: {
    /** Requests per minute per user (or per IP for anonymous requests) on ordinary routes. */
    perUserPerMinute: number;
    /** Login attempts per minute from one IP: generous, a branch meeting shares one Wi-Fi. */
    loginPerIpPerMinute: number;
    /**
     * Connections of the limiter's own pool. Its one statement is a sub-millisecond upsert; more
     * connections add PostgreSQL backends contending for the same cores. Measured on 2 cores: the
     * claim burst's p99 was 314–343 ms with 10, 282–311 ms with 6, 278–297 ms with 5, 279–287 ms
     * with 4; the cheapest read (wish detail, every request from one address) lost 4–10% of its
     * requests per second with 5 against 10.
     */
    poolSize: number;
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
  /** Where uploads live: `local` (a folder under DATA_DIR, the embedded default) or `s3` (shared by every instance). */
  storage: 'local' | 's3';
  /** Set when `storage` is `s3`. */
  s3: S3Config | null;
  /** Names this process in GET /health (INSTANCE_ID, else host name and pid), so a balancer's choices can be seen. */
  instanceId: string;
}

/** An S3-compatible bucket (COS, OSS, MinIO, AWS). */
export interface S3Config {
  bucket: string;
  /** Unset → AWS's own endpoint for the region. */
  endpoint: string | null;
  region: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** `http://endpoint/bucket/key` instead of `http://bucket.endpoint/key` (MinIO, s3rver, most self-hosted stores). */
  forcePathStyle: boolean;
}

export interface DbSettings {
  /** The driver gives up waiting for a query's answer (works even when the server is frozen). */
  queryTimeoutMs: number;
  /** The driver gives up opening (or waiting for) a connection. */
  connectTimeoutMs: number;
  /** The server cancels a statement that runs longer (SQLSTATE 57014). */
  statementTimeoutMs: number;
  /** Statements with parameters run as named prepared statements (database/prepared-statements.ts). */
  preparedStatements: boolean;
}

export const DEFAULT_DB_SETTINGS: DbSettings = { queryTimeoutMs: 15_000, connectTimeoutMs: 5_000, statementTimeoutMs: 10_000, preparedStatements: true };

/** Message-push credentials of local starts and tests (docs/deploy.md); production must set its own. */
export const DEV_WECHAT_PUSH_TOKEN = '8c7583889298d397108997f392adb404';
export const DEV_WECHAT_PUSH_AES_KEY = 'H4VL4iPfJXRfa0CmQh18lWKaXf8O2K2pGfl6minereQ';

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

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function storageConfig(env: NodeJS.ProcessEnv): Pick<AppConfig, 'storage' | 's3'> {
  const kind = env.STORAGE?.trim() || 'local';
  if (kind === 'local') return { storage: 'local', s3: null };
  if (kind !== 's3') throw new ConfigError(`STORAGE must be local or s3, got "${kind}"`);
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) throw new ConfigError('S3_BUCKET must be set when STORAGE=s3');
  const endpoint = env.S3_ENDPOINT?.trim().replace(/\/+$/, '') || null;
  if (endpoint && !/^https?:\/\//.test(endpoint)) throw new ConfigError('S3_ENDPOINT must be an http(s) URL');
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim() || null;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim() || null;
  if (!accessKeyId !== !secretAccessKey) throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  return {
    storage: 's3',
    s3: { bucket, endpoint, region: env.S3_REGION?.trim() || 'us-east-1', accessKeyId, secretAccessKey, forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', false) },
  };
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
    if (!env.WECHAT_PUSH_TOKEN || !env.WECHAT_PUSH_AES_KEY) {
      throw new ConfigError('WECHAT_PUSH_TOKEN and WECHAT_PUSH_AES_KEY (the message-push Token and EncodingAESKey of the mini-program console) must be set in production.');
    }
  }
  const pushToken = env.WECHAT_PUSH_TOKEN || DEV_WECHAT_PUSH_TOKEN;
  if (!/^[A-Za-z0-9]{3,32}$/.test(pushToken)) throw new ConfigError('WECHAT_PUSH_TOKEN must be 3–32 letters or digits (as the WeChat console allows)');
  const pushAesKey = env.WECHAT_PUSH_AES_KEY || DEV_WECHAT_PUSH_AES_KEY;
  if (!/^[A-Za-z0-9+/]{43}$/.test(pushAesKey)) throw new ConfigError('WECHAT_PUSH_AES_KEY must be the 43-character EncodingAESKey (letters and digits)');
  const envVersion = env.WXACODE_ENV_VERSION || (nodeEnv === 'production' ? 'release' : 'develop');
  if (envVersion !== 'release' && envVersion !== 'trial' && envVersion !== 'develop') {
    throw new ConfigError(`WXACODE_ENV_VERSION must be release, trial or develop, got "${envVersion}"`);
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
    content_event: 'TPL_CONTENT_EVENT',
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
    wechatPush: { token: pushToken, aesKey: pushAesKey },
    wxacodeEnvVersion: envVersion,
    mediaCheck: {
      // WeChat answers "within about 30 minutes".
      reviewAfterSeconds: int(env, 'MEDIA_CHECK_REVIEW_AFTER_SECONDS', 3600, 1),
      urlTtlSeconds: int(env, 'MEDIA_CHECK_URL_TTL_SECONDS', 24 * 3600, 60),
    },
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
      queryTimeoutMs: int(env, 'DB_QUERY_TIMEOUT_MS', DEFAULT_DB_SETTINGS.queryTimeoutMs, 1),
      connectTimeoutMs: int(env, 'DB_CONNECT_TIMEOUT_MS', DEFAULT_DB_SETTINGS.connectTimeoutMs, 1),
      statementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', DEFAULT_DB_SETTINGS.statementTimeoutMs, 1),
      preparedStatements: bool(env, 'DB_PREPARED_STATEMENTS', DEFAULT_DB_SETTINGS.preparedStatements),
    },
    rateLimit: {
      perUserPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600, 1),
      loginPerIpPerMinute: int(env, 'LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE', 300, 1),
      poolSize: int(env, 'RATE_LIMIT_POOL_SIZE', DEFAULT_RATE_LIMIT_POOL_SIZE, 1),
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
    ...storageConfig(env),
    instanceId: env.INSTANCE_ID?.trim() || `${hostname()}-${process.pid}`,
  };
}

/** Nest injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
