import { Injectable } from '@nestjs/common';
import type { Notification, NotificationTemplateKey } from '@xianfeng/shared';
import { cursorTimestamp } from '../common/pagination.js';
import { returning } from '../common/sql.js';
import type { Db } from '../database/db.js';
import type { NotificationInput } from './templates.js';

/** An inbox entry as the API shows it. */
export interface NotificationRow {
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

/** An outbox row a delivery worker holds the lease on, with the recipient's openid. */
export interface ClaimedNotification {
  id: string;
  user_id: string;
  template_key: NotificationTemplateKey;
  data: Record<string, string>;
  page: string | null;
  attempts: number;
  openid: string;
}

export type DeliveryStatus = 'sent' | 'no_quota' | 'failed' | 'pending';

const INBOX_COLUMNS = `id, template_key, title, body, page, status, created_at, read_at`;

/**
 * Every statement about notifications (the outbox that is also the inbox) and subscription grants,
 * named for what it does; the handle first, so an event's notification shares the event's transaction.
 */
@Injectable()
export class NotificationsRepository {
  /** Writes one notification; a second one with the same dedupe key is ignored. Returns the id if written. */
  async insertOnce(db: Db, n: NotificationInput): Promise<string | null> {
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO notification (user_id, template_key, title, body, page, data, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [n.userId, n.templateKey, n.title, n.body, n.page ?? null, JSON.stringify(n.data), n.dedupeKey],
    );
    return rows[0]?.id ?? null;
  }

  /** One page of a user's inbox, newest first, keyset-paginated on (created_at, id). */
  async findPageForUser(db: Db, userId: string, limit: number, after: [string, string] | null): Promise<NotificationRow[]> {
    return db.query(
      `SELECT ${INBOX_COLUMNS}, ${cursorTimestamp('created_at')} AS cursor_at FROM notification
        WHERE user_id = $1 ${after ? `AND (created_at, id) < ($3::timestamptz, $4::uuid)` : ''}
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      after ? [userId, limit + 1, after[0], after[1]] : [userId, limit + 1],
    );
  }

  async countUnread(db: Db, userId: string): Promise<number> {
    const [{ unread }]: Array<{ unread: number }> = await db.query(`SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return unread;
  }

  /** Marks the user's own notification read (the first time only); null when it is not theirs or does not exist. */
  async markReadIfOwnedBy(db: Db, id: string, userId: string): Promise<NotificationRow | null> {
    const rows = await returning<NotificationRow>(
      db,
      `UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2
       RETURNING ${INBOX_COLUMNS}`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  /** Grants left per template id, for the given template ids (absent: none). */
  async findGrantsLeft(db: Db, userId: string, templateIds: string[]): Promise<Array<{ template_id: string; remaining: number }>> {
    return db.query(`SELECT template_id, remaining FROM subscription_quota WHERE user_id = $1 AND template_id = ANY($2)`, [userId, templateIds]);
  }

  /** One more grant for each template id. */
  async addGrants(db: Db, userId: string, templateIds: string[]): Promise<void> {
    await db.query(
      `INSERT INTO subscription_quota (user_id, template_id, remaining)
       SELECT $1, t, 1 FROM unnest($2::text[]) AS t
       ON CONFLICT (user_id, template_id) DO UPDATE SET remaining = subscription_quota.remaining + 1, updated_at = now()`,
      [userId, templateIds],
    );
  }

  /** Spends one grant if the user has one left; false when none is. */
  async spendGrant(db: Db, userId: string, templateId: string): Promise<boolean> {
    const rows = await returning<{ remaining: number }>(
      db,
      `UPDATE subscription_quota SET remaining = remaining - 1, updated_at = now()
        WHERE user_id = $1 AND template_id = $2 AND remaining > 0 RETURNING remaining`,
      [userId, templateId],
    );
    return rows.length > 0;
  }

  /** Gives back a grant spent on a message that was not delivered. */
  async refundGrant(db: Db, userId: string, templateId: string): Promise<void> {
    await db.query(`UPDATE subscription_quota SET remaining = remaining + 1, updated_at = now() WHERE user_id = $1 AND template_id = $2`, [userId, templateId]);
  }

  /** WeChat says the user holds no grant: our count was wrong, so it becomes 0. */
  async clearGrants(db: Db, userId: string, templateId: string): Promise<void> {
    await db.query(`UPDATE subscription_quota SET remaining = 0, updated_at = now() WHERE user_id = $1 AND template_id = $2`, [userId, templateId]);
  }

  /**
   * Takes a lease on up to `limit` due rows: pending ones whose time has come, and sending ones whose
   * lease ran out (a worker died mid-send). SKIP LOCKED lets workers on any instance share the table.
   */
  async claimDue(db: Db, limit: number, leaseSeconds: number): Promise<ClaimedNotification[]> {
    return returning<ClaimedNotification>(
      db,
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
      [limit, leaseSeconds],
    );
  }

  /** Records a delivery outcome; only the worker still holding the claim (same attempt) may. */
  async finishIfStillClaimed(
    db: Db,
    row: Pick<ClaimedNotification, 'id' | 'attempts'>,
    status: DeliveryStatus,
    o: { msgid?: string; error?: string; retryInMs?: number },
  ): Promise<void> {
    await db.query(
      `UPDATE notification
          SET status = $3, locked_until = NULL, last_error = $4, msgid = COALESCE($5, msgid),
              sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END,
              next_attempt_at = CASE WHEN $3 = 'pending' THEN now() + make_interval(secs => $6::double precision / 1000) ELSE next_attempt_at END
        WHERE id = $1 AND attempts = $2 AND status = 'sending'`,
      [row.id, row.attempts, status, o.error ?? null, o.msgid ?? null, o.retryInMs ?? 0],
    );
  }
}
