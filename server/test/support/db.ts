import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS, runMigrations } from '../../src/database/data-source.js';

const TEMPLATE = `xf_template_${MIGRATIONS.length}_${MIGRATIONS.map((m) => m.name).join('').length}`;

function adminUrl(): string {
  const raw = process.env.TEST_DATABASE_ADMIN_URL;
  if (!raw) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run the tests through jest (globalSetup starts Postgres)');
  return raw;
}

function urlFor(db: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${db}`;
  return u.toString();
}

/** Creates and migrates the template database once per test run, whichever test file gets there first. */
async function ensureTemplate(client: pg.Client): Promise<void> {
  await client.query(`SELECT pg_advisory_lock(hashtext('xianfeng:test-template'))`);
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [TEMPLATE]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${TEMPLATE}_tmp`);
    await runMigrations(urlFor(`${TEMPLATE}_tmp`));
    await client.query(`ALTER DATABASE ${TEMPLATE}_tmp RENAME TO ${TEMPLATE}`);
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('xianfeng:test-template'))`);
  }
}

/** A fresh database cloned from the migrated template: each test file gets its own. */
export async function createTestDatabase(): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await ensureTemplate(client);
    // CREATE DATABASE … TEMPLATE fails while another session is cloning the same template: retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || attempt > 100) throw e;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  } finally {
    await client.end();
  }
  return urlFor(name);
}

export async function createTestDataSource(url?: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url ?? (await createTestDatabase()), 10));
  await ds.initialize();
  return ds;
}
