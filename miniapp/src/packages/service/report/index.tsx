import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import type { Org, ServiceReport } from '@xianfeng/shared'
import { Limits, Pages, ServiceReportStatusLabels, shanghaiDateOf } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { formErrors } from '../../../api/errors'
import { describeServiceError, serviceApi } from '../../../api/service'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import { Gate } from '../../../components/Gate'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { formatDate } from '../../../utils/format'
import { openLogin } from '../../../utils/nav'
import { checkReport, parseSkills, type Errors, type ReportField } from '../forms'
import { SKILL_PRESETS, go } from '../labels'
import { REPORT_TONE } from '../staff/ReportsTab'
import '../../staff/staff.css'
import '../service.css'

/** The member's current report: its state, and ending it (to move to another community). */
function Current({ r, onChanged }: { r: ServiceReport; onChanged: () => void }) {
  const action = useAction<ServiceReport>({ describe: describeServiceError, onChanged, onStale: onChanged, staleCodes: ['INVALID_STATE_TRANSITION'] })
  return (
    <View className="xf-section" data-testid="current-report">
      <View className="xf-section__title">
        <Text>我的报到</Text>
      </View>
      <View className="xf-panel">
        <Alert>{action.error}</Alert>
        <View className="xf-svc__card-head">
          <Text className="xf-svc__card-title">{r.communityName}</Text>
          <Text className={`xf-tag xf-svc__tag xf-svc__tag--${REPORT_TONE[r.status]}`} data-testid="report-status">
            {ServiceReportStatusLabels[r.status]}
          </Text>
        </View>
        <Text className="xf-svc__line">小区：{r.residentialArea}</Text>
        {r.skills.length ? <Text className="xf-svc__line">特长：{r.skills.join('、')}</Text> : null}
        <Text className="xf-svc__line xf-svc__muted">{formatDate(shanghaiDateOf(r.createdAt))} 报到</Text>
        {r.status === 'pending' ? <Text className="xf-lead xf-svc__line">社区工作人员确认后，您就可以报名该社区的服务活动。</Text> : null}
        {r.status === 'active' ? (
          <View className="xf-svc__actions">
            <View className="xf-btn" hoverClass="xf-pressed" onClick={() => go(Pages.serviceActivities, { orgId: r.communityOrgId })}>
              社区的服务活动
            </View>
          </View>
        ) : null}
        {r.status === 'active' ? (
          <View className="xf-links">
            <Text
              className="xf-link xf-link--muted"
              onClick={() =>
                action.run('end', () => serviceApi.endReport(r.id), {
                  done: '已结束报到',
                  confirm: { title: '结束报到', content: '搬家或换社区时结束报到，原来的记录会保留。确定结束吗？' },
                })
              }
            >
              搬家了？结束报到
            </Text>
          </View>
        ) : null}
      </View>
    </View>
  )
}

