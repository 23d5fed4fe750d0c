import type { MemberCard, OrgDetail, Wish, WishCounts } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { wishesApi } from '../../../api/wishes'

/** How long each member's card stays on the screen. */
export const CARD_SECONDS = 8
/** How often the screen fetches everything again (new cards, counts, completed wishes). */
export const REFRESH_SECONDS = 60
/** Enough cards for a day's cycle at the counter; a bigger organisation shows its first ones. */
const MAX_CARDS = 200
const NEWEST_COMPLETED = 4

export interface HallData {
  org: OrgDetail
  cards: MemberCard[]
  counts: WishCounts
  completed: Wish[]
  loadedAt: Date
}

/** Only the posts and duties are worth the screen: members with a post first, then the rest. */
export function cardsForScreen(cards: MemberCard[]): MemberCard[] {
  return [...cards.filter((c) => c.postKind), ...cards.filter((c) => !c.postKind)]
}

/** Completed wishes, the most recently completed first. */
export function newestCompleted(wishes: Wish[], n = NEWEST_COMPLETED): Wish[] {
  const doneAt = (w: Wish) => w.fulfilment?.fulfilledAt ?? w.updatedAt
  return wishes
    .filter((w) => w.status === 'fulfilled' || w.status === 'confirmed')
    .sort((a, b) => doneAt(b).localeCompare(doneAt(a)))
    .slice(0, n)
}

async function allCards(orgId: string): Promise<MemberCard[]> {
  const out: MemberCard[] = []
  let cursor: string | null = null
  do {
    const page = await api.board(orgId, cursor)
    out.push(...page.items)
    cursor = page.nextCursor
  } while (cursor && out.length < MAX_CARDS)
  return out.slice(0, MAX_CARDS)
}

/** Everything the screen shows, all public (no login). */
export async function loadHall(orgId: string): Promise<HallData> {
  const [org, cards, counts, wishes] = await Promise.all([
    api.org(orgId),
    allCards(orgId),
    wishesApi.counts(orgId),
    wishesApi.list({ orgId, status: ['fulfilled', 'confirmed'], limit: 20 }),
  ])
  return { org, cards: cardsForScreen(cards), counts, completed: newestCompleted(wishes.items), loadedAt: new Date() }
}
