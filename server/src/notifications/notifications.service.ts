import { Inject, Injectable } from '@nestjs/common';
import { NotificationTemplateKeys, type Inbox, type Notification, type NotificationTemplateKey, type SubscriptionTemplate } from '@xianfeng/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../common/app-error.js';
import { cursorTimestamp, decodeCursor, toPage } from '../common/pagination.js';
import { returning } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import type { NotificationInput } from './templates.js';

interface NotificationRow {
  id: string;
  template_key: NotificationTemplateKey;
  title: string;
  body: string;
  page: string | null;
  status: Notification['delivery'];
  created_at: Date;
  read_at: Date | null;
  cursor_at?: string;
}

const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  templateKey: r.template_key,
  title: r.title,
  body: r.body,
  page: r.page,
  delivery: r.status,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

/**
 * The outbox and inbox. Features call `enqueue` with the EntityManager of their own transaction, so
 * the notification exists if and only if the event does; delivery to WeChat happens after commit
 * (DeliveryWorker).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes one notification; a second one with the same dedupe key is ignored. Returns the id if written. */
  async enqueue(manager: EntityManager, n: NotificationInput): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO notification (user_id, template_key, title, body, page, data, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [n.userId, n.templateKey, n.title, n.body, n.page ?? null, JSON.stringify(n.data), n.dedupeKey],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Notifies every staff user of an organisation: those with a grant on it or on an ancestor.
   * `make` builds the notification per user (the dedupe key should include the user id).
   */
  async enqueueForStaffOf(manager: EntityManager, orgId: string, make: (userId: string) => NotificationInput): Promise<number> {
    const org = await this.orgs.find(orgId, manager);
    const staff = org ? await this.orgs.staffUserIds(org, manager) : [];
    for (const userId of staff) await this.enqueue(manager, make(userId));
    return staff.length;
  }

  async inbox(userId: string, limit: number, cursor?: string): Promise<Inbox> {
    const after = decodeCursor<[string, string]>(cursor, ['timestamp', 'uuid']);
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT id, template_key, title, body, page, status, created_at, read_at, ${cursorTimestamp('created_at')} AS cursor_at FROM notification
        WHERE user_id = $1 ${after ? `AND (created_at, id) < ($3::timestamptz, $4::uuid)` : ''}
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      after ? [userId, limit + 1, after[0], after[1]] : [userId, limit + 1],
    );
    const [{ unread }] = await this.dataSource.query(`SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return { ...toPage(rows, limit, toNotification, (r) => [r.cursor_at, r.id]), unread };
  }

  async markRead(userId: string, id: string): Promise<Notification> {
    const rows = await returning<NotificationRow>(
      this.dataSource.manager,
      `UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2
       RETURNING id, template_key, title, body, page, status, created_at, read_at`,
      [id, userId],
    );
    // Someone else's notification is as good as missing.
    if (!rows[0]) throw notFound('通知');
    return toNotification(rows[0]);
  }

  templateId(key: NotificationTemplateKey): string {
    return this.config.templates[key];
  }

  async templates(userId: string): Promise<SubscriptionTemplate[]> {
    const ids = NotificationTemplateKeys.map((key) => this.templateId(key));
    const rows: Array<{ template_id: string; remaining: number }> = await this.dataSource.query(
      `SELECT template_id, remaining FROM subscription_quota WHERE user_id = $1 AND template_id = ANY($2)`,
      [userId, ids],
    );
    const left = new Map(rows.map((r) => [r.template_id, r.remaining]));
    return NotificationTemplateKeys.map((key) => ({ key, templateId: this.templateId(key), remaining: left.get(this.templateId(key)) ?? 0 }));
  }

  /** Each `accept` adds one grant for that template; other outcomes change nothing. Unknown ids are ignored. */
  async recordSubscriptions(userId: string, results: Record<string, string>): Promise<SubscriptionTemplate[]> {
    const known = new Set(NotificationTemplateKeys.map((k) => this.templateId(k)));
    const accepted = Object.entries(results).filter(([id, r]) => r === 'accept' && known.has(id)).map(([id]) => id);
    if (accepted.length) {
      await this.dataSource.query(
        `INSERT INTO subscription_quota (user_id, template_id, remaining)
         SELECT $1, t, 1 FROM unnest($2::text[]) AS t
         ON CONFLICT (user_id, template_id) DO UPDATE SET remaining = subscription_quota.remaining + 1, updated_at = now()`,
        [userId, accepted],
      );
    }
    return this.templates(userId);
  }
}
