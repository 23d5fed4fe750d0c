import type { Notification } from '@xianfeng/shared';
import type { NotificationRow } from './notifications.repository.js';

export const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  templateKey: r.template_key,
  title: r.title,
  body: r.body,
  page: r.page,
  delivery: r.status,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});
