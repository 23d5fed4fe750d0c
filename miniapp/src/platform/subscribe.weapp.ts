import Taro from '@tarojs/taro'
import type { SubscriptionReport } from '@xianfeng/shared'

/** WeChat asks at most this many templates in one wx.requestSubscribeMessage call. */
export const MAX_TEMPLATES_PER_REQUEST = 3

/** weapp has WeChat subscribe messages: the button asks for them. */
export const SUBSCRIBE_SUPPORTED = true

/** Nothing to explain on weapp. */
export const SUBSCRIBE_UNSUPPORTED_NOTE: string | null = null

type Outcome = SubscriptionReport['results'][string]
const OUTCOMES: ReadonlyArray<string> = ['accept', 'reject', 'ban', 'filter']

/**
 * Asks the person to accept these templates (wx.requestSubscribeMessage). Must be called straight
 * from a tap handler — WeChat refuses it after an await — and with at most three ids. Answers the
 * outcome per template id (WeChat's answer also carries `errMsg`, which is left out).
 */
export async function requestSubscribe(tmplIds: string[]): Promise<SubscriptionReport['results']> {
  const ids = tmplIds.slice(0, MAX_TEMPLATES_PER_REQUEST)
  // Taro's type wants Alipay's `entityIds` too; WeChat takes only `tmplIds`.
  const res = (await Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>
  const results: Record<string, Outcome> = {}
  for (const id of ids) {
    const r = res[id]
    if (typeof r === 'string' && OUTCOMES.includes(r)) results[id] = r as Outcome
  }
  return results
}
