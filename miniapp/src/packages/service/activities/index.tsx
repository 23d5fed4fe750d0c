import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { Activity, User } from '@xianfeng/shared'
import { Pages, addDays, todayInShanghai } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { serviceApi } from '../../../api/service'
import { useSession } from '../../../auth/session'
import { Gate } from '../../../components/Gate'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { Tabs, type TabItem } from '../../../components/Tabs'
import { useAsync } from '../../../hooks/useAsync'
import { openLogin } from '../../../utils/nav'
import { ActivityCard } from '../components/ActivityCard'
import { go, openActivity } from '../labels'
import '../service.css'

type Tab = 'upcoming' | 'mine'
const TABS: Array<TabItem<Tab>> = [
  { key: 'upcoming', label: '近期活动' },
  { key: 'mine', label: '我报名的' },
]

/** The community the member's own organisation belongs to: itself or the nearest ancestor of type community. */
async function homeCommunity(orgId: string): Promise<string> {
  let id: string | null = orgId
  for (let i = 0; i < 4 && id; i++) {
    const org = await api.org(id)
    if (org.type === 'community') return org.id
    id = org.parentId
  }
  return orgId
}

/**
 * Where "near me" looks: the community the member reported to (accepted), and the community their own
 * organisation belongs to. Members of a community's branches may join its activities.
 */
async function sourcesFor(user: User): Promise<string[]> {
  const member = user.member!
  const [reports, home] = await Promise.all([
    serviceApi.reports({ mine: true, status: 'active', limit: 5 }).then((p) => p.items).catch(() => []),
    homeCommunity(member.orgId).catch(() => member.orgId),
  ])
  return [...new Set([...reports.map((r) => r.communityOrgId), home])]
}

async function loadActivities(orgIds: string[]): Promise<Activity[]> {
  const pages = await Promise.all(orgIds.map((orgId) => serviceApi.activities({ orgId, limit: 100 })))
  const byId = new Map<string, Activity>()
  for (const p of pages) for (const a of p.items) byId.set(a.id, a)
  return [...byId.values()].sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt))
}

/** 活动: service activities near the member (or of `?orgId=`), to sign up to; 我报名的 with the last two months. */
export default function ActivitiesPage() {
  const router = useRouter()
  const linkOrgId = router.params.orgId ? decodeURIComponent(router.params.orgId) : null
  const { token, user } = useSession()
  const [view, setView] = useState<Tab>('upcoming')

  const list = useAsync(async () => {
    if (view === 'mine') {
      const page = await serviceApi.activities({ mine: true, from: addDays(todayInShanghai(), -60), limit: 100 })
      return [...page.items].reverse()
    }
    const orgIds = linkOrgId ? [linkOrgId] : user?.member ? await sourcesFor(user) : []
    if (orgIds.length === 0) return []
    return (await loadActivities(orgIds)).filter((a) => Date.parse(a.endsAt) > Date.now())
  }, [linkOrgId, token, user?.member?.orgId, view])

  useDidShow(() => {
    if (list.status === 'success') list.refresh()
  })
  usePullDownRefresh(() => {
    list.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  if (!linkOrgId && !token) {
    return (
      <View className="xf-page xf-svc">
        <Gate mark="活" title="登录后查看身边的服务活动" hint="在职党员向居住地社区报到后，可以报名参加社区的志愿服务。" action="登录" onAction={openLogin} />
      </View>
    )
  }
  if (!linkOrgId && !user?.member) {
    return (
      <View className="xf-page xf-svc">
        <EmptyState text="绑定党员身份后可以报名服务活动" hint="请在“我的”页面绑定党员身份。" />
      </View>
    )
  }

  return (
    <View className="xf-page xf-svc" data-testid="activities-page">
      <View className="xf-hero">
        <Text className="xf-svc__hero-title">身边的服务活动</Text>
        <Text className="xf-svc__hero-sub">报名 · 现场扫码签到签退 · 服务时长记入您的服务记录</Text>
        <View className="xf-svc__hero-actions">
          <View className="xf-svc__hero-btn" hoverClass="xf-pressed" onClick={() => go(Pages.serviceReport)}>
            社区报到
          </View>
          <View className="xf-svc__hero-btn xf-svc__hero-btn--ghost" hoverClass="xf-pressed" onClick={() => go(Pages.serviceRecord)}>
            我的服务记录
          </View>
        </View>
      </View>
      {token && user?.member ? <Tabs items={TABS} value={view} onChange={setView} /> : null}
      <View className="xf-section" />
      {list.status === 'loading' ? <LoadingState /> : null}
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'success' && list.data.length === 0 ? (
        <EmptyState
          text={view === 'mine' ? '您近两个月没有报名活动' : '近期没有服务活动'}
          hint={view === 'mine' ? undefined : '向居住地社区报到后，这里也会显示该社区的活动。'}
        />
      ) : null}
      {list.status === 'success' ? list.data.map((a) => <ActivityCard key={a.id} a={a} onOpen={(x) => openActivity(x.id)} />) : null}
    </View>
  )
}
