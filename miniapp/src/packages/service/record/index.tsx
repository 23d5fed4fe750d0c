import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Pages, todayInShanghai } from '@xianfeng/shared'
import { serviceApi } from '../../../api/service'
import { useSession } from '../../../auth/session'
import { Gate } from '../../../components/Gate'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { openLogin } from '../../../utils/nav'
import { DeedCard } from '../components/DeedCard'
import { formatClock, formatMinutes, formatRange, hoursFigure } from '../format'
import { go, openActivity } from '../labels'
import '../service.css'

/**
 * 服务记录: a year of confirmed service — hours and deeds, with each activity and deed. The member's
 * own (with 记录办实事), or with `?memberId=` a member's as their branch or community staff see it.
 */
export default function RecordPage() {
  const router = useRouter()
  const { token, user } = useSession()
  const linkMemberId = router.params.memberId ? decodeURIComponent(router.params.memberId) : null
  const memberId = linkMemberId ?? user?.member?.id ?? null
  const own = !!user?.member && memberId === user.member.id
  const thisYear = Number(todayInShanghai().slice(0, 4))
  const [year, setYear] = useState(thisYear)
  const record = useAsync(async () => (token && memberId ? serviceApi.memberService(memberId, year) : null), [token, memberId, year])

  useDidShow(() => {
    if (record.status === 'success') record.refresh()
  })
  usePullDownRefresh(() => {
    record.refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  if (!token) {
    return (
      <View className="xf-page xf-svc">
        <Gate mark="记" title="登录后查看服务记录" action="登录" onAction={openLogin} />
      </View>
    )
  }
  if (!memberId) return <EmptyState text="绑定党员身份后才有服务记录" hint="请在“我的”页面绑定党员身份。" />

  const r = record.data
  return (
    <View className="xf-page xf-svc" data-testid="record-page">
      <View className="xf-hero">
        <Text className="xf-svc__hero-title">{own ? '我的服务记录' : '党员服务记录'}</Text>
        <Text className="xf-svc__hero-sub">{year} 年 · 已确认的服务时长和办实事</Text>
        <View className="xf-svc__figures">
          <View className="xf-svc__figure">
            <Text className="xf-svc__figure-num" data-testid="record-hours">
              {r ? hoursFigure(r.minutes) : '—'}
            </Text>
            <Text className="xf-svc__figure-label">服务小时</Text>
          </View>
          <View className="xf-svc__figure">
            <Text className="xf-svc__figure-num" data-testid="record-deeds">
              {r ? r.deeds : '—'}
            </Text>
            <Text className="xf-svc__figure-label">件实事</Text>
          </View>
        </View>
        {own ? (
          <View className="xf-svc__hero-actions">
            <View className="xf-svc__hero-btn" hoverClass="xf-pressed" data-testid="log-deed" onClick={() => go(Pages.serviceDeed)}>
              记录办实事
            </View>
            <View className="xf-svc__hero-btn xf-svc__hero-btn--ghost" hoverClass="xf-pressed" onClick={() => go(Pages.serviceActivities)}>
              找服务活动
            </View>
          </View>
        ) : null}
      </View>
      <View className="xf-svc__year">
        <Text className="xf-svc__year-btn" onClick={() => setYear((y) => y - 1)}>
          ‹ {year - 1}
        </Text>
        <Text>{year} 年</Text>
        <Text className={`xf-svc__year-btn ${year >= thisYear ? 'xf-svc__year-btn--off' : ''}`} onClick={() => year < thisYear && setYear((y) => y + 1)}>
          {year + 1} ›
        </Text>
      </View>
      {record.status === 'loading' ? <LoadingState /> : null}
      {record.status === 'error' ? <ErrorState error={record.error} onRetry={record.reload} /> : null}
      {r ? (
        <>
          <View className="xf-section">
            <View className="xf-section__title">
              <Text>参加的活动（{r.activities.length}）</Text>
            </View>
          </View>
          {r.activities.length === 0 ? <EmptyState text={`${year} 年还没有参加服务活动`} /> : null}
          {r.activities.map((a) => (
            <View key={a.activityId} className="xf-svc__card" data-testid="record-activity" hoverClass="xf-pressed" onClick={() => openActivity(a.activityId)}>
              <View className="xf-svc__card-head">
                <Text className="xf-svc__card-title">{a.title}</Text>
                <Text className={`xf-tag xf-svc__tag xf-svc__tag--${a.confirmed ? 'ok' : 'wait'}`}>{a.confirmed ? formatMinutes(a.minutes) : '待确认'}</Text>
              </View>
              <Text className="xf-svc__line">{formatRange(a.startsAt, a.endsAt)}</Text>
              <Text className="xf-svc__line xf-svc__muted">
                {a.orgName} · 签到 {formatClock(a.checkinAt)} · 签退 {formatClock(a.checkoutAt)}
              </Text>
            </View>
          ))}
          <View className="xf-section">
            <View className="xf-section__title">
              <Text>我为群众办实事（{r.deedList.length}）</Text>
            </View>
          </View>
          {r.deedList.length === 0 ? <EmptyState text={`${year} 年还没有办实事记录`} hint={own ? '为居民办了实事，点上方“记录办实事”记下来，支部确认后计入。' : undefined} /> : null}
          {r.deedList.map((d) => (
            <DeedCard key={d.id} d={d} />
          ))}
        </>
      ) : null}
    </View>
  )
}
