import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Activity, ActivityParticipant, AttendanceConfirmation } from '@xianfeng/shared'
import { Limits } from '@xianfeng/shared'
import { describeServiceError, serviceApi } from '../../../api/service'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import { useAction } from '../../../hooks/useAction'
import { formatDateTime } from '../../../utils/datetime'
import { checkConfirm } from '../forms'
import { formatClock, formatMinutes } from '../format'

/** Confirm (or correct, with a reason) one member's minutes. */
function ConfirmForm({ activityId, p, onDone }: { activityId: string; p: ActivityParticipant; onDone: () => void }) {
  const [minutes, setMinutes] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const action = useAction<AttendanceConfirmation>({ describe: describeServiceError, onChanged: onDone })
  const typed = minutes.trim()
  const correcting = p.computedMinutes === null || (typed !== '' && Number(typed) !== p.computedMinutes)
  const submit = () => {
    const checked = checkConfirm(p.computedMinutes, minutes, reason)
    if (!checked.ok) {
      setError(checked.error)
      return
    }
    setError(null)
    void action.run('confirm', () => serviceApi.confirmAttendance(activityId, p.memberId, checked.body), { done: '已确认时长' })
  }
  return (
    <View className="xf-svc__confirm" data-testid="confirm-form">
      <Alert>{error ?? action.error}</Alert>
      <Field label="核定时长（分钟）" hint={p.computedMinutes === null ? '没有签退记录：请按实际填写，并写明原因' : `按签到签退计算为 ${p.computedMinutes} 分钟；不改直接确认`}>
        <Input className="xf-svc__input" name="minutes" type="digit" value={minutes} placeholder={p.computedMinutes === null ? '例如 90' : String(p.computedMinutes)} onChange={setMinutes} />
      </Field>
      {correcting ? (
        <Field label="修改原因">
          <Input className="xf-svc__input" name="reason" value={reason} maxLength={Limits.service.correctionReason} placeholder="例如：忘记签退，现场核实服务到 11 点" onChange={setReason} />
        </Field>
      ) : null}
      <Button type="primary" size="large" block loading={action.busy === 'confirm'} onClick={submit}>
        {correcting ? '修改并确认' : '确认时长'}
      </Button>
    </View>
  )
}

function Participant({ activity, p, onChanged }: { activity: Activity; p: ActivityParticipant; onChanged: () => void }) {
  return (
    <View className="xf-svc__participant" data-testid="participant">
      <View className="xf-svc__card-head">
        <Text className="xf-svc__participant-name">{p.name}</Text>
        <Text className={`xf-tag xf-svc__tag ${p.confirmed ? 'xf-svc__tag--ok' : p.checkinAt ? 'xf-svc__tag--wait' : 'xf-svc__tag--off'}`}>
          {p.confirmed ? '已确认' : p.checkoutAt ? '待确认' : p.checkinAt ? '已签到' : '已报名'}
        </Text>
      </View>
      <Text className="xf-svc__line xf-svc__muted">{p.orgName}</Text>
      <Text className="xf-svc__line">
        签到 {formatClock(p.checkinAt)} · 签退 {formatClock(p.checkoutAt)}
        {p.computedMinutes !== null ? ` · 计 ${formatMinutes(p.computedMinutes)}` : ''}
      </Text>
      {p.confirmed && p.minutes !== null ? (
        <Text className="xf-svc__line xf-svc__strong" data-testid="confirmed-minutes">
          核定 {formatMinutes(p.minutes)}
        </Text>
      ) : null}
      {p.corrections.map((c) => (
        <Text key={c.at} className="xf-svc__trail">
          {formatDateTime(c.at)} {c.byName ?? '工作人员'}将时长由 {c.fromMinutes === null ? '（未签退）' : `${c.fromMinutes} 分钟`} 改为 {c.toMinutes} 分钟：{c.reason}
        </Text>
      ))}
      {p.checkinAt && !p.confirmed ? <ConfirmForm activityId={activity.id} p={p} onDone={onChanged} /> : null}
    </View>
  )
}

/** Staff of the organisation: who signed up, their check-in and out, and the minutes to confirm. */
export function Participants({ activity, onChanged }: { activity: Activity; onChanged: () => void }) {
  const list = activity.participants ?? []
  return (
    <View className="xf-section" data-testid="participants">
      <View className="xf-section__title">
        <Text>报名党员（{list.length}）</Text>
      </View>
      <View className="xf-panel">
        {list.length === 0 ? <Text className="xf-lead">还没有党员报名。</Text> : null}
        {list.map((p) => (
          <Participant key={p.memberId} activity={activity} p={p} onChanged={onChanged} />
        ))}
      </View>
    </View>
  )
}
