import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { Org, OrgDetail, User } from '@xianfeng/shared'
import { api } from '../../api/client'
import { saveUser, useSession } from '../../auth/session'
import { HomeEntries } from '../../components/HomeEntries'
import { OrgTree } from '../../components/OrgTree'
import { EmptyState, ErrorState, LoadingState } from '../../components/States'
import { useAsync } from '../../hooks/useAsync'
import { displayName, roleLabel, userOrgIds } from '../../utils/format'
import { openBoard, openCard, openLogin } from '../../utils/nav'
import './index.css'

interface StartOrgs {
  /** Where the list came from: the link, the user's own organisations, or every top-level one. */
  source: 'link' | 'mine' | 'all'
  orgs: Array<Org | OrgDetail>
}

/**
 * Where the tree starts: the organisation in the link (`?orgId=`), else the ones the user belongs to
 * or serves, else every top-level organisation.
 */
async function loadStartOrgs(linkOrgId: string | undefined, user: User | null, showAll: boolean): Promise<StartOrgs> {
  const ids = showAll ? [] : linkOrgId ? [linkOrgId] : userOrgIds(user)
  if (ids.length > 0) {
    return { source: linkOrgId ? 'link' : 'mine', orgs: await Promise.all(ids.map((id) => api.org(id))) }
  }
  const page = await api.rootOrgs()
  return { source: 'all', orgs: page.items }
}

export default function IndexPage() {
  const router = useRouter()
  const linkOrgId = router.params.orgId ? decodeURIComponent(router.params.orgId) : undefined
  const { token, user } = useSession()
  const [showAll, setShowAll] = useState(false)

  // Refresh who I am whenever the tab shows: roles may have changed since the token was issued.
  useDidShow(() => {
    if (token) api.me({ quiet: true }).then(saveUser, () => undefined)
  })

  const userKey = userOrgIds(user).join(',')
  const start = useAsync(() => loadStartOrgs(linkOrgId, user, showAll), [linkOrgId, userKey, showAll])

  const firstOrgId = start.status === 'success' ? start.data.orgs[0]?.id : undefined
  const source = start.status === 'success' ? start.data.source : null

  const openMyCard = () => {
    if (!token) return openLogin()
    if (user?.member) return openCard(user.member.id)
    Taro.showToast({ title: '请先在“我的”页面绑定党员身份', icon: 'none' })
    Taro.switchTab({ url: '/pages/me/index' })
  }

  return (
    <View className="xf-page xf-home">
      <View className="xf-home__hero">
        <Text className="xf-home__brand">先锋 · 基层党建</Text>
        {token && user ? (
          <View className="xf-home__who">
            <Text className="xf-home__hello">您好，{displayName(user)}</Text>
            <View className="xf-home__roles">
              {user.member ? (
                <Text className="xf-home__role">党员{user.member.orgName ? ` · ${user.member.orgName}` : ''}</Text>
              ) : null}
              {user.roles.map((r) => (
                <Text key={r.role === 'staff' ? r.orgId : 'admin'} className="xf-home__role">
                  {roleLabel(r)}
                </Text>
              ))}
              {!user.member && user.roles.length === 0 ? <Text className="xf-home__role">群众</Text> : null}
            </View>
          </View>
        ) : (
          <View className="xf-home__who">
            <Text className="xf-home__hello">您好，欢迎使用先锋</Text>
            <View className="xf-home__login" hoverClass="xf-pressed" onClick={openLogin}>
              登录
            </View>
          </View>
        )}
      </View>

      <View className="xf-home__tiles">
        <View className="xf-tile xf-tile--main" hoverClass="xf-pressed" onClick={() => (firstOrgId ? openBoard(firstOrgId) : Taro.switchTab({ url: '/pages/board/index' }))}>
          <Text className="xf-tile__title">亮岗墙</Text>
          <Text className="xf-tile__desc">看看谁在为您服务</Text>
        </View>
        <View className="xf-tile xf-tile--main xf-tile--gold" hoverClass="xf-pressed" onClick={openMyCard}>
          <Text className="xf-tile__title">我的名片</Text>
          <Text className="xf-tile__desc">亮身份 亮职责</Text>
        </View>
        <View className="xf-tile xf-tile--main" data-testid="tile-wish" hoverClass="xf-pressed" onClick={() => Taro.navigateTo({ url: '/packages/wish/wall/index' })}>
          <Text className="xf-tile__title">微心愿</Text>
          <Text className="xf-tile__desc">群众许愿 党员领办</Text>
        </View>
        <View className="xf-tile xf-tile--main xf-tile--gold" data-testid="tile-commitment" hoverClass="xf-pressed" onClick={() => Taro.navigateTo({ url: '/packages/commitment/list/index' })}>
          <Text className="xf-tile__title">亮承诺</Text>
          <Text className="xf-tile__desc">践诺 评诺</Text>
        </View>
        <HomeEntries />
      </View>

      <View className="xf-section">
        <View className="xf-section__title">
          <Text>{source === 'mine' ? '我的组织' : source === 'link' ? '本组织' : '组织架构'}</Text>
          {source === 'mine' || source === 'link' ? (
            <Text className="xf-section__action" onClick={() => setShowAll(true)}>
              全部组织 ›
            </Text>
          ) : null}
          {showAll ? (
            <Text className="xf-section__action" onClick={() => setShowAll(false)}>
              ‹ 返回
            </Text>
          ) : null}
        </View>
        {start.status === 'loading' ? <LoadingState /> : null}
        {start.status === 'error' ? <ErrorState error={start.error} onRetry={start.reload} /> : null}
        {start.status === 'success' && start.data.orgs.length === 0 ? (
          <EmptyState text="还没有组织" hint="系统管理员创建组织后，这里会显示组织架构。" />
        ) : null}
        {start.status === 'success' && start.data.orgs.length > 0 ? (
          <OrgTree orgs={start.data.orgs} onOpen={(o) => openBoard(o.id)} />
        ) : null}
      </View>
    </View>
  )
}
