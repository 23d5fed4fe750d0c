import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { useSession } from '../../../auth/session'
import { UnreadBadge } from '../../../components/HomeEntries'
import { EmptyState } from '../../../components/States'
import { useReviewCount } from '../../../hooks/useReviewCount'
import { openLogin } from '../../../utils/nav'
import { OrgHeader } from '../OrgHeader'
import { chooseStaffOrg, chosenStaffOrg, openStaffPage, staffOrgs } from '../../../utils/staff'
import '../staff.css'
import './index.css'

const TOOLS = [
  { page: 'review-queue', title: '待审核', desc: '心愿、承诺和待复核内容，就地通过或退回', mark: '审' },
  { page: 'dashboard', title: '比学赶超', desc: '本组织数据、下级排名，导出工作台账', mark: '比' },
  { page: 'occasions', title: '三色生日表', desc: '生日 · 政治生日 · 工龄，一键送祝福', mark: '生' },
  { page: 'greeting-settings', title: '祝福设置', desc: '贺卡模板、自动发送和发送时间', mark: '设' },
  { page: 'roster', title: '党员花名册', desc: '导入、编辑、调动党员，登记离开', mark: '册' },
  { page: 'service', title: '进社区', desc: '报到党员、服务活动与签到码、确认时长、一卡反馈', mark: '社' },
  { page: 'assessments', title: '评星定级', desc: '评星方案、自评与上级评分、公布星级榜', mark: '星' },
  { page: 'contest', title: '擂台比武', desc: '现场打分：评委码、大屏实时排名', mark: '擂' },
  { page: 'branch-commitment', title: '支部承诺', desc: '以本组织名义发布承诺，提交上级审核', mark: '诺' },
  { page: 'orgs', title: '组织管理', desc: '新建下级组织、修改名称', mark: '组' },
  { page: 'invite', title: '邀请工作人员', desc: '生成一次性邀请码和二维码', mark: '邀' },
] as const

/** 工作台: the staff tools for the organisation they serve (a picker when they serve several). */
export default function StaffHomePage() {
  const { token, user } = useSession()
  const orgs = staffOrgs(user)
  const [orgId, setOrgId] = useState(() => chosenStaffOrg(user)?.id ?? null)
  const org = orgs.find((o) => o.id === orgId) ?? orgs[0] ?? null
  const waiting = useReviewCount(org?.id)

  if (!token) {
    return (
      <View className="xf-page xf-staff">
        <EmptyState text="请先登录" hint="工作台供支部书记、组织委员等党务工作者使用。" />
        <View className="xf-section">
          <View className="xf-btn" hoverClass="xf-pressed" onClick={openLogin}>
            登录
          </View>
        </View>
      </View>
    )
  }
  if (!org) {
    return (
      <View className="xf-page xf-staff">
        <EmptyState text="您还不是党务工作者" hint="工作台供支部书记、组织委员等使用。如需开通，请联系上级组织。" />
        <View className="xf-section">
          <View className="xf-btn xf-btn--ghost" hoverClass="xf-pressed" onClick={() => Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/me/index' }))}>
            返回
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className="xf-page xf-staff">
      <OrgHeader
        org={org}
        orgs={orgs}
        onChange={(o) => {
          chooseStaffOrg(o.id)
          setOrgId(o.id)
        }}
      />
      <View className="xf-section">
        {TOOLS.map((t) => (
          <View key={t.page} className="xf-tool" data-testid={`staff-tool-${t.page}`} hoverClass="xf-pressed" onClick={() => openStaffPage(t.page, org.id)}>
            <View className="xf-tool__mark">{t.mark}</View>
            <View className="xf-tool__text">
              <Text className="xf-tool__title">{t.title}</Text>
              <Text className="xf-tool__desc">{t.desc}</Text>
            </View>
            {t.page === 'review-queue' ? <UnreadBadge count={waiting} testid="queue-badge" /> : null}
            <Text className="xf-tool__arrow">›</Text>
          </View>
        ))}
      </View>
      <Text className="xf-staff__scope">管理范围包括 {org.name} 及其下属组织</Text>
    </View>
  )
}
