import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { CommitmentListQuery, CommitmentSummary } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { commitmentsApi } from '../../../api/commitments'
import { useSession } from '../../../auth/session'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { Chips, Tabs, type TabItem } from '../../../components/Tabs'
import { useAsync } from '../../../hooks/useAsync'
import { defaultListOrgId } from '../../../utils/orgs'
import { CommitmentCard } from '../components/CommitmentCard'
import { COMMITMENT_PAGES } from '../labels'
import './index.css'
import { LoadMore } from '../../../components/LoadMore'
import { useMorePages } from '../../../hooks/useMorePages'
import { useOrgWithFallback } from '../../../hooks/useOrgWithFallback'

type ViewKey = 'published' | 'fulfilled' | 'mine' | 'pending'

const VIEWS: Record<ViewKey, { label: string; empty: string; query: (orgId: string) => CommitmentListQuery }> = {
  published: { label: '践诺中', empty: '暂时没有公开的承诺', query: (orgId) => ({ orgId, status: 'published' }) },
  fulfilled: { label: '已践诺', empty: '还没有已践诺的承诺', query: (orgId) => ({ orgId, status: 'fulfilled' }) },
  // The caller's own, wherever they are.
  mine: { label: '我的', empty: '您还没有承诺', query: () => ({ mine: true }) },
  pending: { label: '待审核', empty: '没有等待审核的承诺', query: (orgId) => ({ orgId, status: 'pending_review' }) },
}

export default function CommitmentListPage() {
  const router = useRouter()
  const { token, user } = useSession()
  const linkOrgId = router.params.orgId ? decodeURIComponent(router.params.orgId) : null
  const [view, setView] = useState<ViewKey>(router.params.view && router.params.view in VIEWS ? (router.params.view as ViewKey) : 'published')

  const { orgId, setOrgId, resolving: fallback } = useOrgWithFallback(linkOrgId, () => defaultListOrgId(user))

  // The organisation as the server sees the caller: `viewer.staff` decides the staff-only tab.
  const org = useAsync(async () => (orgId ? api.org(orgId) : null), [orgId, token])
  const list = useAsync(async () => (orgId ? commitmentsApi.list(VIEWS[view].query(orgId)) : null), [orgId, view, token])
  const { items, more, loadMore } = useMorePages(list.data, async (cursor) => {
    if (!orgId) throw new Error('no organisation')
    return commitmentsApi.list({ ...VIEWS[view].query(orgId), cursor })
  })
  useEffect(() => {
    if (org.data) Taro.setNavigationBarTitle({ title: `${org.data.name} · 亮承诺` }).catch(() => undefined)
  }, [org.data])

  useDidShow(() => {
    if (list.status === 'success') list.refresh()
  })
  usePullDownRefresh(() => {
    list.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useShareAppMessage(() => ({
    title: org.data ? `${org.data.name} 亮承诺` : '亮承诺',
    path: orgId ? `${COMMITMENT_PAGES.list}?orgId=${encodeURIComponent(orgId)}` : COMMITMENT_PAGES.list,
  }))

  const tabs: Array<TabItem<ViewKey>> = [
    { key: 'published', label: VIEWS.published.label },
    { key: 'fulfilled', label: VIEWS.fulfilled.label },
  ]
  if (token) tabs.push({ key: 'mine', label: VIEWS.mine.label })
  const chips: Array<TabItem<ViewKey>> = org.data?.viewer.staff ? [{ key: 'pending', label: '待我审核' }] : []

  if (!orgId) {
    if (fallback.status === 'error') return <ErrorState error={fallback.error} onRetry={fallback.reload} />
    if (fallback.status === 'success') return <EmptyState text="还没有可以查看的组织" />
    return <LoadingState />
  }

  const open = (c: CommitmentSummary) => Taro.navigateTo({ url: `${COMMITMENT_PAGES.detail}?id=${encodeURIComponent(c.id)}` })

  return (
    <View className="xf-page xf-clist">
      <View className="xf-hero">
        {org.data?.parentId ? (
          <Text className="xf-clist__parent" onClick={() => setOrgId(org.data!.parentId)}>
            ‹ 上级：{org.data.parentName ?? '上级组织'}
          </Text>
        ) : null}
        <Text className="xf-clist__org">{org.data?.name ?? (org.status === 'error' ? '亮承诺' : '正在加载…')}</Text>
        <Text className="xf-clist__motto">亮承诺 · 践诺 · 评诺</Text>
        {user?.member ? (
          <View className="xf-clist__new" hoverClass="xf-pressed" onClick={() => Taro.navigateTo({ url: COMMITMENT_PAGES.create })}>
            <Text>我要承诺</Text>
          </View>
        ) : null}
      </View>

      <View className="xf-clist__filters">
        <Tabs items={tabs} value={tabs.some((t) => t.key === view) ? view : null} onChange={setView} />
        <Chips items={chips} value={view} onChange={setView} />
      </View>

      {list.status === 'loading' ? <LoadingState /> : null}
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'success' && items.length === 0 ? (
        <EmptyState text={VIEWS[view].empty} hint={view === 'mine' && user?.member ? '点上方“我要承诺”，写下您为群众办的实事。' : undefined} />
      ) : null}
      {items.length > 0 ? (
        <View className="xf-clist__list">
          {items.map((c) => (
            <CommitmentCard key={c.id} c={c} onOpen={open} />
          ))}
        </View>
      ) : null}
      <LoadMore hasMore={!!more.cursor} loading={more.loading} error={more.error} onMore={loadMore} endText={items.length > 0 ? `— 共 ${items.length} 项承诺 —` : null} />
    </View>
  )
}