/** Pick the community: by name (the organisation search), or the one in the link (a scanned board). */
function CommunityPicker({ value, onChange, error }: { value: Org | null; onChange: (o: Org | null) => void; error?: string }) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<Org[] | null>(null)
  const [searching, setSearching] = useState(false)
  const [searchError, setSearchError] = useState<string | null>(null)
  const search = async () => {
    if (!q.trim()) return
    setSearching(true)
    setSearchError(null)
    try {
      const page = await serviceApi.searchOrgs(q.trim())
      setFound(page.items.filter((o) => o.type === 'community'))
    } catch (e) {
      setSearchError(describeServiceError(e))
    } finally {
      setSearching(false)
    }
  }
  if (value) {
    return (
      <Field label="居住地社区" error={error}>
        <View className="xf-svc__option xf-svc__option--on" data-testid="chosen-community">
          <Text>{value.name}</Text>
        </View>
        <View className="xf-links">
          <Text className="xf-link xf-link--muted" onClick={() => onChange(null)}>
            换一个社区
          </Text>
        </View>
      </Field>
    )
  }
  return (
    <Field label="居住地社区" hint="输入社区名称中的几个字，例如“幸福里”" error={error ?? searchError}>
      <View className="xf-svc__times">
        <Input className="xf-svc__input" name="communityQuery" value={q} placeholder="搜索社区" onChange={setQ} onConfirm={search} />
        <View className="xf-btn xf-btn--sm" hoverClass="xf-pressed" onClick={search}>
          {searching ? '搜索中' : '搜索'}
        </View>
      </View>
      {found && found.length === 0 ? <Text className="xf-field__hint">没有找到名称相符的社区党组织</Text> : null}
      {found && found.length > 0 ? (
        <View className="xf-svc__options xf-svc__gap">
          {found.map((o) => (
            <View key={o.id} className="xf-svc__option" data-testid="community-option" hoverClass="xf-pressed" onClick={() => onChange(o)}>
              <Text>{o.name}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </Field>
  )
}

function ReportForm({ linkOrgId, onDone }: { linkOrgId: string | null; onDone: () => void }) {
  const linked = useAsync(async () => (linkOrgId ? api.org(linkOrgId) : null), [linkOrgId])
  const [community, setCommunity] = useState<Org | null>(null)
  const [area, setArea] = useState('')
  const [skills, setSkills] = useState<string[]>([])
  const [other, setOther] = useState('')
  const [errors, setErrors] = useState<Errors<ReportField>>({})
  const [banner, setBanner] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (linked.data && linked.data.type === 'community') setCommunity(linked.data)
  }, [linked.data])

  const toggle = (s: string) => setSkills((xs) => (xs.includes(s) ? xs.filter((x) => x !== s) : [...xs, s]))
  const submit = async () => {
    const all = [...skills, ...parseSkills(other).filter((s) => !skills.includes(s))]
    const checked = checkReport({ communityOrgId: community?.id ?? null, residentialArea: area, skills: all })
    if (!checked.ok) {
      setErrors(checked.errors)
      setBanner('还有内容没有填好，请看标红的地方')
      return
    }
    setErrors({})
    setBanner(null)
    setBusy(true)
    try {
      await serviceApi.report(checked.body)
      Taro.showToast({ title: '已提交报到', icon: 'success' })
      onDone()
    } catch (e) {
      const fe = formErrors(e, ['communityOrgId', 'residentialArea', 'skills'] as const, describeServiceError)
      setErrors(fe.fields)
      setBanner(fe.banner)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="xf-section">
      <View className="xf-section__title">
        <Text>到居住地社区报到</Text>
      </View>
      <View className="xf-panel" data-testid="report-form">
        <Text className="xf-lead">在职党员向居住地社区报到，参加社区志愿服务，服务情况会反馈给您所在的党支部。</Text>
        <Alert>{banner}</Alert>
        <CommunityPicker value={community} onChange={setCommunity} error={errors.communityOrgId} />
        <Field label="居住小区" error={errors.residentialArea}>
          <Input className="xf-svc__input" name="residentialArea" value={area} maxLength={Limits.service.residentialArea} placeholder="例如：幸福里小区 3 号楼" onChange={setArea} />
        </Field>
        <Field label="特长（选填）" hint="社区需要时会优先联系您" error={errors.skills}>
          <View className="xf-chips">
            {SKILL_PRESETS.map((s) => (
              <View key={s} className={`xf-chip ${skills.includes(s) ? 'xf-chip--on' : ''}`} onClick={() => toggle(s)}>
                {s}
              </View>
            ))}
          </View>
          <View className="xf-svc__line">
            <Input className="xf-svc__input" name="otherSkills" value={other} placeholder="其他特长，用逗号分开" onChange={setOther} />
          </View>
        </Field>
        <Button type="primary" size="large" block loading={busy} onClick={submit}>
          提交报到
        </Button>
      </View>
    </View>
  )
}

/** 报到: the member reports to the community where they live, sees the state, ends it to move. */
export default function ReportPage() {
  const router = useRouter()
  const linkOrgId = router.params.orgId ? decodeURIComponent(router.params.orgId) : null
  const { token, user } = useSession()
  const mine = useAsync(async () => (token && user?.member ? serviceApi.reports({ mine: true, limit: 20 }) : null), [token, user?.member?.id])

  if (!token) {
    return (
      <View className="xf-page xf-svc">
        <Gate mark="报" title="登录后到社区报到" hint="在职党员向居住地社区报到，就近参加志愿服务。" action="登录" onAction={openLogin} />
      </View>
    )
  }
  if (!user?.member) return <EmptyState text="绑定党员身份后才能报到" hint="请在“我的”页面用支部发的绑定码绑定党员身份。" />
  if (mine.status === 'loading') return <LoadingState />
  if (mine.status === 'error') return <ErrorState error={mine.error} onRetry={mine.reload} />
  const items = mine.data?.items ?? []
  const current = items.find((r) => r.status === 'pending' || r.status === 'active') ?? null
  const history = items.filter((r) => r !== current)

  return (
    <View className="xf-page xf-svc" data-testid="report-page">
      {current ? <Current r={current} onChanged={mine.refresh} /> : <ReportForm linkOrgId={linkOrgId} onDone={mine.refresh} />}
      <View className="xf-section">
        <View className="xf-btn xf-btn--ghost" hoverClass="xf-pressed" onClick={() => go(Pages.serviceRecord)}>
          我的服务记录
        </View>
      </View>
      {history.length > 0 ? (
        <View className="xf-section">
          <View className="xf-section__title">
            <Text>以往报到</Text>
          </View>
          <View className="xf-panel">
            {history.map((r) => (
              <View key={r.id} className="xf-svc__participant">
                <Text className="xf-svc__line">
                  {r.communityName} · {ServiceReportStatusLabels[r.status]}
                </Text>
                <Text className="xf-svc__line xf-svc__muted">
                  {formatDate(shanghaiDateOf(r.createdAt))}
                  {r.endedAt ? ` 至 ${formatDate(shanghaiDateOf(r.endedAt))}` : ''}
                  {r.declineReason ? ` · ${r.declineReason}` : ''}
                </Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  )
}
