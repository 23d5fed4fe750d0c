import type { WishCategory, WishStatus } from '@xianfeng/shared'
import { Pages, WishActionLabels, WishCategoryLabels, WishStatusLabels, pageUrl } from '@xianfeng/shared'

export const WISH_PAGES = {
  wall: pageUrl(Pages.wishWall),
  detail: pageUrl(Pages.wishDetail),
  post: pageUrl(Pages.wishPost),
}

export const CategoryLabels = WishCategoryLabels

export const CategoryHints: Record<WishCategory, string> = {
  goods: '需要一样东西',
  service: '需要上门帮忙',
  errand: '代办、陪同',
}

export const StatusLabels = WishStatusLabels
export const ActionLabels = WishActionLabels

/** Tag colour per status: red while someone can act, gold when done, grey when closed. */
export function statusTone(s: WishStatus): 'red' | 'gold' | 'grey' | 'plain' {
  if (s === 'open') return 'red'
  if (s === 'fulfilled' || s === 'confirmed') return 'gold'
  if (s === 'rejected' || s === 'expired') return 'grey'
  return 'plain'
}

