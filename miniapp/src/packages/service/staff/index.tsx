import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Pages } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { useSession } from '../../../auth/session'
import { useAsync } from '../../../hooks/useAsync'
import { EmptyState } from '../../../components/States'
import { Tabs, type TabItem } from '../../../components/Tabs'
import { chooseStaffOrg, pageOrg, staffOrgs } from '../../../utils/staff'
import { OrgHeader } from '../../staff/OrgHeader'
import { openActivity, go } from '../labels'
import { ActivitiesTab } from './ActivitiesTab'
import { MembersTab } from './MembersTab'
import { PublishTab } from './PublishTab'
import { ReportsTab } from './ReportsTab'
import '../../staff/staff.css'
import '../service.css'

type Tab = 'reports' | 'activities' | 'publish' | 'members'
const TABS: Array<TabItem<Tab>> = [
  { key: 'reports', label: '报到党员' },
  { key: 'activities', label: '活动' },
  { key: 'publish', label: '发布' },
  { key: 'members', label: '党员服务' },
]

/**
 * 进社区 for staff: a community's reported members and activities (publish, confirm minutes, the
 * code screen from each activity), a branch's own members' service; 一卡反馈 ratings one tap away.
 */
export default function ServiceStaffPage() {
  const router = useRouter()
  const { user } = useSession()
  const orgs = staffOrgs(user)
  const [org, setOrg] = useState(() => pageOrg(user, router.params.orgId))
  const [tab, setTab] = useState<Tab>(router.params.tab && TABS.some((t) => t.key === router.params.tab) ? (router.params.tab as Tab) : 'reports')
  const [version, setVersion] = useState(0)
  // A page opened on an organisation under the one served (a link, a notification): fetch its name.
  const fetched = useAsync(async () => (org && !org.name ? api.org(org.id) : null), [org?.id])

  if (!org) return <EmptyState text="您还不是党务工作者" hint="进社区管理供社区和支部的党务工作者使用。" />
  const named = org.name ? org : (orgs.find((o) => o.id === org.id) ?? { id: org.id, name: fetched.data?.name ?? '' })

  return (
    <View className="xf-page xf-svc" data-testid="service-staff">
      <OrgHeader
        org={named}
        orgs={orgs}
        onChange={(o) => {
          chooseStaffOrg(o.id)
          setOrg(o)
        }}
      />
      <Tabs items={TABS} value={tab} onChange={setTab} />
      {tab === 'reports' ? (
        <>
          <ReportsTab orgId={org.id} />
          <View className="xf-section">
            <View className="xf-btn xf-btn--ghost" hoverClass="xf-pressed" data-testid="open-rate" onClick={() => go(Pages.serviceRatings, { communityOrgId: org.id })}>
              季度 / 年度评价报到党员
            </View>
          </View>
        </>
      ) : null}
      {tab === 'activities' ? (
        <>
          <View className="xf-section" />
          <ActivitiesTab orgId={org.id} version={version} />
        </>
      ) : null}
      {tab === 'publish' ? (
        <PublishTab
          orgId={org.id}
          onPublished={(a) => {
            setVersion((v) => v + 1)
            setTab('activities')
            Taro.showToast({ title: '已发布', icon: 'success' })
            openActivity(a.id)
          }}
        />
      ) : null}
      {tab === 'members' ? <MembersTab orgId={org.id} /> : null}
    </View>
  )
}
