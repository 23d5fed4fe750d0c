import 'reflect-metadata';
import { loadConfig } from '../config/config.js';
import { runMigrations } from './data-source.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** `pnpm --filter ./server migration:run`: applies pending migrations to DATABASE_URL (or the embedded database). */
const config = loadConfig();
const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: config.dataDir });
const applied = await runMigrations(config.databaseUrl ?? embedded!.url);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
await embedded?.stop();
