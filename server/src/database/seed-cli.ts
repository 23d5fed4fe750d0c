import 'reflect-metadata';
import { loadConfig } from '../config/config.js';
import { runMigrations } from './data-source.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { seedDemoIfEmpty } from './seed.js';

/** `pnpm seed`: migrates and loads the demo data into an empty database (DATABASE_URL or the embedded one). */
const config = loadConfig();
const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: config.dataDir });
const url = config.databaseUrl ?? embedded!.url;
await runMigrations(url);
const result = await seedDemoIfEmpty(url);
console.log(result ? `demo data loaded: ${result.orgs} organisations, ${result.members} members` : 'database already has organisations: nothing seeded');
await embedded?.stop();
