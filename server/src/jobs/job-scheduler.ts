import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PgBoss } from 'pg-boss';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ZONE } from '../common/dates.js';
import { poolTimeouts } from '../database/data-source.js';

interface CronJob {
  name: string;
  cron: string;
  run: () => Promise<void>;
}

/**
 * Cron schedules on pg-boss: each tick becomes one job in PostgreSQL, taken by one instance however
 * many run. Features register their jobs in onModuleInit; the scheduler starts after bootstrap.
 * With JOBS_ENABLED=false (tests, one-off tools) nothing is scheduled; the jobs' methods can still be
 * called directly.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly jobs: CronJob[] = [];
  private boss: PgBoss | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(name: string, cron: string, run: () => Promise<void>): void {
    this.jobs.push({ name, cron, run });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobsEnabled || this.jobs.length === 0) return;
    const url = (this.dataSource.options as { url?: string }).url;
    this.boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 3, application_name: 'xianfeng-jobs', ...poolTimeouts(this.config.db) });
    this.boss.on('error', (err: Error) => this.logger.error({ err }, 'pg-boss error'));
    await this.boss.start();
    for (const job of this.jobs) {
      await this.boss.createQueue(job.name).catch(() => undefined); // exists already
      await this.boss.schedule(job.name, job.cron, null, { tz: ZONE });
      await this.boss.work(job.name, async () => {
        const t0 = Date.now();
        await job.run();
        this.logger.debug(`${job.name} done in ${Date.now() - t0} ms`);
      });
    }
    this.logger.log(`scheduled: ${this.jobs.map((j) => `${j.name} (${j.cron})`).join(', ')}`);
  }

  /** Queues one run of a registered job now (on whichever instance takes it), as its schedule would. */
  async trigger(name: string): Promise<void> {
    if (!this.boss) throw new Error('the job scheduler is not running (JOBS_ENABLED=false?)');
    if (!this.jobs.some((j) => j.name === name)) throw new Error(`no job named ${name}`);
    await this.boss.send(name, {});
  }

  /** The cron schedules pg-boss holds, for health checks and tests. */
  async schedules(): Promise<Array<{ name: string; cron: string; timezone: string | null }>> {
    if (!this.boss) return [];
    return (await this.boss.getSchedules()).map((s) => ({ name: s.name, cron: s.cron, timezone: s.timezone ?? null }));
  }

  /** Let running jobs finish before the application's pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, timeout: 10_000 }).catch(() => undefined);
  }
}
