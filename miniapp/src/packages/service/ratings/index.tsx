import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { ServiceGrade, ServiceRating, ServiceReport } from '@xianfeng/shared'
import { Limits, ServiceGradeLabels, ServiceGrades } from '@xianfeng/shared'
import { describeServiceError, serviceApi } from '../../../api/service'
import { Alert } from '../../../components/Alert'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { Chips } from '../../../components/Tabs'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { formatMinutes, periodLabel, ratingPeriods } from '../format'
import { openRecord } from '../labels'
import '../../staff/staff.css'
import '../service.css'

const GRADE_TONE: Record<ServiceGrade, string> = { excellent: 'ok', good: 'ok', basic: 'wait', poor: 'off' }

/** The community rates one reported member for the period (a second save replaces the first). */
function RateRow({ report, rating, period, onSaved }: { report: ServiceReport; rating: ServiceRating | undefined; period: string; onSaved: () => void }) {
  const [grade, setGrade] = useState<ServiceGrade | null>(rating?.grade ?? null)
  const [comment, setComment] = useState(rating?.comment ?? '')
  const action = useAction<ServiceRating>({ describe: describeServiceError, onChanged: onSaved })
  const save = () => {
    if (!grade) return
    void action.run('rate', () => serviceApi.rate({ memberId: report.memberId, period, grade, ...(comment.trim() ? { comment: comment.trim() } : {}) }), { done: '已保存评价' })
  }
  return (
    <View className="xf-svc__card" data-testid="rate-row">
      <View className="xf-svc__card-head">
        <Text className="xf-svc__card-title" onClick={() => openRecord(report.memberId)}>
          {report.memberName}
        </Text>
        {rating ? <Text className={`xf-tag xf-svc__tag xf-svc__tag--${GRADE_TONE[rating.grade]}`}>{ServiceGradeLabels[rating.grade]}</Text> : <Text className="xf-tag xf-svc__tag xf-svc__tag--off">未评价</Text>}
      </View>
      <Text className="xf-svc__line xf-svc__muted">
        {report.memberOrgName} · {report.residentialArea}
      </Text>
      {rating ? <Text className="xf-svc__line">本期服务 {formatMinutes(rating.minutes)} · 办实事 {rating.deeds} 件</Text> : null}
      <Alert>{action.error}</Alert>
      <View className="xf-chips xf-svc__gap">
        {ServiceGrades.map((g) => (
          <View key={g} className={`xf-chip ${grade === g ? 'xf-chip--on' : ''}`} onClick={() => setGrade(g)}>
            {ServiceGradeLabels[g]}
          </View>
        ))}
      </View>
      <View className="xf-svc__line">
        <Input className="xf-svc__input" name="comment" value={comment} maxLength={Limits.service.ratingComment} placeholder="评语（选填），会反馈给党员所在支部" onChange={setComment} />
      </View>
      <View className="xf-svc__line">
        <Button type="primary" block disabled={!grade} loading={action.busy === 'rate'} onClick={save}>
          {rating ? '更新评价' : '保存评价'}
        </Button>
      </View>
    </View>
  )
}

function CommunityView({ orgId, period }: { orgId: string; period: string }) {
  const data = useAsync(async () => {
    const [reports, ratings] = await Promise.all([serviceApi.reports({ communityOrgId: orgId, status: 'active', limit: 100 }), serviceApi.ratings({ communityOrgId: orgId, period })])
    return { reports: reports.items, ratings: ratings.items }
  }, [orgId, period])
  if (data.status === 'loading') return <LoadingState />
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />
  if (data.data.reports.length === 0) return <EmptyState text="还没有已报到的党员" hint="接收党员的报到后，可以在这里给他们评价。" />
  return (
    <>
      {data.data.reports.map((r) => (
        <RateRow key={`${r.id}-${period}`} report={r} rating={data.data.ratings.find((x) => x.memberId === r.memberId)} period={period} onSaved={data.refresh} />
      ))}
    </>
  )
}

function BranchView({ orgId, period }: { orgId: string; period: string }) {
  const list = useAsync(() => serviceApi.ratings({ memberOrgId: orgId, period }), [orgId, period])
  if (list.status === 'loading') return <LoadingState />
  if (list.status === 'error') return <ErrorState error={list.error} onRetry={list.reload} />
  if (list.data.items.length === 0) return <EmptyState text={`${periodLabel(period)}还没有社区反馈`} />
  return (
    <>
      {list.data.items.map((r) => (
        <View key={`${r.memberId}-${r.communityOrgId}`} className="xf-svc__card" data-testid="rating-card" hoverClass="xf-pressed" onClick={() => openRecord(r.memberId)}>
          <View className="xf-svc__card-head">
            <Text className="xf-svc__card-title">{r.memberName}</Text>
            <Text className={`xf-tag xf-svc__tag xf-svc__tag--${GRADE_TONE[r.grade]}`}>{ServiceGradeLabels[r.grade]}</Text>
          </View>
          <Text className="xf-svc__line xf-svc__muted">{r.communityName}</Text>
          <Text className="xf-svc__line">服务 {formatMinutes(r.minutes)} · 办实事 {r.deeds} 件</Text>
          {r.comment ? <Text className="xf-svc__line">评语：{r.comment}</Text> : null}
        </View>
      ))}
    </>
  )
}

/**
 * 一卡反馈: with `?communityOrgId=` the community rates its reported members for a quarter or a year;
 * with `?memberOrgId=` a branch reads the ratings its members got, with the hours and deeds behind them.
 */
export default function RatingsPage() {
  const router = useRouter()
  const communityOrgId = router.params.communityOrgId ? decodeURIComponent(router.params.communityOrgId) : null
  const memberOrgId = router.params.memberOrgId ? decodeURIComponent(router.params.memberOrgId) : null
  const periods = ratingPeriods()
  const [period, setPeriod] = useState(periods[0])
  if (!communityOrgId && !memberOrgId) return <EmptyState text="请从工作台进入" />
  return (
    <View className="xf-page xf-svc" data-testid="ratings-page">
      <View className="xf-hero">
        <Text className="xf-svc__hero-title">{communityOrgId ? '评价报到党员' : '社区反馈评价'}</Text>
        <Text className="xf-svc__hero-sub">{communityOrgId ? '按季度或年度评价，结果反馈给党员所在支部，并通知党员本人' : '党员在居住地社区的服务评价，附服务时长和办实事件数'}</Text>
      </View>
      <View className="xf-section">
        <Chips items={periods.map((p) => ({ key: p, label: periodLabel(p) }))} value={period} onChange={setPeriod} />
      </View>
      <View className="xf-section" />
      {communityOrgId ? <CommunityView orgId={communityOrgId} period={period} /> : <BranchView orgId={memberOrgId!} period={period} />}
    </View>
  )
}
