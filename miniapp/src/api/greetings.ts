import type { Greeting, Page } from '@xianfeng/shared'
import { request } from './client'

/** The member's own greeting cards (政治生日 / 生日贺卡). */
export const greetingsApi = {
  /** GET /greetings/mine — newest first, paginated. */
  mine: (cursor?: string | null) => request<Page<Greeting>>('GET', '/greetings/mine', { query: { cursor } }),

  /** POST /greetings/:id/read — the recipient opens a card; answers the card (so it also fetches one by id). */
  read: (id: string) => request<Greeting>('POST', `/greetings/${encodeURIComponent(id)}/read`),
}
