import 'reflect-metadata';
import { loadConfig, ConfigError } from './config/config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres.js';
import { runMigrations } from './database/data-source.js';
import { seedDemoIfEmpty } from './database/seed.js';
import { createNestApp } from './app.factory.js';
import { startStandin, type StandinHandle } from './wechat/standin/standin.js';
import { createBootLogger } from './common/logging.js';

// JSON lines, or readable coloured ones on a terminal (the same choice as the request logger's).
const bootLogger = createBootLogger(process.env.LOG_LEVEL || 'info');
const log = (msg: string, extra: Record<string, unknown> = {}) => bootLogger.info(extra, msg);

/**
 * Starts the whole product: PostgreSQL (embedded unless DATABASE_URL is set), migrations, the
 * stand-in WeChat (unless WECHAT_API_BASE is set, outside production), demo data on an empty
 * database, then the API (and the H5 client, if built) on PORT.
 */
async function main() {
  const t0 = Date.now();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  let embedded: EmbeddedDatabase | null = null;
  let standin: StandinHandle | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      log: (line) => log(line),
      pgLog: (line) => config.logLevel === 'debug' && log(line, { source: 'postgres' }),
    });
    databaseUrl = embedded.url;
    log('embedded PostgreSQL ready', { dataDir: config.dataDir, port: embedded.port, ms: Date.now() - t0 });
  }
  const applied = await runMigrations(databaseUrl);
  if (applied.length) log('migrations applied', { migrations: applied });
  if (!config.wechatApiBase) {
    standin = await startStandin({
      port: Number(process.env.WECHAT_STANDIN_PORT ?? 0),
      // How long "WeChat" takes to push an image-check verdict (default 500 ms).
      mediaCheckDelayMs: process.env.WECHAT_STANDIN_MEDIA_DELAY_MS ? Number(process.env.WECHAT_STANDIN_MEDIA_DELAY_MS) : undefined,
    });
    config.wechatApiBase = standin.url;
    log('stand-in WeChat server running (no WECHAT_API_BASE set)', { url: standin.url });
  }
  if (config.env !== 'production' && config.seedDemo) {
    const seeded = await seedDemoIfEmpty(databaseUrl);
    if (seeded) log('demo data loaded', seeded);
  }
  const app = await createNestApp(config, databaseUrl);
  app.enableShutdownHooks([]); // our own signal handling below
  // embedded-postgres installs exit hooks that stop the database on the first signal, before
  // in-flight requests finish: ours replace them and stop the database last.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(sig);
  await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
  // Behind a balancer: an idle kept-alive connection must outlive the balancer's own idle timeout
  // (60 s on the usual cloud balancers), else the balancer may send a request on a connection this
  // server is closing, and a POST on it cannot be retried.
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // The stand-in pushes image-check verdicts back to us, signed with our message-push credentials.
  standin?.setPushTarget({ url: `http://127.0.0.1:${config.port}/api/v1/wechat/push`, token: config.wechatPush.token, aesKey: config.wechatPush.aesKey, appId: config.wechatAppId });
  log(`Xianfeng is up: http://localhost:${config.port}/ (API /api/v1, docs /api/docs)`, { startupMs: Date.now() - t0 });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing in-flight requests, then stopping`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
      await app.close(); // stops accepting, waits for in-flight requests (closing each connection once idle), closes the pool
      await standin?.close();
      await embedded?.stop();
      log('stopped cleanly');
      process.exit(0);
    } catch (err) {
      process.stderr.write(`shutdown failed: ${String(err)}\n`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Startup failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
