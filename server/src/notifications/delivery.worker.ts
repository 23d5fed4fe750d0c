import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PgListener } from '../database/pg-listener.js';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { truncateTemplateData } from '../wechat/template-limits.js';
import { WechatApiError, WechatErrcode, WechatUnavailableError } from '../wechat/wechat.errors.js';
import { WechatGateway } from '../wechat/wechat.gateway.js';
import { NotificationsRepository, type ClaimedNotification as Claimed, type DeliveryStatus } from './notifications.repository.js';

export type DeliveryOutcome = 'sent' | 'no_quota' | 'retry' | 'failed';

/**
 * Delivers outbox rows as WeChat subscribe messages.
 *
 * Why FOR UPDATE SKIP LOCKED on the outbox instead of a pg-boss job per message: the notification row
 * must exist anyway (it is the inbox entry, written in the event's own transaction) and it already
 * carries status, attempts, next attempt time and last error. Claiming rows straight from it keeps one
 * source of truth: nothing to lose between "commit" and "enqueue a job", nothing to reconcile. A claim
 * is a lease (`locked_until`): a worker that dies mid-send leaves the row to be claimed again once the
 * lease runs out, so a crash loses nothing; SKIP LOCKED lets any number of workers on any number of
 * instances share the table without taking the same row. pg-boss runs the cron schedules instead.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private running = false;
  private loops: Promise<void>[] = [];
  private wakers: Array<() => void> = [];
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly listener: PgListener,
    private readonly repo: NotificationsRepository,
    private readonly wechat: WechatGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.notify.workers === 0) return;
    this.running = true;
    await this.listen();
    for (let i = 0; i < this.config.notify.workers; i++) this.loops.push(this.loop());
  }

  /** Before the pool closes (onApplicationShutdown), so no loop is left holding a dead connection. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
    this.unlisten?.();
  }

  /** New rows wake the workers at once, on every instance: NOTIFY is sent by a trigger, on commit. Polling covers the rest. */
  private async listen(): Promise<void> {
    const wake = () => this.wake();
    this.unlisten = await this.listener.listen('xf_notification', { message: wake, gap: wake });
  }

  private wake(): void {
    const w = this.wakers;
    this.wakers = [];
    w.forEach((f) => f());
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wakers.push(done);
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.deliverDue(this.config.notify.batch);
      } catch (err) {
        this.logger.error({ err }, 'delivery loop error');
      }
      if (handled === 0 && this.running) await this.sleep(this.config.notify.pollMs);
    }
  }

  /** Claims up to `limit` due rows and delivers them; returns how many it handled. Tests call it directly. */
  async deliverDue(limit: number): Promise<number> {
    const rows = await this.claim(limit);
    for (const row of rows) await this.deliver(row);
    return rows.length;
  }

  private claim(limit: number): Promise<Claimed[]> {
    return this.repo.claimDue(this.dataSource.manager, limit, this.config.notify.leaseSeconds);
  }

  async deliver(row: Claimed): Promise<DeliveryOutcome> {
    const templateId = this.config.templates[row.template_key];
    const db = this.dataSource.manager;
    if (!(await this.repo.spendGrant(db, row.user_id, templateId))) {
      await this.finish(row, 'no_quota', { error: 'no subscription grant left' });
      return 'no_quota';
    }
    try {
      const data = truncateTemplateData(Object.fromEntries(Object.entries(row.data).map(([k, v]) => [k, { value: String(v) }])));
      const { msgid } = await this.wechat.sendSubscribeMessage({
        touser: row.openid,
        templateId,
        page: row.page ?? undefined,
        data,
        miniprogramState: this.config.notify.miniprogramState,
        lang: 'zh_CN',
      });
      await this.finish(row, 'sent', { msgid });
      return 'sent';
    } catch (err) {
      if (err instanceof WechatApiError && err.errcode === WechatErrcode.NO_QUOTA) {
        // The user refused or WeChat holds no grant: a normal outcome, not retried; our count was wrong.
        await this.repo.clearGrants(db, row.user_id, templateId);
        await this.finish(row, 'no_quota', { error: `43101 ${err.errmsg}` });
        return 'no_quota';
      }
      await this.repo.refundGrant(db, row.user_id, templateId); // nothing was delivered, so the grant is still the user's
      const transient = err instanceof WechatUnavailableError || (err instanceof WechatApiError && (err.retryable || err.errcode === WechatErrcode.TOKEN_INVALID || err.errcode === WechatErrcode.TOKEN_EXPIRED));
      const error = err instanceof WechatApiError ? `${err.errcode} ${err.errmsg}` : err instanceof Error ? err.message : String(err);
      if (transient && row.attempts < this.config.notify.maxAttempts) {
        await this.finish(row, 'pending', { error, retryInMs: this.backoff(row.attempts) });
        return 'retry';
      }
      this.logger.warn({ notificationId: row.id, template: row.template_key, attempts: row.attempts, error }, 'subscribe message failed permanently');
      await this.finish(row, 'failed', { error });
      return 'failed';
    }
  }

  /** Exponential back-off with jitter: base·2^(n-1), capped, then scaled by a random 50–100 %. */
  backoff(attempts: number): number {
    const { retryBaseMs, retryMaxMs } = this.config.notify;
    const raw = Math.min(retryBaseMs * 2 ** Math.max(0, attempts - 1), retryMaxMs);
    return Math.round(raw * (0.5 + Math.random() * 0.5));
  }

  /** Only the worker still holding the claim (same attempt) may record the outcome. */
  private finish(row: Claimed, status: DeliveryStatus, o: { msgid?: string; error?: string; retryInMs?: number }): Promise<void> {
    return this.repo.finishIfStillClaimed(this.dataSource.manager, row, status, o);
  }
}
