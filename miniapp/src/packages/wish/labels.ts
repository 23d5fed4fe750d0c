import type { WishAction, WishCategory, WishStatus } from '@xianfeng/shared'

export const WISH_PAGES = {
  wall: '/packages/wish/wall/index',
  detail: '/packages/wish/detail/index',
  post: '/packages/wish/post/index',
}

export const CategoryLabels: Record<WishCategory, string> = {
  goods: '物品',
  service: '服务',
  errand: '跑腿',
}

export const CategoryHints: Record<WishCategory, string> = {
  goods: '需要一样东西',
  service: '需要上门帮忙',
  errand: '代办、陪同',
}

export const StatusLabels: Record<WishStatus, string> = {
  pending_review: '待审核',
  open: '可认领',
  rejected: '未通过',
  claimed: '进行中',
  fulfilled: '已完成·待确认',
  confirmed: '已完成',
  expired: '已过期',
}

export const ActionLabels: Record<WishAction, string> = {
  post: '发布心愿',
  approve: '审核通过，心愿上墙',
  reject: '审核未通过',
  claim: '党员认领',
  release: '认领人释放，心愿重新待领',
  fulfil: '党员完成心愿',
  confirm: '确认完成',
  expire: '到期未被认领，已撤下',
  clear_held: '内容复核通过',
}

/** Tag colour per status: red while someone can act, gold when done, grey when closed. */
export function statusTone(s: WishStatus): 'red' | 'gold' | 'grey' | 'plain' {
  if (s === 'open') return 'red'
  if (s === 'fulfilled' || s === 'confirmed') return 'gold'
  if (s === 'rejected' || s === 'expired') return 'grey'
  return 'plain'
}

