import Taro from '@tarojs/taro'
import { Pages, pageUrl } from '@xianfeng/shared'

const BOARD_REQUEST_KEY = 'xf.board.request'
export const BOARD_LAST_KEY = 'xf.board.last'

/**
 * Opens the 亮岗 tab on an organisation. Tab pages take no query through switchTab, so the wish is
 * left in storage and the board reads it when it shows.
 */
export function openBoard(orgId: string): void {
  Taro.setStorageSync(BOARD_REQUEST_KEY, orgId)
  Taro.switchTab({ url: pageUrl(Pages.board) })
}

/** The organisation someone asked the board to show, read once. */
export function takeBoardRequest(): string | null {
  const id = Taro.getStorageSync(BOARD_REQUEST_KEY) as string | ''
  if (id) Taro.removeStorageSync(BOARD_REQUEST_KEY)
  return id || null
}

export function openCard(memberId: string): void {
  Taro.navigateTo({ url: pageUrl(Pages.card, { id: memberId }) })
}

export function openLogin(): void {
  Taro.navigateTo({ url: pageUrl(Pages.login) })
}

export function callPhone(phone: string): void {
  Taro.makePhoneCall({ phoneNumber: phone.replace(/\s+/g, '') }).catch(() => undefined)
}

/** Back to 首页, closing every page on the way (from a 404 or a missing record, nothing to go back to). */
export function goHome(): void {
  Taro.reLaunch({ url: pageUrl(Pages.home) })
}

/** 我要许愿 to this organisation (from its board or a member's card): the form opens with it chosen. */
export function openWishPost(orgId: string): void {
  Taro.navigateTo({ url: pageUrl(Pages.wishPost, { orgId }) })
}

/** 民主评议 of a member (public averages; comments for the member and staff). */
export function openMemberReviews(memberId: string): void {
  Taro.navigateTo({ url: pageUrl(Pages.memberReviews, { id: memberId }) })
}

/** The published star board of an organisation's children. */
export function openStarBoard(orgId: string): void {
  Taro.navigateTo({ url: pageUrl(Pages.starBoard, { orgId }) })
}
