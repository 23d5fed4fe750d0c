import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import type { User } from '@xianfeng/shared'
import { Pages, pageUrl } from '@xianfeng/shared'
import { isStaff, openStaffHome, staffOrgs } from '../utils/staff'
import { refreshUnread, useUnread } from '../utils/unread'
import { UnreadBadge, openGreetings, openInbox } from './HomeEntries'
import { SubscribeButton } from './SubscribeButton'
import './HomeEntries.css'

/** On 我的: the inbox (with the unread count), 我的贺卡 for members, 工作台 for staff, and WeChat reminders. */
export function MeEntries({ user }: { user: User }) {
  const unread = useUnread()
  useEffect(() => {
    refreshUnread()
  }, [user.id])
  useDidShow(() => {
    refreshUnread()
  })
  const orgs = staffOrgs(user)

  return (
    <>
      <View className="xf-section">
        <View className="xf-section__title">
          <Text>消息与服务</Text>
        </View>
        <View className="xf-panel xf-entries">
          <View className="xf-entry" data-testid="entry-inbox" hoverClass="xf-pressed" onClick={openInbox}>
            <Text className="xf-entry__title">消息</Text>
            <UnreadBadge count={unread} />
            <Text className="xf-entry__arrow">›</Text>
          </View>
          {user.member ? (
            <View className="xf-entry" data-testid="entry-greetings" hoverClass="xf-pressed" onClick={openGreetings}>
              <Text className="xf-entry__title">我的贺卡</Text>
              <Text className="xf-entry__arrow">›</Text>
            </View>
          ) : null}
          {user.member ? (
            <View className="xf-entry" data-testid="entry-service" hoverClass="xf-pressed" onClick={() => Taro.navigateTo({ url: pageUrl(Pages.serviceReport) })}>
              <Text className="xf-entry__title">社区报到 · 我的服务</Text>
              <Text className="xf-entry__arrow">›</Text>
            </View>
          ) : null}
          {isStaff(user) ? (
            <View className="xf-entry" data-testid="entry-staff" hoverClass="xf-pressed" onClick={openStaffHome}>
              <Text className="xf-entry__title">工作台</Text>
              <Text className="xf-entry__note">{orgs.length > 1 ? `${orgs.length} 个组织` : orgs[0]?.name}</Text>
              <Text className="xf-entry__arrow">›</Text>
            </View>
          ) : null}
          <View className="xf-entry" data-testid="entry-staff-invite" hoverClass="xf-pressed" onClick={() => Taro.navigateTo({ url: pageUrl(Pages.staffInviteAccept) })}>
            <Text className="xf-entry__title">接受工作人员邀请</Text>
            <Text className="xf-entry__arrow">›</Text>
          </View>
        </View>
      </View>
      <View className="xf-section">
        <View className="xf-section__title">
          <Text>微信提醒</Text>
        </View>
        <SubscribeButton />
      </View>
    </>
  )
}
