import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { Pages, pageUrl } from '@xianfeng/shared'
import { useSession } from '../auth/session'
import { useReviewCount } from '../hooks/useReviewCount'
import { chosenStaffOrg, isStaff, openStaffHome } from '../utils/staff'
import { refreshUnread, useUnread } from '../utils/unread'
import './HomeEntries.css'

export function openInbox(): void {
  Taro.navigateTo({ url: '/pages/inbox/index' })
}

export function openGreetings(): void {
  Taro.navigateTo({ url: '/pages/greetings/index' })
}

export function UnreadBadge({ count, testid = 'unread-badge' }: { count: number; testid?: string }) {
  if (count <= 0) return null
  return (
    <Text className="xf-badge-count" data-testid={testid}>
      {count > 99 ? '99+' : count}
    </Text>
  )
}

/** Home tiles for the signed-in: 我的贺卡 (members), 消息 with the unread count, 工作台 (staff). */
export function HomeEntries() {
  const { token, user } = useSession()
  const unread = useUnread()
  const waiting = useReviewCount(isStaff(user) ? chosenStaffOrg(user)?.id : null)

  useEffect(() => {
    refreshUnread()
  }, [token])
  useDidShow(() => {
    refreshUnread()
  })

  if (!token || !user) return null
  return (
    <>
      {user.member ? (
        <View className="xf-tile xf-tile--main xf-tile--greeting" data-testid="tile-greetings" hoverClass="xf-pressed" onClick={openGreetings}>
          <Text className="xf-tile__title">我的贺卡</Text>
          <Text className="xf-tile__desc">生日 · 政治生日</Text>
        </View>
      ) : null}
      {user.member ? (
        <View className="xf-tile xf-tile--main xf-tile--service" data-testid="tile-service" hoverClass="xf-pressed" onClick={() => Taro.navigateTo({ url: pageUrl(Pages.serviceActivities) })}>
          <Text className="xf-tile__title">进社区</Text>
          <Text className="xf-tile__desc">报到 · 服务活动</Text>
        </View>
      ) : null}
      <View className="xf-tile xf-tile--main xf-tile--inbox" data-testid="tile-inbox" hoverClass="xf-pressed" onClick={openInbox}>
        <Text className="xf-tile__title">消息</Text>
        <Text className="xf-tile__desc">{unread > 0 ? `${unread} 条未读` : '站内信箱'}</Text>
        <UnreadBadge count={unread} />
      </View>
      {isStaff(user) ? (
        <View className="xf-tile xf-tile--main xf-tile--staff" data-testid="tile-staff" hoverClass="xf-pressed" onClick={openStaffHome}>
          <Text className="xf-tile__title">工作台</Text>
          <Text className="xf-tile__desc">{waiting > 0 ? `${waiting} 件待审核` : '生日表 · 花名册'}</Text>
          <UnreadBadge count={waiting} testid="staff-badge" />
        </View>
      ) : null}
    </>
  )
}
