import { Text, View } from '@tarojs/components'
import type { Activity } from '@xianfeng/shared'
import { formatMinutes, formatRange } from '../format'

function myState(a: Activity): { text: string; tone: 'ok' | 'wait' | 'off' } | null {
  const s = a.mySignup
  if (!s) return Date.parse(a.startsAt) <= Date.now() ? { text: '已开始', tone: 'off' } : a.signedUp >= a.capacity ? { text: '已满', tone: 'off' } : null
  if (s.confirmed) return { text: `已确认 ${formatMinutes(s.minutes)}`, tone: 'ok' }
  if (s.checkoutAt) return { text: '已签退', tone: 'wait' }
  if (s.checkinAt) return { text: '已签到', tone: 'wait' }
  return { text: '已报名', tone: 'ok' }
}

export function ActivityCard({ a, onOpen }: { a: Activity; onOpen: (a: Activity) => void }) {
  const state = myState(a)
  const left = Math.max(0, a.capacity - a.signedUp)
  return (
    <View className="xf-svc__card" data-testid="activity-card" hoverClass="xf-pressed" onClick={() => onOpen(a)}>
      <View className="xf-svc__card-head">
        <Text className="xf-svc__card-title">{a.title}</Text>
        {state ? <Text className={`xf-tag xf-svc__tag xf-svc__tag--${state.tone}`}>{state.text}</Text> : null}
      </View>
      <Text className="xf-svc__line">{formatRange(a.startsAt, a.endsAt)}</Text>
      <Text className="xf-svc__line xf-svc__muted">{a.place}</Text>
      <View className="xf-svc__foot">
        <Text>{a.orgName}</Text>
        <Text className={left > 0 ? 'xf-svc__strong' : ''}>{left > 0 ? `剩余 ${left}/${a.capacity}` : `已满 ${a.capacity}`}</Text>
      </View>
    </View>
  )
}
