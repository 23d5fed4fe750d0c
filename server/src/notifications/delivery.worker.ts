import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { NotificationTemplateKey } from '@xianfeng/shared';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { truncateTemplateData } from '../wechat/template-limits.js';
import { WechatApiError, WechatErrcode, WechatUnavailableError } from '../wechat/wechat.errors.js';
import { WechatGateway } from '../wechat/wechat.gateway.js';

interface Claimed {
  id: string;
  user_id: string;
  template_key: NotificationTemplateKey;
  data: Record<string, string>;
  page: string | null;
  attempts: number;
  openid: string;
}

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
  private listener: pg.Client | null = null;

  constructor(
    private readonly dataSource: DataSource,
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
    await this.listener?.end().catch(() => undefined);
  }

  /** New rows wake the workers at once, on every instance: NOTIFY is sent by a trigger, on commit. */
  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    try {
      this.listener = new pg.Client({ connectionString: url });
      this.listener.on('notification', () => this.wake());
      this.listener.on('error', (err) => {
        this.logger.warn(`notification listener lost (${err.message}); polling continues`);
        this.listener = null;
      });
      await this.listener.connect();
      await this.listener.query('LISTEN xf_notification');
    } catch (err) {
      this.logger.warn(`LISTEN failed (${(err as Error).message}); polling only`);
      this.listener = null;
    }
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

  private async claim(limit: number): Promise<Claimed[]> {
    const result: [Claimed[], number] | Claimed[] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM notification
          WHERE (status = 'pending' AND next_attempt_at <= now())
             OR (status = 'sending' AND locked_until < now())
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       )
       UPDATE notification n
          SET status = 'sending', attempts = n.attempts + 1, locked_until = now() + make_interval(secs => $2)
         FROM due, app_user u
        WHERE n.id = due.id AND u.id = n.user_id
       RETURNING n.id, n.user_id, n.template_key, n.data, n.page, n.attempts, u.openid`,
      [limit, this.config.notify.leaseSeconds],
    );
    return (Array.isArray(result[0]) ? result[0] : result) as Claimed[];
  }

  async deliver(row: Claimed): Promise<DeliveryOutcome> {
    const templateId = this.config.templates[row.template_key];
    const spent = await this.dataSource.query(
      `UPDATE subscription_quota SET remaining = remaining - 1, updated_at = now()
        WHERE user_id = $1 AND template_id = $2 AND remaining > 0 RETURNING remaining`,
      [row.user_id, templateId],
    );
    if ((Array.isArray(spent[0]) ? spent[0] : spent).length === 0) {
      await this.finish(row, 'no_quota', { error: 'no subscription grant left' });
      return 'no_quota';
    }
    const refund = () =>
      this.dataSource.query(`UPDATE subscription_quota SET remaining = remaining + 1, updated_at = now() WHERE user_id = $1 AND template_id = $2`, [
        row.user_id,
        templateId,
      ]);
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
        await this.dataSource.query(`UPDATE subscription_quota SET remaining = 0, updated_at = now() WHERE user_id = $1 AND template_id = $2`, [
          row.user_id,
          templateId,
        ]);
        await this.finish(row, 'no_quota', { error: `43101 ${err.errmsg}` });
        return 'no_quota';
      }
      await refund(); // nothing was delivered, so the grant is still the user's
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
  private async finish(row: Claimed, status: 'sent' | 'no_quota' | 'failed' | 'pending', o: { msgid?: string; error?: string; retryInMs?: number }) {
    await this.dataSource.query(
      `UPDATE notification
          SET status = $3, locked_until = NULL, last_error = $4, msgid = COALESCE($5, msgid),
              sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END,
              next_attempt_at = CASE WHEN $3 = 'pending' THEN now() + make_interval(secs => $6::double precision / 1000) ELSE next_attempt_at END
        WHERE id = $1 AND attempts = $2 AND status = 'sending'`,
      [row.id, row.attempts, status, o.error ?? null, o.msgid ?? null, o.retryInMs ?? 0],
    );
  }
}
