import type { Inbox, Notification, SubscriptionReport, SubscriptionTemplate } from '@xianfeng/shared'
import { request } from './client'

/** The in-app inbox and WeChat subscribe-message grants. */
export const notificationsApi = {
  /** GET /notifications — newest first, with the unread count. */
  inbox: (cursor?: string | null, limit?: number) =>
    request<Inbox>('GET', '/notifications', { query: { cursor, limit } }),

  /** The unread count alone, for badges: a one-item page, quietly (no login page on an expired token). */
  unread: async () => (await request<Inbox>('GET', '/notifications', { query: { limit: 1 }, redirectOn401: false })).unread,

  /** POST /notifications/:id/read */
  read: (id: string) => request<Notification>('POST', `/notifications/${encodeURIComponent(id)}/read`),

  /** GET /subscriptions/templates — the template ids to ask for, with the grants left. */
  templates: () => request<SubscriptionTemplate[]>('GET', '/subscriptions/templates'),

  /** POST /subscriptions — what wx.requestSubscribeMessage answered; each accept adds one grant. */
  subscribe: (results: SubscriptionReport['results']) =>
    request<SubscriptionTemplate[]>('POST', '/subscriptions', { body: { results } satisfies SubscriptionReport }),
}
