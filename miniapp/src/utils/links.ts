import { Pages, pagePathOf, type PagePath } from '@xianfeng/shared'

/** Tab pages open with switchTab, which takes no query: a link never leads there. */
const TAB_PAGES: ReadonlySet<string> = new Set<PagePath>([Pages.home, Pages.board, Pages.me])
const LINKABLE: ReadonlySet<string> = new Set((Object.values(Pages) as string[]).filter((p) => !TAB_PAGES.has(p)))

/** Inbox entries written before links named the real pages (`pages/wish/index?id=…`). */
const LEGACY: Record<string, PagePath> = {
  'pages/wish/index': Pages.wishDetail,
  'pages/commitment/index': Pages.commitmentDetail,
}

/** The URL to navigateTo for a notification's `page` (a page of shared's `Pages`), or null when it is not one of ours. */
export function appPageUrl(page: string | null | undefined): string | null {
  if (!page) return null
  const path = pagePathOf(page)
  const target = LINKABLE.has(path) ? path : LEGACY[path]
  if (!target) return null
  const query = page.includes('?') ? page.slice(page.indexOf('?') + 1) : ''
  return query ? `/${target}?${query}` : `/${target}`
}
