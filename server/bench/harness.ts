import type { INestApplication } from '@nestjs/common';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createNestApp } from '../src/app.factory.js';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import { runMigrations } from '../src/database/data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js';
import { startStandin, type StandinHandle } from '../src/wechat/standin/standin.js';

/** A throwaway embedded PostgreSQL (no fsync), migrated, for benchmarks. Loopback only. */
export async function benchDatabase(): Promise<{ db: EmbeddedDatabase; client: pg.Client; dir: string; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'xianfeng-bench-'));
  await chmod(dir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir: dir, port: 0, ephemeral: true });
  await runMigrations(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    db,
    client,
    dir,
    async close() {
      await client.end();
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function benchApp(databaseUrl: string, env: Record<string, string> = {}, standin?: StandinHandle): Promise<{ app: INestApplication; url: string; config: AppConfig; standin: StandinHandle; close(): Promise<void> }> {
  const own = standin ?? (await startStandin({ port: 0 }));
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', WECHAT_API_BASE: own.url, LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', RATE_LIMIT_PER_MINUTE: '100000000', LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '100000000', H5_DIR: '/nonexistent', ...env });
  const app = await createNestApp(config, databaseUrl);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  return {
    app,
    url,
    config,
    standin: own,
    async close() {
      await app.close();
      if (!standin) await own.close();
    },
  };
}

export const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
export const now = () => process.hrtime.bigint();
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
