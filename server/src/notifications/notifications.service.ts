import { Inject, Injectable } from '@nestjs/common';
import { NotificationTemplateKeys, type Inbox, type Notification, type NotificationTemplateKey, type SubscriptionTemplate } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { notFound } from '../common/app-error.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Db } from '../database/db.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { toNotification } from './notification.mapper.js';
import { NotificationsRepository } from './notifications.repository.js';
import type { NotificationInput } from './templates.js';

/**
 * The outbox and inbox. Features call `enqueue` with the handle of their own transaction, so
 * the notification exists if and only if the event does; delivery to WeChat happens after commit
 * (DeliveryWorker).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    private readonly repo: NotificationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes one notification; a second one with the same dedupe key is ignored. Returns the id if written. */
  enqueue(db: Db, n: NotificationInput): Promise<string | null> {
    return this.repo.insertOnce(db, n);
  }

  /**
   * Notifies every staff user of an organisation: those with a grant on it or on an ancestor.
   * `make` builds the notification per user (the dedupe key should include the user id).
   */
  async enqueueForStaffOf(db: Db, orgId: string, make: (userId: string) => NotificationInput): Promise<number> {
    const org = await this.orgs.find(orgId, db);
    const staff = org ? await this.orgs.staffUserIds(org, db) : [];
    for (const userId of staff) await this.repo.insertOnce(db, make(userId));
    return staff.length;
  }

  async inbox(userId: string, limit: number, cursor?: string): Promise<Inbox> {
    const after = decodeCursor<[string, string]>(cursor, ['timestamp', 'uuid']);
    const rows = await this.repo.findPageForUser(this.dataSource.manager, userId, limit, after);
    const unread = await this.repo.countUnread(this.dataSource.manager, userId);
    return { ...toPage(rows, limit, toNotification, (r) => [r.cursor_at, r.id]), unread };
  }

  async markRead(userId: string, id: string): Promise<Notification> {
    const row = await this.repo.markReadIfOwnedBy(this.dataSource.manager, id, userId);
    // Someone else's notification is as good as missing.
    if (!row) throw notFound('通知');
    return toNotification(row);
  }

  templateId(key: NotificationTemplateKey): string {
    return this.config.templates[key];
  }

  async templates(userId: string): Promise<SubscriptionTemplate[]> {
    const ids = NotificationTemplateKeys.map((key) => this.templateId(key));
    const rows = await this.repo.findGrantsLeft(this.dataSource.manager, userId, ids);
    const left = new Map(rows.map((r) => [r.template_id, r.remaining]));
    return NotificationTemplateKeys.map((key) => ({ key, templateId: this.templateId(key), remaining: left.get(this.templateId(key)) ?? 0 }));
  }

  /** Each `accept` adds one grant for that template; other outcomes change nothing. Unknown ids are ignored. */
  async recordSubscriptions(userId: string, results: Record<string, string>): Promise<SubscriptionTemplate[]> {
    const known = new Set(NotificationTemplateKeys.map((k) => this.templateId(k)));
    const accepted = Object.entries(results).filter(([id, r]) => r === 'accept' && known.has(id)).map(([id]) => id);
    if (accepted.length) await this.repo.addGrants(this.dataSource.manager, userId, accepted);
    return this.templates(userId);
  }
}
