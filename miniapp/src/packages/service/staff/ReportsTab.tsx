import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import type { ServiceReport, ServiceReportStatus } from '@xianfeng/shared'
import { Limits, ServiceReportStatusLabels, shanghaiDateOf } from '@xianfeng/shared'
import { describeServiceError, serviceApi } from '../../../api/service'
import { Alert } from '../../../components/Alert'
import { ReasonForm } from '../../../components/ReasonForm'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { Chips, type TabItem } from '../../../components/Tabs'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { formatDate } from '../../../utils/format'
import { openRecord } from '../labels'

export const REPORT_TONE: Record<ServiceReportStatus, string> = { pending: 'wait', active: 'ok', declined: 'off', ended: 'off' }

/** One report as a card: who, from which organisation, where they live, what they can do. */
export function ReportCard({ r, children }: { r: ServiceReport; children?: ReactNode }) {
  return (
    <View className="xf-svc__card" data-testid="report-card">
      <View className="xf-svc__card-head">
        <Text className="xf-svc__card-title" onClick={() => openRecord(r.memberId)}>
          {r.memberName}
        </Text>
        <Text className={`xf-tag xf-svc__tag xf-svc__tag--${REPORT_TONE[r.status]}`}>{ServiceReportStatusLabels[r.status]}</Text>
      </View>
      <Text className="xf-svc__line">{r.memberOrgName} → {r.communityName}</Text>
      <Text className="xf-svc__line">小区：{r.residentialArea}</Text>
      {r.skills.length ? <Text className="xf-svc__line">特长：{r.skills.join('、')}</Text> : null}
      {r.declineReason ? <Text className="xf-svc__line xf-svc__muted">未通过原因：{r.declineReason}</Text> : null}
      <Text className="xf-svc__line xf-svc__muted">{formatDate(shanghaiDateOf(r.createdAt))} 报到</Text>
      {children}
    </View>
  )
}

function Actions({ r, onChanged }: { r: ServiceReport; onChanged: () => void }) {
  const action = useAction<ServiceReport>({ describe: describeServiceError, onChanged, onStale: onChanged, staleCodes: ['INVALID_STATE_TRANSITION'] })
  const [declining, setDeclining] = useState(false)
  if (r.status !== 'pending' && r.status !== 'active') return null
  return (
    <View className="xf-svc__actions-box">
      <Alert>{action.error}</Alert>
      {declining ? (
        <ReasonForm
          label="不通过的原因"
          placeholder="例如：经核实不住在本社区"
          maxLength={Limits.service.declineReason}
          submitText="确认不通过"
          busy={action.busy === 'decline'}
          onCancel={() => setDeclining(false)}
          onSubmit={(reason) => action.run('decline', () => serviceApi.declineReport(r.id, reason), { done: '已处理' })}
        />
      ) : r.status === 'pending' ? (
        <View className="xf-row">
          <Button className="xf-half" type="primary" size="large" fill="outline" onClick={() => setDeclining(true)}>
            不通过
          </Button>
          <Button className="xf-half" type="primary" size="large" loading={action.busy === 'accept'} onClick={() => action.run('accept', () => serviceApi.acceptReport(r.id), { done: '已接收报到' })}>
            接收报到
          </Button>
        </View>
      ) : (
        <View className="xf-links">
          <Text
            className="xf-link xf-link--muted"
            onClick={() => action.run('end', () => serviceApi.endReport(r.id), { done: '已结束', confirm: { title: '结束报到', content: `确定结束${r.memberName}在本社区的报到吗？记录会保留。` } })}
          >
            结束报到
          </Text>
        </View>
      )}
    </View>
  )
}

type Filter = 'pending' | 'active' | 'all'
const FILTERS: Array<TabItem<Filter>> = [
  { key: 'pending', label: '待确认' },
  { key: 'active', label: '已报到' },
  { key: 'all', label: '全部' },
]

/** 报到党员: the members who reported to this community; accept, decline with a reason, end. */
export function ReportsTab({ orgId }: { orgId: string }) {
  const [filter, setFilter] = useState<Filter>('pending')
  const list = useAsync(() => serviceApi.reports({ communityOrgId: orgId, status: filter === 'all' ? undefined : filter, limit: 100 }), [orgId, filter])
  return (
    <>
      <View className="xf-section">
        <Chips items={FILTERS} value={filter} onChange={setFilter} />
      </View>
      <View className="xf-section" />
      {list.status === 'loading' ? <LoadingState /> : null}
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'success' && list.data.items.length === 0 ? <EmptyState text={filter === 'pending' ? '没有等待确认的报到' : '还没有党员报到'} /> : null}
      {list.status === 'success'
        ? list.data.items.map((r) => (
            <ReportCard key={r.id} r={r}>
              <Actions r={r} onChanged={list.refresh} />
            </ReportCard>
          ))
        : null}
    </>
  )
}
