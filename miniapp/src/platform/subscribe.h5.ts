import type { SubscriptionReport } from '@xianfeng/shared'

/** Kept the same on every platform. */
export const MAX_TEMPLATES_PER_REQUEST = 3

/** A browser has no WeChat subscribe messages. */
export const SUBSCRIBE_SUPPORTED = false

/** What the subscribe button shows instead, on H5. */
export const SUBSCRIBE_UNSUPPORTED_NOTE: string | null = '网页版不支持微信订阅消息，消息会保存在站内信箱'

export async function requestSubscribe(_tmplIds: string[]): Promise<SubscriptionReport['results']> {
  throw new Error(SUBSCRIBE_UNSUPPORTED_NOTE ?? '不支持订阅消息')
}
