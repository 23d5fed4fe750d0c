import { Picker, Text, View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Activity } from '@xianfeng/shared'
import { Limits, todayInShanghai } from '@xianfeng/shared'
import { formErrors } from '../../../api/errors'
import { describeServiceError, serviceApi } from '../../../api/service'
import { Alert } from '../../../components/Alert'
import { DateField } from '../../../components/DateField'
import { Field } from '../../../components/Field'
import { currentLocation } from '../../../platform/location'
import { checkActivity, type ActivityField, type ActivityForm, type Errors } from '../forms'
import { clockSpanMinutes, formatMinutes } from '../format'
import { POST_PRESETS } from '../labels'

const L = Limits.service

const EMPTY: ActivityForm = { title: '', description: '', place: '', day: '', start: '09:00', end: '11:00', capacity: '10', weeks: '', radiusM: '', centre: null }

function TimePicker({ value, onChange, testid }: { value: string; onChange: (v: string) => void; testid: string }) {
  return (
    <Picker mode="time" value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className="xf-picker-field" data-testid={testid}>
        <Text>{value}</Text>
        <Text className="xf-picker-field__arrow">▾</Text>
      </View>
    </Picker>
  )
}

/** 发布活动: a single activity, or a weekly service post (文明劝导 / 政策宣传 / 助老 …) in one step. */
export function PublishTab({ orgId, onPublished }: { orgId: string; onPublished: (a: Activity) => void }) {
  const [f, setF] = useState<ActivityForm>(EMPTY)
  const [preset, setPreset] = useState<string | null>(null)
  const [errors, setErrors] = useState<Errors<ActivityField>>({})
  const [banner, setBanner] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [locating, setLocating] = useState(false)
  const set = <K extends keyof ActivityForm>(k: K) => (v: ActivityForm[K]) => setF((x) => ({ ...x, [k]: v }))

  const choosePreset = (key: string | null) => {
    setPreset(key)
    const p = POST_PRESETS.find((x) => x.key === key)
    setF((x) => (p ? { ...x, title: p.title, description: p.description, weeks: x.weeks || '12' } : { ...x, weeks: '' }))
  }

  const locate = async () => {
    setLocating(true)
    try {
      const centre = await currentLocation()
      setF((x) => ({ ...x, centre, radiusM: x.radiusM || '200' }))
    } catch {
      setErrors((e) => ({ ...e, radiusM: '没能获取位置，请在设置中允许获取位置' }))
    } finally {
      setLocating(false)
    }
  }

  const submit = async () => {
    const checked = checkActivity(f)
    if (!checked.ok) {
      setErrors(checked.errors)
      setBanner('还有内容没有填好，请看标红的地方')
      return
    }
    setErrors({})
    setBanner(null)
    setBusy(true)
    try {
      const a = await serviceApi.publish(orgId, checked.body)
      setF(EMPTY)
      setPreset(null)
      onPublished(a)
    } catch (e) {
      const fe = formErrors(e, ['title', 'description', 'place', 'capacity'] as const, describeServiceError)
      setErrors(fe.fields)
      setBanner(fe.banner)
    } finally {
      setBusy(false)
    }
  }

  const span = f.start && f.end && f.start !== f.end ? clockSpanMinutes(f.start, f.end) : 0
  return (
    <View className="xf-section">
      <View className="xf-panel" data-testid="publish-form">
        <Alert>{banner}</Alert>
        <Field label="类型">
          <View className="xf-chips">
            <View className={`xf-chip ${preset === null ? 'xf-chip--on' : ''}`} onClick={() => choosePreset(null)}>
              单次活动
            </View>
            {POST_PRESETS.map((p) => (
              <View key={p.key} className={`xf-chip ${preset === p.key ? 'xf-chip--on' : ''}`} data-testid={`preset-${p.key}`} onClick={() => choosePreset(p.key)}>
                {p.label}岗
              </View>
            ))}
          </View>
        </Field>
        <Field label="活动名称" error={errors.title}>
          <Input className="xf-svc__input" name="title" value={f.title} maxLength={L.activityTitle} placeholder="例如：周末义诊" onChange={set('title')} />
        </Field>
        <Field label="活动内容" error={errors.description}>
          <TextArea className="xf-nut-textarea" value={f.description} maxLength={L.activityDescription} placeholder="做什么、需要带什么" onChange={set('description')} />
        </Field>
        <Field label="地点" error={errors.place}>
          <Input className="xf-svc__input" name="place" value={f.place} maxLength={L.place} placeholder="例如：社区党群服务中心一楼" onChange={set('place')} />
        </Field>
        <Field label={preset ? '第一次的日期' : '日期'} error={errors.day}>
          <DateField value={f.day} onChange={set('day')} start={todayInShanghai()} />
        </Field>
        <Field label="时间" hint={span ? `共 ${formatMinutes(span)}${f.end <= f.start ? '，到次日结束' : ''}` : undefined} error={errors.start}>
          <View className="xf-svc__times">
            <TimePicker value={f.start} onChange={set('start')} testid="start-time" />
            <Text className="xf-svc__to">至</Text>
            <TimePicker value={f.end} onChange={set('end')} testid="end-time" />
          </View>
        </Field>
        <Field label="名额" error={errors.capacity}>
          <Input className="xf-svc__input" name="capacity" type="number" value={f.capacity} onChange={set('capacity')} />
        </Field>
        {preset ? (
          <Field label="每周重复几次" hint={`每周同一时间一次，共 ${f.weeks || '?'} 次，每次单独报名`} error={errors.weeks}>
            <Input className="xf-svc__input" name="weeks" type="number" value={f.weeks} onChange={set('weeks')} />
          </Field>
        ) : null}
        <Field
          label="签到范围（选填，米）"
          hint={f.centre ? `已记下您现在的位置为活动中心（${f.centre.lat.toFixed(5)}, ${f.centre.lng.toFixed(5)}）` : '在活动地点点“用我现在的位置”，党员签到时须在此范围内'}
          error={errors.radiusM}
        >
          <View className="xf-svc__times">
            <Input className="xf-svc__input" name="radiusM" type="number" value={f.radiusM} placeholder="不限" onChange={set('radiusM')} />
            <View className="xf-btn xf-btn--ghost xf-btn--sm" hoverClass="xf-pressed" onClick={locate}>
              {locating ? '定位中…' : '用我现在的位置'}
            </View>
          </View>
        </Field>
        <Button type="primary" size="large" block loading={busy} onClick={submit}>
          {preset ? '发布志愿服务岗' : '发布活动'}
        </Button>
      </View>
    </View>
  )
}
