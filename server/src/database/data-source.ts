import pg from 'pg';
import { Foundation1732400000000 } from './migrations/1732400000000-Foundation.js';
import { Notifications1732500000000 } from './migrations/1732500000000-Notifications.js';
import { Greetings1732500001000 } from './migrations/1732500001000-Greetings.js';
import { Commitments1732600000000 } from './migrations/1732600000000-Commitments.js';
import { Wishes1732700000000 } from './migrations/1732700000000-Wishes.js';
import { AppSettings1732800000000 } from './migrations/1732800000000-AppSettings.js';
import { Stats1733000000000 } from './migrations/1733000000000-Stats.js';
import { OrgChanged1733050000000 } from './migrations/1733050000000-OrgChanged.js';
import { CommunityService1733100000000 } from './migrations/1733100000000-CommunityService.js';
import { Assessment1733200000000 } from './migrations/1733200000000-Assessment.js';
import { WechatPlatform1733300000000 } from './migrations/1733300000000-WechatPlatform.js';
import { Workbench1733400000000 } from './migrations/1733400000000-Workbench.js';
import { RateLimits1733500000000 } from './migrations/1733500000000-RateLimits.js';
import { RecountAll1733600000000 } from './migrations/1733600000000-RecountAll.js';
import { BoardOrder1733700000000 } from './migrations/1733700000000-BoardOrder.js';
import { CountersAtCommit1733800000000 } from './migrations/1733800000000-CountersAtCommit.js';
import { ClaimsHeld1733900000000 } from './migrations/1733900000000-ClaimsHeld.js';
import { PresentMembersByOrg1734000000000 } from './migrations/1734000000000-PresentMembersByOrg.js';
import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DEFAULT_DB_SETTINGS, type DbSettings } from '../config/config.js';
import { prepareStatements } from './prepared-statements.js';

// Calendar dates stay `YYYY-MM-DD` strings: a JS Date would shift them by the process's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
// bigint counts come back as numbers (they stay far below 2^53 here).
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

const dbLogger = new Logger('Database');

export const MIGRATIONS = [
  Foundation1732400000000,
  Notifications1732500000000,
  Greetings1732500001000,
  Commitments1732600000000,
  Wishes1732700000000,
  AppSettings1732800000000,
  Stats1733000000000,
  OrgChanged1733050000000,
  CommunityService1733100000000,
  Assessment1733200000000,
  WechatPlatform1733300000000,
  Workbench1733400000000,
  RateLimits1733500000000,
  RecountAll1733600000000,
  BoardOrder1733700000000,
  CountersAtCommit1733800000000,
  ClaimsHeld1733900000000,
  PresentMembersByOrg1734000000000,
];

/**
 * node-postgres settings for every pool the application opens (TypeORM's and pg-boss's): the client
 * gives up on a query (`query_timeout`) or a connection (`connectionTimeoutMillis`) by itself, since a
 * frozen server cannot enforce its own `statement_timeout`; the server cancels slow statements.
 * The error filter answers these with 503 DATABASE_UNAVAILABLE.
 */
export function poolTimeouts(t: DbSettings = DEFAULT_DB_SETTINGS) {
  return { query_timeout: t.queryTimeoutMs, connectionTimeoutMillis: t.connectTimeoutMs, statement_timeout: t.statementTimeoutMs };
}

export function dataSourceOptions(url: string, poolSize = 20, settings: DbSettings | null = DEFAULT_DB_SETTINGS): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // No entities: every feature reaches its tables through named SQL in its repository.
    entities: [],
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5000,
      ...(settings ? poolTimeouts(settings) : {}),
      application_name: 'xianfeng',
      // pg-pool listens for errors only on idle clients. A client checked out between two statements
      // when the server ends its connection (restart, failover, 57P01) would raise an unhandled
      // 'error' and take the process down; with a listener it is only broken, and the pool drops it.
      onConnect: (client: pg.Client) => {
        client.on('error', (err: Error) => dbLogger.warn(`database connection lost: ${err.message}`));
        if (settings?.preparedStatements !== false) prepareStatements(client);
      },
    },
  };
}

/**
 * Applies pending migrations. Several instances may start at once: a session advisory lock makes
 * them take turns, and the later ones find nothing left to do.
 */
export async function runMigrations(url: string): Promise<string[]> {
  // No statement or query timeout: a migration over a large table may rightly take long.
  const ds = new DataSource({ ...dataSourceOptions(url, 2, null), migrationsTransactionMode: 'each' });
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query(`SELECT pg_advisory_lock(hashtext('xianfeng:migrations'))`);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('xianfeng:migrations'))`).catch(() => undefined);
    await runner.release();
    await ds.destroy();
  }
}
