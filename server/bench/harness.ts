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
  // BENCH_PG_STATS=1: pg_stat_statements on, for a bench to print where the database's time went.
  const stats = process.env.BENCH_PG_STATS ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_planning': 'on' } : undefined;
  const db = await startEmbeddedPostgres({ dataDir: dir, port: 0, ephemeral: true, settings: stats });
  await runMigrations(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  if (stats) await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
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

/**
 * With BENCH_PG_STATS=1, the statements that took the database's time since `pg_stat_statements_reset()`:
 * calls, planning and execution time per call, and their share of the total. Prints nothing otherwise.
 */
export async function printStatementStats(client: pg.Client, top = 12): Promise<void> {
  if (!process.env.BENCH_PG_STATS) return;
  const { rows } = await client.query<{ calls: number; plan: number; exec: number; share: number; query: string }>(
    `SELECT calls::int, total_plan_time / calls AS plan, total_exec_time / calls AS exec,
            100 * (total_plan_time + total_exec_time) / sum(total_plan_time + total_exec_time) OVER () AS share, query
       FROM pg_stat_statements WHERE calls > 0 ORDER BY total_plan_time + total_exec_time DESC LIMIT $1`,
    [top],
  );
  console.log('   database time by statement (pg_stat_statements): share, calls, plan + exec ms per call');
  for (const r of rows) console.log(`   ${r.share.toFixed(1).padStart(5)}% ${String(r.calls).padStart(6)} ${r.plan.toFixed(3)} + ${r.exec.toFixed(3)}  ${r.query.replace(/\s+/g, ' ').slice(0, 110)}`);
}

export const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
export const now = () => process.hrtime.bigint();
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The id of the i-th generated organisation of a level (8000 root, 8100 districts, 8200 streets, 8300 branches). */
export const benchOrgId = (level: '8000' | '8100' | '8200' | '8300', i: number) => `00000000-0000-4000-${level}-${String(i).padStart(12, '0')}`;

/** A 10,000-organisation tree in SQL: root → 10 districts → 100 streets → 9,889 branches. */
export async function generateOrgTree(client: pg.Client): Promise<void> {
  const root = benchOrgId('8000', 0);
  await client.query(`INSERT INTO org (id, name, type, parent_id, path, depth) VALUES ($1::uuid, '市委', 'committee', NULL, '/' || $1::text || '/', 0)`, [root]);
  const level = (prefix: string, name: string, type: string, count: number, parentPrefix: string, parents: number, depth: number) =>
    client.query(`INSERT INTO org (id, name, type, parent_id, path, depth)
      SELECT ('00000000-0000-4000-${prefix}-' || lpad(i::text, 12, '0'))::uuid, '${name}' || i, '${type}', p.id, p.path || '00000000-0000-4000-${prefix}-' || lpad(i::text, 12, '0') || '/', ${depth}
      FROM generate_series(1, ${count}) i JOIN org p ON p.id = ('00000000-0000-4000-${parentPrefix}-' || lpad((${parents === 1 ? '0' : `1 + i % ${parents}`})::text, 12, '0'))::uuid`);
  await level('8100', '区委', 'committee', 10, '8000', 1, 1);
  await level('8200', '街道党工委', 'committee', 100, '8100', 10, 2);
  await level('8300', '支部', 'branch', 9889, '8200', 100, 3);
}

export interface CityOptions {
  members: number;
  wishes: number;
  commitments: number;
  /** The user who posts the wishes and writes the steps. */
  userId: string;
  /** First day of the generated period and its length in days. */
  start: string;
  days: number;
}

/**
 * Members, wishes (ids 9000-…, 20% waiting for review, the rest with 1–4 steps), published
 * commitments (ids 9100-…, half fulfilled) and public reviews over the generated tree's branches, in
 * SQL, with the counter triggers off; callers run `stat_rebuild()` when they need the numbers.
 */
export async function generateCity(client: pg.Client, o: CityOptions): Promise<void> {
  await client.query(`SET session_replication_role = replica`);
  const branch = (expr: string) => `('00000000-0000-4000-8300-' || lpad((1 + (${expr}) % 9889)::text, 12, '0'))::uuid`;
  const at = (expr: string) => `(timestamptz '${o.start} 00:00+08' + ((${expr}) % ${o.days}) * interval '1 day' + ((${expr}) % 86400) * interval '1 second')`;
  await client.query(
    `INSERT INTO member (org_id, name, gender, birthday, joined_party_on, status, created_at)
     SELECT ${branch('i')}, '党员' || i, 'male', date '1960-01-01' + (i % 12000), date '1990-01-01' + (i % 9000), 'full', ${at('i / 3')}
       FROM generate_series(1, $1::int) i`,
    [o.members],
  );
  await client.query(
    `INSERT INTO wish (id, org_id, title, description, category, status, wisher_user_id, posted_by, created_at)
     SELECT ('00000000-0000-4000-9000-' || lpad(i::text, 12, '0'))::uuid, ${branch('i * 7')}, '心愿' || i, '描述', 'service',
            CASE WHEN i % 10 < 2 THEN 'pending_review' ELSE 'open' END, $2, $2, ${at('i')}
       FROM generate_series(1, $1::int) i`,
    [o.wishes, o.userId],
  );
  await client.query(
    `INSERT INTO wish_event (wish_id, action, from_status, to_status, actor_user_id, actor_role, created_at)
     SELECT w.id, s.action, s.from_status, s.to_status, $1, 'staff', w.created_at + s.step * interval '1 hour'
       FROM wish w CROSS JOIN LATERAL (VALUES (0, 'post', NULL, 'pending_review'), (1, 'approve', 'pending_review', 'open'),
                                             (2, 'claim', 'open', 'claimed'), (3, 'fulfil', 'claimed', 'fulfilled'), (4, 'confirm', 'fulfilled', 'confirmed'))
            AS s(step, action, from_status, to_status)
      WHERE s.step = 0 OR (w.status <> 'pending_review' AND s.step <= 1 + (hashtext(w.id::text) & 3))`,
    [o.userId],
  );
  await client.query(
    `INSERT INTO commitment (id, owner_type, org_id, title, content, items, due_on, status, created_by, created_at)
     SELECT ('00000000-0000-4000-9100-' || lpad(i::text, 12, '0'))::uuid, 'branch', ${branch('i * 13')}, '承诺' || i, '内容', '["一项"]',
            date '${o.start}' + (i % ${o.days}) + 60, 'published', $2, ${at('i * 2')}
       FROM generate_series(1, $1::int) i`,
    [o.commitments, o.userId],
  );
  await client.query(
    `INSERT INTO commitment_event (commitment_id, action, from_status, to_status, actor_user_id, created_at)
     SELECT c.id, s.action, s.from_status, s.to_status, $1, c.created_at + s.step * interval '1 day'
       FROM commitment c CROSS JOIN LATERAL (VALUES (1, 'submit', 'draft', 'pending_review'), (2, 'approve', 'pending_review', 'published'),
                                                 (30, 'fulfil', 'published', 'fulfilled')) AS s(step, action, from_status, to_status)
      WHERE s.step < 30 OR hashtext(c.id::text) & 1 = 0`,
    [o.userId],
  );
  await client.query(
    `INSERT INTO commitment_review (commitment_id, kind, reviewer_user_id, score, created_at)
     SELECT id, 'public', $1, 1 + (hashtext(id::text) & 3), created_at + interval '40 days' FROM commitment WHERE hashtext(id::text) & 2 = 0`,
    [o.userId],
  );
  await client.query(`SET session_replication_role = origin`);
}
