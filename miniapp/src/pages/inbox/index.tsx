import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Inbox, Notification } from '@xianfeng/shared'
import { describeError } from '../../api/errors'
import { notificationsApi } from '../../api/notifications'
import { useSession } from '../../auth/session'
import { EmptyState, ErrorState, LoadingState } from '../../components/States'
import { SubscribeButton } from '../../components/SubscribeButton'
import { SUBSCRIBE_SUPPORTED } from '../../platform/subscribe'
import { useAsync } from '../../hooks/useAsync'
import { formatTime } from '../../utils/dates'
import { appPageUrl } from '../../utils/links'
import { openLogin } from '../../utils/nav'
import { getUnread, refreshUnread, setUnread, useUnread } from '../../utils/unread'
import './index.css'
import { LoadMore } from '../../components/LoadMore'

/**
 * A word about WeChat delivery only where the person can act on it: the message was not pushed
 * because they have no reminder grant left, and this platform can ask for one (the button above).
 * Anything else (a browser, a WeChat failure) is not theirs to fix, and the inbox has the message.
 */
export function deliveryNote(n: Notification, canSubscribe = SUBSCRIBE_SUPPORTED): string | null {
  return canSubscribe && n.delivery === 'no_quota' ? '点上方“开启微信提醒”，下次在微信里收到' : null
}

export default function InboxPage() {
  const { token } = useSession()
  const inbox = useAsync<Inbox | null>(async () => (token ? notificationsApi.inbox() : null), [token])
  const [items, setItems] = useState<Notification[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [more, setMore] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null })
  const unread = useUnread()

  useEffect(() => {
    if (inbox.status !== 'success' || !inbox.data) return
    setItems(inbox.data.items)
    setCursor(inbox.data.nextCursor)
    setMore({ loading: false, error: null })
    setUnread(inbox.data.unread)
  }, [inbox.status, inbox.data])

  // Back from a linked page: new messages may have come.
  useDidShow(() => {
    if (token && inbox.status === 'success') inbox.refresh()
  })

  usePullDownRefresh(() => {
    inbox.refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  const loadMore = async () => {
    if (!cursor || more.loading) return
    setMore({ loading: true, error: null })
    try {
      const page = await notificationsApi.inbox(cursor)
      setItems((xs) => [...xs, ...page.items.filter((n) => !xs.some((x) => x.id === n.id))])
      setCursor(page.nextCursor)
      setUnread(page.unread)
      setMore({ loading: false, error: null })
    } catch (e) {
      setMore({ loading: false, error: describeError(e) })
    }
  }

  const open = (n: Notification) => {
    if (!n.readAt) {
      const readAt = new Date().toISOString()
      setItems((xs) => xs.map((x) => (x.id === n.id ? { ...x, readAt } : x)))
      setUnread(getUnread() - 1)
      // The server's count afterwards, in case another phone read some meanwhile.
      notificationsApi.read(n.id).then(refreshUnread, () => undefined)
    }
    const url = appPageUrl(n.page)
    if (url) Taro.navigateTo({ url }).catch(() => undefined)
  }

  if (!token) {
    return (
      <View className="xf-page xf-inbox">
        <EmptyState text="登录后查看消息" hint="贺卡、微心愿和承诺的进展会发到这里。" />
        <View className="xf-section">
          <View className="xf-btn" hoverClass="xf-pressed" onClick={openLogin}>
            登录
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className="xf-page xf-inbox">
      <View className="xf-section">
        <View className="xf-section__title">
          <Text>微信提醒</Text>
        </View>
        <SubscribeButton />
      </View>

      <View className="xf-section">
        <View className="xf-section__title">
          <Text>站内消息</Text>
          {inbox.status === 'success' && unread > 0 ? <Text className="xf-inbox__count">{unread} 条未读</Text> : null}
        </View>
        {inbox.status === 'loading' ? <LoadingState /> : null}
        {inbox.status === 'error' ? <ErrorState error={inbox.error} onRetry={inbox.reload} /> : null}
        {inbox.status === 'success' && items.length === 0 ? (
          <EmptyState text="还没有消息" hint="收到贺卡、微心愿和承诺有新进展时，会在这里提醒您。" />
        ) : null}
        {inbox.status === 'success' && items.length > 0 ? (
          <View className="xf-inbox__list">
            {items.map((n) => {
              const note = deliveryNote(n)
              const linked = !!appPageUrl(n.page)
              return (
                <View
                  key={n.id}
                  className={`xf-note${n.readAt ? '' : ' xf-note--unread'}`}
                  data-testid="notification"
                  hoverClass="xf-pressed"
                  onClick={() => open(n)}
                >
                  <View className="xf-note__head">
                    {n.readAt ? null : <View className="xf-note__dot" aria-label="未读" />}
                    <Text className="xf-note__title">{n.title}</Text>
                    <Text className="xf-note__time">{formatTime(n.createdAt)}</Text>
                  </View>
                  <Text className="xf-note__body">{n.body}</Text>
                  {note || linked ? (
                    <View className="xf-note__foot">
                      <Text className="xf-note__delivery">{note ?? ''}</Text>
                      {linked ? <Text className="xf-note__open">查看 ›</Text> : null}
                    </View>
                  ) : null}
                </View>
              )
            })}
            <LoadMore hasMore={!!cursor} loading={more.loading} error={more.error} onMore={loadMore} endText="— 没有更多消息了 —" />
          </View>
        ) : null}
      </View>
    </View>
  )
}
