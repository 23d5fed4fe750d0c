import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Greeting, Page } from '@xianfeng/shared'
import { describeError } from '../../api/errors'
import { greetingsApi } from '../../api/greetings'
import { useSession } from '../../auth/session'
import { EmptyState, ErrorState, LoadingState } from '../../components/States'
import { useAsync } from '../../hooks/useAsync'
import { openLogin } from '../../utils/nav'
import { GreetingCard } from './GreetingCard'
import './index.css'
import { LoadMore } from '../../components/LoadMore'

interface Loaded {
  page: Page<Greeting>
  /** The card the link named (`?id=`), opened — also when it is not on the first page. */
  linked: Greeting | null
  linkedError: unknown
}

async function load(linkedId: string | null): Promise<Loaded> {
  const [page, linked] = await Promise.all([
    greetingsApi.mine(),
    linkedId ? greetingsApi.read(linkedId).then((g) => ({ g, e: null }), (e: unknown) => ({ g: null, e })) : Promise.resolve({ g: null, e: null }),
  ])
  return { page, linked: linked.g, linkedError: linked.e }
}

export default function GreetingsPage() {
  const router = useRouter()
  const linkedId = router.params.id ? decodeURIComponent(router.params.id) : null
  const { token, user } = useSession()
  const isMember = !!user?.member
  const data = useAsync<Loaded | null>(async () => (token && isMember ? load(linkedId) : null), [token, isMember, linkedId])
  const [items, setItems] = useState<Greeting[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [more, setMore] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null })
  const [opening, setOpening] = useState<string | null>(null)

  useEffect(() => {
    if (data.status !== 'success' || !data.data) return
    const { page, linked } = data.data
    // The linked card comes back read; show it first, as it is now.
    const rest = page.items.filter((g) => g.id !== linked?.id)
    setItems(linked ? [linked, ...rest] : rest)
    setCursor(page.nextCursor)
    setMore({ loading: false, error: null })
  }, [data.status, data.data])

  usePullDownRefresh(() => {
    data.refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  const open = async (g: Greeting) => {
    if (opening) return
    setOpening(g.id)
    try {
      const read = await greetingsApi.read(g.id)
      setItems((xs) => xs.map((x) => (x.id === g.id ? read : x)))
    } catch (e) {
      Taro.showToast({ title: describeError(e), icon: 'none' })
    } finally {
      setOpening(null)
    }
  }

  const loadMore = async () => {
    if (!cursor || more.loading) return
    setMore({ loading: true, error: null })
    try {
      const page = await greetingsApi.mine(cursor)
      setItems((xs) => [...xs, ...page.items.filter((g) => !xs.some((x) => x.id === g.id))])
      setCursor(page.nextCursor)
      setMore({ loading: false, error: null })
    } catch (e) {
      setMore({ loading: false, error: describeError(e) })
    }
  }

  if (!token) {
    return (
      <View className="xf-page xf-greetings">
        <EmptyState text="登录后查看贺卡" hint="支部在您的生日和政治生日送上的祝福，会保存在这里。" />
        <View className="xf-section">
          <View className="xf-btn" hoverClass="xf-pressed" onClick={openLogin}>
            登录
          </View>
        </View>
      </View>
    )
  }
  if (!isMember) {
    return (
      <View className="xf-page xf-greetings">
        <EmptyState text="绑定党员身份后可以收到贺卡" hint="请在“我的”页面输入支部发给您的绑定码。" />
        <View className="xf-section">
          <View className="xf-btn xf-btn--ghost" hoverClass="xf-pressed" onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
            去绑定
          </View>
        </View>
      </View>
    )
  }
  if (data.status === 'loading') return <LoadingState />
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />

  const linkedError = data.data?.linkedError
  return (
    <View className="xf-page xf-greetings">
      <View className="xf-greetings__hero">
        <Text className="xf-greetings__hero-title">我的贺卡</Text>
        <Text className="xf-greetings__hero-sub">组织的祝福，一直为您珍藏</Text>
      </View>
      <View className="xf-section">
        {linkedError ? (
          <View className="xf-alert" role="alert">
            这张贺卡打不开：{describeError(linkedError)}
          </View>
        ) : null}
        {items.length === 0 ? (
          <EmptyState text="还没有贺卡" hint="在您的生日和政治生日（入党纪念日），支部会送上祝福。" />
        ) : (
          <View className="xf-greetings__list">
            {items.map((g) => (
              <GreetingCard
                key={g.id}
                greeting={g}
                sealed={!g.readAt}
                highlight={g.id === linkedId}
                onOpen={() => open(g)}
              />
            ))}
            <LoadMore hasMore={!!cursor} loading={more.loading} error={more.error} onMore={loadMore} />
          </View>
        )}
      </View>
    </View>
  )
}
