import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { AssessmentSummary } from '@xianfeng/shared'
import { AssessmentStatusLabels, Pages, pageUrl } from '@xianfeng/shared'
import { assessApi } from '../../../api/assessment'
import { useSession } from '../../../auth/session'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { pageOrg } from '../../../utils/staff'
import { OrgHeader } from '../../staff/OrgHeader'
import '../../staff/staff.css'
import '../assess.css'
import './index.css'

const TAGS = { draft: 'xf-tag--plain', started: 'xf-tag--gold', published: 'xf-tag--red' } as const

/** A draft opens in the editor for the assessing staff; everything else (and the branch's own view) on the score sheets. */
function open(a: AssessmentSummary, orgId: string): void {
  const edit = a.status === 'draft' && a.role === 'assessor'
  Taro.navigateTo({ url: pageUrl(edit ? Pages.assessmentEdit : Pages.assessmentScores, a.role === 'assessed' ? { id: a.id, orgId } : { id: a.id }) })
}

/** 评星定级: the organisation's assessment schemes over its children, newest first. */
export default function AssessmentListPage() {
  const router = useRouter()
  const { user } = useSession()
  const org = pageOrg(user, router.params.orgId)
  const list = useAsync(async () => (org ? assessApi.list(org.id) : null), [org?.id])
  useDidShow(() => list.refresh())

  if (!org) return <EmptyState text="您还不是党务工作者" hint="评星定级供上级组织的党务工作者使用。" />
  return (
    <View className="xf-page xf-staff xf-assess" data-testid="assessment-list">
      <OrgHeader org={org} label="评星定级" />
      <View className="xf-section">
        <Button type="primary" size="large" block onClick={() => Taro.navigateTo({ url: pageUrl(Pages.assessmentEdit, { orgId: org.id }) })}>
          新建评星方案
        </Button>
      </View>
      <View className="xf-section">
        <View className="xf-section__title">
          <Text>评星方案</Text>
          <Text className="xf-section__action" onClick={() => Taro.navigateTo({ url: pageUrl(Pages.starBoard, { orgId: org.id }) })}>
            星级榜 ›
          </Text>
        </View>
        {list.status === 'loading' ? <LoadingState /> : null}
        {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
        {list.status === 'success' && list.data && list.data.items.length === 0 ? (
          <EmptyState text="还没有评星方案" hint="新建方案：设定指标、分值和星级分数线，对下级组织评星定级。" />
        ) : null}
        {list.status === 'success' && list.data
          ? list.data.items.map((a) => (
              <View key={a.id} className="xf-panel xf-alist__item" data-testid="assessment-item" hoverClass="xf-pressed" onClick={() => open(a, org.id)}>
                <View className="xf-alist__head">
                  <Text className="xf-alist__title">{a.title}</Text>
                  <Text className={`xf-tag ${TAGS[a.status]}`}>{AssessmentStatusLabels[a.status]}</Text>
                </View>
                <Text className="xf-field__hint">
                  {a.role === 'assessed' ? `${a.orgName}评本组织 · ` : ''}
                  {a.from} 至 {a.to} · 满分 {a.maxTotal}
                </Text>
              </View>
            ))
          : null}
      </View>
    </View>
  )
}
