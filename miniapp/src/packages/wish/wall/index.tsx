import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Wish } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { wishesApi, type WishListQuery } from '../../../api/wishes'
import { useSession } from '../../../auth/session'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { Chips, Tabs, type TabItem } from '../../../components/Tabs'
import { useAsync } from '../../../hooks/useAsync'
import { defaultListOrgId } from '../../../utils/orgs'
import { WishCard } from '../components/WishCard'
import { WISH_PAGES } from '../labels'
import './index.css'
import { LoadMore } from '../../../components/LoadMore'
import { useMorePages } from '../../../hooks/useMorePages'
import { useOrgWithFallback } from '../../../hooks/useOrgWithFallback'

type ViewKey = 'open' | 'claimed' | 'done' | 'posted' | 'mine-claimed' | 'pending'

const VIEWS: Record<ViewKey, { label: string; empty: string; query: (orgId: string) => WishListQuery }> = {
  open: { label: '可认领', empty: '暂时没有可认领的心愿', query: (orgId) => ({ orgId, status: ['open'] }) },
  claimed: { label: '进行中', empty: '暂时没有进行中的心愿', query: (orgId) => ({ orgId, status: ['claimed'] }) },
  done: { label: '已完成', empty: '还没有已完成的心愿', query: (orgId) => ({ orgId, status: ['fulfilled', 'confirmed'] }) },
  // The caller's own, wherever they were posted.
  posted: { label: '我发布的', empty: '您还没有发布过心愿', query: () => ({ mine: 'posted' }) },
  'mine-claimed': { label: '我认领的', empty: '您还没有认领过心愿', query: () => ({ mine: 'claimed' }) },
  pending: { label: '待审核', empty: '没有等待审核的心愿', query: (orgId) => ({ orgId, status: ['pending_review'] }) },
}

const TABS: Array<TabItem<ViewKey>> = (['open', 'claimed', 'done'] as const).map((key) => ({ key, label: VIEWS[key].label }))

export default function WishWallPage() {
  const router = useRouter()
  const { token, user } = useSession()
  const linkOrgId = router.params.orgId ? decodeURIComponent(router.params.orgId) : null
  const [view, setView] = useState<ViewKey>(router.params.view && router.params.view in VIEWS ? (router.params.view as ViewKey) : 'open')

  // No organisation in the link: the user's own, else the first top-level one.
  const { orgId, setOrgId, resolving: fallback } = useOrgWithFallback(linkOrgId, () => defaultListOrgId(user))

  // The organisation as the server sees the caller: `viewer.staff` decides the staff-only chip.
  const header = useAsync(
    async () => {
      if (!orgId) return null
      const [org, counts] = await Promise.all([api.org(orgId), wishesApi.counts(orgId).catch(() => null)])
      return { org, counts }
    },
    [orgId, token],
  )

  const list = useAsync(async () => (orgId ? wishesApi.list(VIEWS[view].query(orgId)) : null), [orgId, view, token])
  const { items, more, loadMore } = useMorePages(list.data, async (cursor) => {
    if (!orgId) throw new Error('no organisation')
    return wishesApi.list({ ...VIEWS[view].query(orgId), cursor })
  })

  useEffect(() => {
    if (header.data) Taro.setNavigationBarTitle({ title: `${header.data.org.name} · 微心愿` }).catch(() => undefined)
  }, [header.data])

  // Back from a wish: its status may have changed.
  useDidShow(() => {
    if (list.status === 'success') list.refresh()
    if (header.status === 'success') header.refresh()
  })
  usePullDownRefresh(() => {
    list.reload()
    header.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useShareAppMessage(() => ({
    title: header.data ? `${header.data.org.name} 微心愿墙` : '微心愿墙',
    path: orgId ? `${WISH_PAGES.wall}?orgId=${encodeURIComponent(orgId)}` : WISH_PAGES.wall,
  }))

  const chips: Array<TabItem<ViewKey>> = []
  if (token) chips.push({ key: 'posted', label: VIEWS.posted.label })
  if (token && user?.member) chips.push({ key: 'mine-claimed', label: VIEWS['mine-claimed'].label })
  if (header.data?.org.viewer.staff) chips.push({ key: 'pending', label: VIEWS.pending.label })

  const post = () => {
    const q = orgId ? `?orgId=${encodeURIComponent(orgId)}` : ''
    Taro.navigateTo({ url: `${WISH_PAGES.post}${q}` })
  }
  const open = (w: Wish) => Taro.navigateTo({ url: `${WISH_PAGES.detail}?id=${encodeURIComponent(w.id)}` })

  if (!orgId) {
    if (fallback.status === 'error') return <ErrorState error={fallback.error} onRetry={fallback.reload} />
    if (fallback.status === 'success') return <EmptyState text="还没有可以查看的组织" hint="请通过社区的二维码或链接打开心愿墙。" />
    return <LoadingState />
  }

  const org = header.data?.org
  const counts = header.data?.counts

  return (
    <View className="xf-page xf-wall">
      <View className="xf-hero">
        {org?.parentId ? (
          <Text className="xf-wall__parent" onClick={() => setOrgId(org.parentId)}>
            ‹ 上级：{org.parentName ?? '上级组织'}
          </Text>
        ) : null}
        <Text className="xf-wall__org">{org?.name ?? (header.status === 'error' ? '心愿墙' : '正在加载…')}</Text>
        <Text className="xf-wall__motto">群众亮卡 · 支部议卡 · 党员领卡</Text>
        {counts ? (
          <View className="xf-wall__counts" data-testid="wish-counts">
            <View className="xf-wall__big">
              <Text className="xf-wall__big-label">已认领完成</Text>
              <Text className="xf-wall__big-num">{counts.fulfilled}</Text>
              <Text className="xf-wall__big-label">个</Text>
            </View>
            <Text className="xf-wall__small">
              累计上墙 {counts.posted} 个 · 待认领 {counts.open} 个
            </Text>
          </View>
        ) : null}
        <View className="xf-wall__post" hoverClass="xf-pressed" onClick={post}>
          <Text>我要许愿</Text>
        </View>
      </View>

      <View className="xf-wall__filters">
        <Tabs items={TABS} value={TABS.some((t) => t.key === view) ? view : null} onChange={setView} />
        <Chips items={chips} value={view} onChange={setView} />
      </View>

      {list.status === 'loading' ? <LoadingState /> : null}
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'success' && items.length === 0 ? (
        <>
          <EmptyState text={VIEWS[view].empty} hint={view === 'open' ? '有困难、有需要，可以点上方“我要许愿”。' : undefined} />
          {org?.parentId && VIEWS[view].query(orgId).orgId ? (
            <View className="xf-wall__up" hoverClass="xf-pressed" onClick={() => setOrgId(org.parentId)}>
              <Text>看看{org.parentName ?? '上级组织'}的心愿墙 ›</Text>
            </View>
          ) : null}
        </>
      ) : null}
      {items.length > 0 ? (
        <View className="xf-wall__list">
          {items.map((w) => (
            <WishCard key={w.id} wish={w} onOpen={open} />
          ))}
        </View>
      ) : null}
      <LoadMore hasMore={!!more.cursor} loading={more.loading} error={more.error} onMore={loadMore} endText={items.length > 0 ? `— 共 ${items.length} 个心愿 —` : null} />
    </View>
  )
}
