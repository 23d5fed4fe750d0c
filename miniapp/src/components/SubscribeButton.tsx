import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { NotificationTemplateKey, SubscriptionTemplate } from '@xianfeng/shared'
import { describeError } from '../api/errors'
import { notificationsApi } from '../api/notifications'
import { useAsync } from '../hooks/useAsync'
import { MAX_TEMPLATES_PER_REQUEST, SUBSCRIBE_SUPPORTED, SUBSCRIBE_UNSUPPORTED_NOTE, requestSubscribe } from '../platform/subscribe'
import './SubscribeButton.css'

const TEMPLATE_LABELS: Record<NotificationTemplateKey, string> = {
  greeting: '贺卡祝福',
  wish_event: '微心愿',
  commitment_event: '承诺',
  service_event: '社区服务',
}

/** The ids to ask for in one tap: at most three, those with the fewest grants left first. */
export function templatesToRequest(templates: SubscriptionTemplate[]): string[] {
  return [...templates]
    .sort((a, b) => a.remaining - b.remaining)
    .slice(0, MAX_TEMPLATES_PER_REQUEST)
    .map((t) => t.templateId)
}

/**
 * 开启微信提醒: on weapp, asks WeChat for one-time subscribe grants and reports them; on H5 (no such
 * thing in a browser) explains that messages wait in the in-app inbox.
 */
export function SubscribeButton() {
  if (!SUBSCRIBE_SUPPORTED) {
    return (
      <View className="xf-subscribe xf-subscribe--note" data-testid="subscribe">
        <View className="xf-subscribe__icon">信</View>
        <Text className="xf-subscribe__note">{SUBSCRIBE_UNSUPPORTED_NOTE}</Text>
      </View>
    )
  }
  return <WechatSubscribe />
}

function WechatSubscribe() {
  const templates = useAsync(() => notificationsApi.templates(), [])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const subscribe = () => {
    if (busy) return
    if (templates.status !== 'success' || templates.data.length === 0) {
      if (templates.status === 'error') templates.reload()
      Taro.showToast({ title: '正在准备，请稍后再点', icon: 'none' })
      return
    }
    setBusy(true)
    setError(null)
    // No await before this call: WeChat only shows the request straight from a tap.
    requestSubscribe(templatesToRequest(templates.data))
      .then(async (results) => {
        const after = await notificationsApi.subscribe(results)
        templates.setData(after)
        const accepted = Object.values(results).filter((r) => r === 'accept').length
        Taro.showToast({ title: accepted > 0 ? `已开启 ${accepted} 项提醒` : '您没有同意，可随时再开启', icon: 'none' })
      })
      .catch((e: unknown) => {
        const errMsg = (e as { errMsg?: string } | null)?.errMsg
        setError(errMsg ? '微信提醒未能开启，请在小程序设置中允许接收订阅消息' : describeError(e))
      })
      .finally(() => setBusy(false))
  }

  return (
    <View className="xf-subscribe" data-testid="subscribe">
      <Text className="xf-subscribe__lead">开启后，收到贺卡、微心愿和承诺的新消息时，微信会提醒您。每同意一次，可以收到一条提醒。</Text>
      {templates.status === 'success' ? (
        <View className="xf-subscribe__grants">
          {templates.data.map((t) => (
            <Text key={t.key} className="xf-subscribe__grant">
              {TEMPLATE_LABELS[t.key] ?? t.key} 剩余 {t.remaining} 次
            </Text>
          ))}
        </View>
      ) : null}
      {templates.status === 'error' ? <Text className="xf-field__error">{describeError(templates.error)}</Text> : null}
      {error ? (
        <View className="xf-field__error" role="alert">
          {error}
        </View>
      ) : null}
      <View
        className={`xf-btn xf-subscribe__btn${busy || templates.status === 'loading' ? ' xf-btn--disabled' : ''}`}
        hoverClass="xf-pressed"
        onClick={subscribe}
      >
        {busy ? '正在开启…' : '开启微信提醒'}
      </View>
    </View>
  )
}
