import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Deed } from '@xianfeng/shared'
import { Limits, Pages } from '@xianfeng/shared'
import { describeServiceError, serviceApi } from '../../../api/service'
import { Alert } from '../../../components/Alert'
import { ReasonForm } from '../../../components/ReasonForm'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { DeedCard } from '../components/DeedCard'
import { go } from '../labels'
import { ReportCard } from './ReportsTab'

function DeedReview({ d, onChanged }: { d: Deed; onChanged: () => void }) {
  const action = useAction<Deed>({ describe: describeServiceError, onChanged, onStale: onChanged, staleCodes: ['INVALID_STATE_TRANSITION'] })
  const [returning, setReturning] = useState(false)
  return (
    <View>
      <Alert>{action.error}</Alert>
      {returning ? (
        <ReasonForm
          label="退回原因"
          placeholder="例如：请补充办理经过和照片"
          maxLength={Limits.service.returnReason}
          submitText="确认退回"
          busy={action.busy === 'return'}
          onCancel={() => setReturning(false)}
          onSubmit={(reason) => action.run('return', () => serviceApi.returnDeed(d.id, reason), { done: '已退回' })}
        />
      ) : (
        <View className="xf-row">
          <Button className="xf-half" type="primary" size="large" fill="outline" onClick={() => setReturning(true)}>
            退回
          </Button>
          <Button className="xf-half" type="primary" size="large" loading={action.busy === 'confirm'} onClick={() => action.run('confirm', () => serviceApi.confirmDeed(d.id), { done: '已确认' })}>
            确认
          </Button>
        </View>
      )}
    </View>
  )
}

/**
 * 本组织党员 (the member's own branch): where its members reported, their deeds waiting to be
 * confirmed, and the ratings the communities sent back.
 */
export function MembersTab({ orgId }: { orgId: string }) {
  const deeds = useAsync(() => serviceApi.deeds({ orgId, status: 'pending', limit: 100 }), [orgId])
  const reports = useAsync(() => serviceApi.reports({ memberOrgId: orgId, limit: 100 }), [orgId])
  return (
    <>
      <View className="xf-section">
        <View className="xf-btn xf-btn--ghost" hoverClass="xf-pressed" data-testid="open-ratings" onClick={() => go(Pages.serviceRatings, { memberOrgId: orgId })}>
          查看社区反馈评价（一卡反馈）
        </View>
      </View>
      <View className="xf-section">
        <View className="xf-section__title">
          <Text>待确认的办实事</Text>
        </View>
      </View>
      {deeds.status === 'loading' ? <LoadingState /> : null}
      {deeds.status === 'error' ? <ErrorState error={deeds.error} onRetry={deeds.reload} /> : null}
      {deeds.status === 'success' && deeds.data.items.length === 0 ? <EmptyState text="没有待确认的办实事记录" /> : null}
      {deeds.status === 'success'
        ? deeds.data.items.map((d) => (
            <DeedCard key={d.id} d={d} showMember>
              <DeedReview d={d} onChanged={deeds.refresh} />
            </DeedCard>
          ))
        : null}
      <View className="xf-section">
        <View className="xf-section__title">
          <Text>党员进社区报到情况</Text>
        </View>
      </View>
      {reports.status === 'loading' ? <LoadingState /> : null}
      {reports.status === 'error' ? <ErrorState error={reports.error} onRetry={reports.reload} /> : null}
      {reports.status === 'success' && reports.data.items.length === 0 ? <EmptyState text="本组织还没有党员向社区报到" /> : null}
      {reports.status === 'success' ? reports.data.items.map((r) => <ReportCard key={r.id} r={r} />) : null}
      <View className="xf-section">
        <Text className="xf-field__hint">点党员姓名查看其服务时长和办实事记录</Text>
      </View>
    </>
  )
}
