import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import type { BatchGreetingResult, Occasion, OccasionKind } from '@xianfeng/shared'
import { ErrorCode } from '@xianfeng/shared'
import { ApiError, describeError } from '../../../api/errors'
import { staffApi } from '../../../api/staff'
import { useSession } from '../../../auth/session'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { addDays, todayInShanghai } from '@xianfeng/shared'
import { monthDay, relativeDay, weekdayOf } from '../../../utils/dates'
import { OrgHeader } from '../OrgHeader'
import { pageOrg } from '../../../utils/staff'
import { OCCASION_LABELS, canGreet, countByKind, groupByDate, isGreetingKind, occasionKey, occasionYears } from './group'
import '../staff.css'
import './index.css'

type Range = 'week' | 'month'
const RANGES: Array<{ key: Range; label: string; days: number }> = [
  { key: 'week', label: '本周', days: 7 },
  { key: 'month', label: '本月', days: 30 },
]
const KINDS: OccasionKind[] = ['birthday', 'political_birthday', 'work_anniversary']

type BatchLine = BatchGreetingResult['results'][number] & { name: string }

const isAlreadySent = (code: string | undefined) => code === ErrorCode.GREETING_ALREADY_SENT

/** 三色生日表: the coming birthdays, political birthdays and work anniversaries, and greetings to send. */
export default function OccasionsPage() {
  const router = useRouter()
  const { user } = useSession()
  const org = pageOrg(user, router.params.orgId)
  const orgId = org?.id ?? null
  const today = useMemo(() => todayInShanghai(), [])
  const [range, setRange] = useState<Range>('week')
  const to = addDays(today, RANGES.find((r) => r.key === range)!.days)

  const list = useAsync(async () => (orgId ? staffApi.occasions(orgId, today, to) : null), [orgId, today, to])
  const [rows, setRows] = useState<Occasion[]>([])
  const [busy, setBusy] = useState<Record<string, boolean>>({})
  const [batches, setBatches] = useState<Record<string, BatchLine[]>>({})

  useEffect(() => {
    if (list.status !== 'success') return
    setRows(list.data ?? [])
    setBatches({})
  }, [list.status, list.data])

  usePullDownRefresh(() => {
    list.refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  const groups = useMemo(() => groupByDate(rows), [rows])
  const counts = useMemo(() => countByKind(rows), [rows])

  const markSent = (sent: Array<{ memberId: string; kind: string; greeting: { id: string; sentAt: string } }>) => {
    setRows((xs) =>
      xs.map((x) => {
        const hit = sent.find((s) => s.memberId === x.memberId && s.kind === x.kind && x.on.slice(0, 4) === today.slice(0, 4))
        return hit && !x.greeting ? { ...x, greeting: hit.greeting } : x
      }),
    )
  }

  const sendOne = async (o: Occasion) => {
    if (!isGreetingKind(o.kind)) return
    const key = occasionKey(o)
    if (busy[key]) return
    setBusy((b) => ({ ...b, [key]: true }))
    try {
      const g = await staffApi.sendGreeting({ memberId: o.memberId, kind: o.kind })
      markSent([{ memberId: o.memberId, kind: o.kind, greeting: { id: g.id, sentAt: g.sentAt } }])
      Taro.showToast({ title: '祝福已发送', icon: 'success' })
    } catch (e) {
      if (e instanceof ApiError && isAlreadySent(e.code)) {
        // Someone (or the daily job) got there first: it is sent, which is what was wanted.
        markSent([{ memberId: o.memberId, kind: o.kind, greeting: { id: '', sentAt: '' } }])
      }
      Taro.showToast({ title: describeError(e), icon: 'none', duration: 2500 })
    } finally {
      setBusy((b) => ({ ...b, [key]: false }))
    }
  }

  const sendDay = async (date: string, items: Occasion[]) => {
    const todo = items.filter((o) => canGreet(o, today))
    const key = `day:${date}`
    if (todo.length === 0 || busy[key]) return
    const answer = await Taro.showModal({ title: '一键发送', content: `给 ${todo.length} 位党员发送${monthDay(date)}的祝福？` })
    if (!answer.confirm) return
    setBusy((b) => ({ ...b, [key]: true }))
    try {
      const { results } = await staffApi.sendGreetings(todo.map((o) => ({ memberId: o.memberId, kind: o.kind as 'birthday' | 'political_birthday' })))
      const lines: BatchLine[] = results.map((r) => ({ ...r, name: todo.find((o) => o.memberId === r.memberId && o.kind === r.kind)?.name ?? '' }))
      markSent(
        results
          .filter((r) => r.status === 'sent' || isAlreadySent(r.code))
          .map((r) => ({ memberId: r.memberId, kind: r.kind, greeting: { id: r.greetingId ?? '', sentAt: '' } })),
      )
      setBatches((b) => ({ ...b, [date]: lines }))
      const sent = results.filter((r) => r.status === 'sent').length
      Taro.showToast({ title: sent === results.length ? `已发送 ${sent} 份祝福` : `发送 ${sent} 份，${results.length - sent} 份未发送`, icon: 'none' })
    } catch (e) {
      Taro.showToast({ title: describeError(e), icon: 'none', duration: 2500 })
    } finally {
      setBusy((b) => ({ ...b, [key]: false }))
    }
  }

  if (!org) return <EmptyState text="您还不是党务工作者" hint="三色生日表供支部书记、组织委员等使用。" />

  return (
    <View className="xf-page xf-occasions">
      <OrgHeader org={org} label="三色生日表" />
      <View className="xf-section">
        <View className="xf-occasions__bar">
          <View className="xf-chips">
            {RANGES.map((r) => (
              <View key={r.key} className={`xf-chip${range === r.key ? ' xf-chip--on' : ''}`} onClick={() => setRange(r.key)}>
                {r.label}
              </View>
            ))}
          </View>
          <Text className="xf-occasions__span">
            {monthDay(today)} – {monthDay(to)}
          </Text>
        </View>
        <View className="xf-occasions__legend">
          {KINDS.map((k) => (
            <View key={k} className={`xf-occ-legend xf-occ-legend--${k}`}>
              <View className="xf-occ-legend__dot" />
              <Text>
                {OCCASION_LABELS[k]} {list.status === 'success' ? counts[k] : ''}
              </Text>
            </View>
          ))}
        </View>
      </View>

      <View className="xf-section">
        {list.status === 'loading' ? <LoadingState /> : null}
        {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
        {list.status === 'success' && groups.length === 0 ? (
          <EmptyState text={`${range === 'week' ? '未来 7 天' : '未来 30 天'}没有纪念日`} hint="生日、政治生日和参加工作纪念日会显示在这里。" />
        ) : null}
        {list.status === 'success'
          ? groups.map((g) => {
              const todo = g.items.filter((o) => canGreet(o, today)).length
              const rel = relativeDay(g.date, today)
              const batch = batches[g.date]
              return (
                <View key={g.date} className="xf-day" data-testid="occasion-day" data-date={g.date}>
                  <View className="xf-day__head">
                    <Text className="xf-day__date">
                      {monthDay(g.date)} {weekdayOf(g.date)}
                    </Text>
                    {rel ? <Text className="xf-day__rel">{rel}</Text> : null}
                    <View className="xf-day__spacer" />
                    {todo > 0 ? (
                      <View className="xf-btn xf-btn--ghost xf-btn--sm" hoverClass="xf-pressed" onClick={() => sendDay(g.date, g.items)}>
                        {busy[`day:${g.date}`] ? '正在发送…' : `一键发送（${todo}）`}
                      </View>
                    ) : null}
                  </View>
                  {g.items.map((o) => {
                    const key = occasionKey(o)
                    return (
                      <View key={key} className={`xf-occ xf-occ--${o.kind}`} data-testid="occasion" data-kind={o.kind} data-member={o.memberId}>
                        <View className="xf-occ__main">
                          <View className="xf-occ__line">
                            <Text className="xf-occ__name">{o.name}</Text>
                            <Text className={`xf-occ__kind xf-occ__kind--${o.kind}`}>{OCCASION_LABELS[o.kind]}</Text>
                          </View>
                          <Text className="xf-occ__meta">
                            {occasionYears(o)} · {o.orgName}
                          </Text>
                          {isGreetingKind(o.kind) && !o.bound ? <Text className="xf-occ__unbound">未绑定微信，绑定后可看到贺卡</Text> : null}
                        </View>
                        <View className="xf-occ__action">
                          {o.greeting ? (
                            <Text className="xf-occ__sent">已发送</Text>
                          ) : canGreet(o, today) ? (
                            <View className="xf-btn xf-btn--sm xf-occ__send" hoverClass="xf-pressed" onClick={() => sendOne(o)}>
                              {busy[key] ? '发送中…' : '发送祝福'}
                            </View>
                          ) : isGreetingKind(o.kind) ? (
                            <Text className="xf-occ__later">到时再发</Text>
                          ) : null}
                        </View>
                      </View>
                    )
                  })}
                  {batch ? (
                    <View className="xf-batch" data-testid="batch-results">
                      <Text className="xf-batch__title">发送结果</Text>
                      {batch.map((r) => (
                        <View key={`${r.memberId}|${r.kind}`} className="xf-batch__line">
                          <Text>
                            {r.name} · {OCCASION_LABELS[r.kind]}
                          </Text>
                          <Text className={r.status === 'sent' ? 'xf-batch__ok' : 'xf-batch__err'}>
                            {r.status === 'sent' ? '已发送' : isAlreadySent(r.code) ? '此前已发送' : `未发送：${r.message ?? '发送失败'}`}
                          </Text>
                        </View>
                      ))}
                    </View>
                  ) : null}
                </View>
              )
            })
          : null}
      </View>
    </View>
  )
}
