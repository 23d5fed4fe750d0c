import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect } from 'react'
import type { Activity, Attendance, User } from '@xianfeng/shared'
import { Pages, pageLink } from '@xianfeng/shared'
import { describeServiceError, serviceApi } from '../../../api/service'
import { useSession } from '../../../auth/session'
import { ActionPanel, Lead } from '../../../components/ActionPanel'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { openLogin } from '../../../utils/nav'
import { CheckPanel } from '../components/CheckPanel'
import { Participants } from '../components/Participants'
import { formatClock, formatMinutes, formatRange } from '../format'
import { go, openRecord } from '../labels'
import { useReminderAsk } from '../useReminder'
import '../service.css'

const STALE = ['ACTIVITY_FULL', 'ALREADY_SIGNED_UP', 'ACTIVITY_STARTED', 'ALREADY_CHECKED_IN', 'ALREADY_CHECKED_OUT', 'NOT_CHECKED_IN'] as const

/** What a member may do: sign up (asking for the reminder), cancel, scan in, scan out, see the minutes. */
function MemberPanel({ a, user, token, reload }: { a: Activity; user: User | null; token: string | null; reload: () => void }) {
  const action = useAction<Activity | Attendance>({ describe: describeServiceError, staleCodes: STALE, onStale: reload, onChanged: reload })
  const askReminder = useReminderAsk(!!user?.member && !a.mySignup)
  const started = Date.parse(a.startsAt) <= Date.now()
  const ended = Date.parse(a.endsAt) <= Date.now()
  const left = Math.max(0, a.capacity - a.signedUp)
  const s = a.mySignup

  if (!token) {
    return (
      <ActionPanel title="报名参加" testid="signup">
        <Lead>党员登录后可以报名参加。</Lead>
        <Button type="primary" size="large" block onClick={openLogin}>
          登录后报名
        </Button>
      </ActionPanel>
    )
  }
  if (!user?.member) {
    return (
      <ActionPanel title="报名参加" testid="signup">
        <Lead>服务活动由党员报名参加。绑定党员身份后即可报名。</Lead>
      </ActionPanel>
    )
  }
  if (!s) {
    const signUp = () => {
      // Straight from the tap: WeChat shows the reminder request only there.
      askReminder()
      void action.run('signup', () => serviceApi.signUp(a.id), { done: '报名成功' })
    }
    return (
      <ActionPanel title="报名参加" testid="signup" error={action.error}>
        {started ? <Lead>活动已经开始，报名已截止。</Lead> : left === 0 ? <Lead>名额已满。</Lead> : <Lead>还剩 {left} 个名额。报名后活动前一天会提醒您。</Lead>}
        {!started && left > 0 ? (
          <Button type="primary" size="large" block loading={action.busy === 'signup'} onClick={signUp}>
            我要报名
          </Button>
        ) : null}
      </ActionPanel>
    )
  }

  const checkIn = !s.checkinAt && !ended
  const checkOut = !!s.checkinAt && !s.checkoutAt
  // One action runs this panel and the scan panel below it: its error shows once, in the lower one.
  const status = (
    <ActionPanel title="我的报名" testid="my-signup" error={checkIn || checkOut ? null : action.error}>
      <Text className="xf-svc__line">已报名{s.checkinAt ? ` · 签到 ${formatClock(s.checkinAt)}` : started ? '' : '，活动前一天会提醒您'}{s.checkoutAt ? ` · 签退 ${formatClock(s.checkoutAt)}` : ''}</Text>
      {s.checkoutAt ? (
        <Text className="xf-svc__line xf-svc__strong" data-testid="my-minutes">
          {s.confirmed ? `服务时长 ${formatMinutes(s.minutes)}（已确认）` : `服务时长 ${formatMinutes(s.minutes)}，等待工作人员确认`}
        </Text>
      ) : null}
      {!s.checkinAt && !started ? (
        <View className="xf-links">
          <Text
            className="xf-link xf-link--muted"
            onClick={() =>
              action.run('cancel', () => serviceApi.cancelSignUp(a.id), { done: '已取消报名', confirm: { title: '取消报名', content: '取消后名额会让给其他党员。确定取消吗？' } })
            }
          >
            取消报名
          </Text>
        </View>
      ) : null}
      {s.confirmed ? (
        <View className="xf-links">
          <Text className="xf-link" onClick={() => openRecord()}>
            查看我的服务记录 ›
          </Text>
        </View>
      ) : null}
    </ActionPanel>
  )
  return (
    <>
      {status}
      {checkIn ? <CheckPanel activity={a} mode="in" action={action} /> : null}
      {checkOut ? <CheckPanel activity={a} mode="out" action={action} /> : null}
    </>
  )
}

export default function ActivityPage() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const { token, user } = useSession()
  const activity = useAsync(async () => (id ? serviceApi.activity(id) : null), [id, token])

  useEffect(() => {
    if (activity.data) Taro.setNavigationBarTitle({ title: activity.data.title }).catch(() => undefined)
  }, [activity.data])
  useDidShow(() => {
    if (activity.status === 'success') activity.refresh()
  })
  usePullDownRefresh(() => {
    activity.refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useShareAppMessage(() => ({ title: activity.data?.title ?? '服务活动', path: pageLink(Pages.serviceActivity, { id }) }))

  if (!id) return <EmptyState text="没有指定活动" hint="请从活动列表进入。" />
  if (activity.status === 'loading') return <LoadingState />
  if (activity.status === 'error') return <ErrorState error={activity.error} onRetry={activity.reload} />
  const a = activity.data
  if (!a) return <EmptyState text="没有找到这个活动" />
  const staff = a.participants !== undefined
  const left = Math.max(0, a.capacity - a.signedUp)

  return (
    <View className="xf-page xf-svc" data-testid="activity-page">
      <View className="xf-hero">
        <Text className="xf-svc__hero-title" data-testid="activity-title">
          {a.title}
        </Text>
        <Text className="xf-svc__hero-sub">{a.orgName}</Text>
        <Text className="xf-svc__hero-sub">{formatRange(a.startsAt, a.endsAt)}</Text>
        <Text className="xf-svc__hero-sub">地点：{a.place}</Text>
        <Text className="xf-svc__hero-sub" data-testid="activity-places">
          已报名 {a.signedUp}/{a.capacity} · {left > 0 ? `剩余 ${left} 个名额` : '名额已满'}
        </Text>
        {a.seriesId ? <Text className="xf-svc__hero-sub">志愿服务岗 · 每周一次</Text> : null}
        {staff ? (
          <View className="xf-svc__hero-actions">
            <View className="xf-svc__hero-btn" data-testid="open-code" hoverClass="xf-pressed" onClick={() => go(Pages.serviceCheckinCode, { id: a.id })}>
              出示签到码
            </View>
          </View>
        ) : null}
      </View>
      <View className="xf-section">
        <View className="xf-section__title">
          <Text>活动内容</Text>
        </View>
        <View className="xf-panel">
          <Text className="xf-lead">{a.description}</Text>
          {a.location ? <Text className="xf-field__hint">需在活动地点 {a.location.radiusM} 米内签到</Text> : null}
        </View>
      </View>
      {staff && !user?.member ? null : <MemberPanel a={a} user={user} token={token} reload={activity.refresh} />}
      {staff ? <Participants activity={a} onChanged={activity.refresh} /> : null}
    </View>
  )
}
