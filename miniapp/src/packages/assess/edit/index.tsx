import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import type { Assessment } from '@xianfeng/shared'
import { AssessmentMetricLabels, IndicatorKindLabels, Limits, Pages, pageUrl, todayInShanghai } from '@xianfeng/shared'
import { assessApi } from '../../../api/assessment'
import { describeError, formErrors } from '../../../api/errors'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { DateField } from '../../../components/DateField'
import { Field } from '../../../components/Field'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { formatScore } from '../../../utils/score'
import { pageOrg } from '../../../utils/staff'
import { OrgHeader } from '../../staff/OrgHeader'
import { METRICS, STAR_LEVELS, draftOf, emptyScheme, fullAtHint, newIndicator, schemeRequest, totalMax, type IndicatorDraft, type SchemeDraft } from '../scheme'
import '../../staff/staff.css'
import '../assess.css'
import './index.css'

/** A scheme that has started: what it is, read-only. */
function FrozenScheme({ a }: { a: Assessment }) {
  return (
    <View className="xf-section" data-testid="scheme-frozen">
      <View className="xf-assess__frozen">评分已开始，方案已冻结，不能再修改。</View>
      <View className="xf-panel">
        <Text className="xf-assess__title">{a.title}</Text>
        <Text className="xf-field__hint">
          {a.from} 至 {a.to} · 满分 {formatScore(a.maxTotal)}
        </Text>
        {a.indicators.map((i) => (
          <View key={i.key} className="xf-assess__ind-row">
            <Text className="xf-assess__ind-name">{i.name}</Text>
            <Text className="xf-assess__ind-kind">{i.kind === 'auto' && i.metric ? `${IndicatorKindLabels.auto} · ${AssessmentMetricLabels[i.metric]}` : IndicatorKindLabels[i.kind]}</Text>
            <Text className="xf-assess__ind-max">{formatScore(i.max)} 分</Text>
          </View>
        ))}
        <View className="xf-assess__lines">
          {[...a.stars].sort((x, y) => y.stars - x.stars).map((s) => (
            <Text key={s.stars} className="xf-assess__line">
              {'★'.repeat(s.stars)} ≥ {formatScore(s.min)}
            </Text>
          ))}
        </View>
      </View>
    </View>
  )
}

function IndicatorEditor({ d, n, errors, onChange, onRemove }: { d: IndicatorDraft; n: number; errors: Record<string, string>; onChange: (d: IndicatorDraft) => void; onRemove: () => void }) {
  const e = (f: string) => errors[`indicators.${n}.${f}`]
  return (
    <View className="xf-panel xf-assess__ind" data-testid="indicator">
      <View className="xf-assess__ind-head">
        <Text className="xf-assess__ind-no">指标 {n + 1}</Text>
        <Text className="xf-link" onClick={onRemove}>
          删除
        </Text>
      </View>
      <Field label="名称" error={e('name')}>
        <Input className="xf-input" name={`name-${n}`} value={d.name} maxlength={Limits.assessment.indicatorName} placeholder="例如 组织建设" onInput={(x) => onChange({ ...d, name: x.detail.value })} />
      </Field>
      <Field label="分值" error={e('max')}>
        <Input className="xf-input" type="digit" name={`max-${n}`} value={d.max} maxlength={6} placeholder="例如 20" onInput={(x) => onChange({ ...d, max: x.detail.value })} />
      </Field>
      <Field label="评分方式">
        <View className="xf-chips">
          {(['judged', 'auto'] as const).map((k) => (
            <View key={k} className={`xf-chip${d.kind === k ? ' xf-chip--on' : ''}`} hoverClass="xf-pressed" onClick={() => onChange({ ...d, kind: k, metric: k === 'auto' ? d.metric ?? METRICS[0] : null })}>
              {IndicatorKindLabels[k]}
            </View>
          ))}
        </View>
      </Field>
      {d.kind === 'auto' ? (
        <>
          <Field label="计算依据" error={e('metric')}>
            <Picker mode="selector" range={METRICS.map((m) => AssessmentMetricLabels[m])} value={Math.max(0, METRICS.indexOf(d.metric ?? METRICS[0]))} onChange={(x) => onChange({ ...d, metric: METRICS[Number(x.detail.value)] })}>
              <View className="xf-picker-field">
                <Text>{d.metric ? AssessmentMetricLabels[d.metric] : '请选择'}</Text>
                <Text className="xf-picker-field__arrow">▾</Text>
              </View>
            </Picker>
          </Field>
          <Field label="满分标准" hint={d.metric ? fullAtHint(d.metric) : undefined} error={e('fullAt')}>
            <Input className="xf-input" type="digit" name={`fullAt-${n}`} value={d.fullAt} maxlength={8} placeholder="默认" onInput={(x) => onChange({ ...d, fullAt: x.detail.value })} />
          </Field>
        </>
      ) : null}
    </View>
  )
}

function SchemeForm({ orgId, assessment }: { orgId: string; assessment: Assessment | null }) {
  const [d, setD] = useState<SchemeDraft>(() => (assessment ? draftOf(assessment) : emptyScheme(Number(todayInShanghai().slice(0, 4)))))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [banner, setBanner] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const start = useAction<Assessment>({ describe: describeError, onChanged: (a) => Taro.redirectTo({ url: pageUrl(Pages.assessmentScores, { id: a.id }) }) })

  const save = async (): Promise<Assessment | null> => {
    if (busy) return null
    const r = schemeRequest(d)
    setBanner(null)
    if ('errors' in r) {
      setErrors(r.errors)
      setBanner('填写的内容有误，请检查标红的项目')
      return null
    }
    setErrors({})
    setBusy(true)
    try {
      const saved = assessment ? await assessApi.update(assessment.id, r.request) : await assessApi.create(orgId, r.request)
      Taro.showToast({ title: '方案已保存', icon: 'success' })
      if (!assessment) Taro.redirectTo({ url: pageUrl(Pages.assessmentEdit, { id: saved.id }) })
      return saved
    } catch (e) {
      const failed = formErrors(e, ['title', 'from', 'to', 'indicators', 'stars'])
      setErrors(failed.fields as Record<string, string>)
      setBanner(failed.banner)
      return null
    } finally {
      setBusy(false)
    }
  }

  const setInd = (n: number, x: IndicatorDraft) => setD((s) => ({ ...s, indicators: s.indicators.map((i, k) => (k === n ? x : i)) }))
  return (
    <View className="xf-section" data-testid="scheme-form">
      <View className="xf-panel">
        <Alert>{banner ?? start.error}</Alert>
        <Field label="方案名称" error={errors.title}>
          <Input className="xf-input" name="title" value={d.title} maxlength={Limits.assessment.title} onInput={(x) => setD({ ...d, title: x.detail.value })} />
        </Field>
        <Field label="考核时段" hint="自动指标按这段时间的数据计算。" error={errors.from ?? errors.to}>
          <View className="xf-assess__dates">
            <View className="xf-assess__date-row">
              <Text className="xf-assess__dates-to">开始</Text>
              <DateField value={d.from} onChange={(from) => setD({ ...d, from })} placeholder="开始日期" />
            </View>
            <View className="xf-assess__date-row">
              <Text className="xf-assess__dates-to">结束</Text>
              <DateField value={d.to} start={d.from || undefined} onChange={(to) => setD({ ...d, to })} placeholder="结束日期" />
            </View>
          </View>
        </Field>
      </View>

      <View className="xf-section__title xf-assess__subtitle">
        <Text>考核指标（满分 {formatScore(totalMax(d))}）</Text>
        <Text className="xf-section__action" onClick={() => setD({ ...d, indicators: [...d.indicators, newIndicator(d.indicators)] })}>
          ＋ 添加指标
        </Text>
      </View>
      {errors.indicators ? <Text className="xf-field__error">{errors.indicators}</Text> : null}
      {d.indicators.map((i, n) => (
        <IndicatorEditor key={i.key} d={i} n={n} errors={errors} onChange={(x) => setInd(n, x)} onRemove={() => setD({ ...d, indicators: d.indicators.filter((_, k) => k !== n) })} />
      ))}

      <View className="xf-section__title xf-assess__subtitle">星级分数线</View>
      <View className="xf-panel">
        <Text className="xf-field__hint xf-assess__lines-hint">总分达到分数线即评为该星级；不用的星级留空。</Text>
        {STAR_LEVELS.map((level) => (
          <View key={level} className="xf-assess__star-line" data-testid={`star-line-${level}`}>
            <Text className="xf-assess__star-label">{'★'.repeat(level)}</Text>
            <Text className="xf-assess__star-ge">≥</Text>
            <Input className="xf-input xf-assess__star-input" type="digit" name={`stars-${level}`} value={d.stars[level]} maxlength={6} placeholder="不设" onInput={(x) => setD({ ...d, stars: { ...d.stars, [level]: x.detail.value } })} />
          </View>
        ))}
        {errors.stars ? <Text className="xf-field__error">{errors.stars}</Text> : null}
      </View>

      <View className="xf-assess__actions">
        <Button type="primary" size="large" block loading={busy} onClick={() => void save()}>
          保存方案
        </Button>
        {assessment ? (
          <View className="xf-assess__start">
            <Button
              type="primary"
              size="large"
              block
              fill="outline"
              loading={start.busy === 'start'}
              onClick={async () => {
                const saved = await save()
                if (saved) await start.run('start', () => assessApi.start(saved.id), { done: '评分已开始', confirm: { title: '开始评分', content: '开始后方案冻结，不能再修改指标和分数线。' } })
              }}
            >
              保存并开始评分
            </Button>
          </View>
        ) : null}
      </View>
    </View>
  )
}

/** 评星定级方案: `?orgId=` a new scheme over that organisation's children, `?id=` an existing one (read-only once started). */
export default function AssessmentEditPage() {
  const router = useRouter()
  const { user } = useSession()
  const id = router.params.id ? decodeURIComponent(router.params.id) : null
  const org = pageOrg(user, router.params.orgId)
  const loaded = useAsync(async () => (id ? assessApi.get(id) : null), [id])
  const [title, setTitle] = useState('新建评星方案')
  useEffect(() => {
    if (loaded.data) setTitle(loaded.data.status === 'draft' ? '编辑评星方案' : '评星方案')
  }, [loaded.data])

  if (!id && !org) return <EmptyState text="您还不是党务工作者" />
  if (loaded.status === 'loading') return <LoadingState />
  if (loaded.status === 'error') return <ErrorState error={loaded.error} onRetry={loaded.reload} />
  const a = loaded.data
  const orgId = a?.orgId ?? org!.id
  const orgName = a?.orgName || (org && org.id === orgId ? org.name : '') || '本组织'
  return (
    <View className="xf-page xf-staff xf-assess">
      <OrgHeader org={{ id: orgId, name: orgName }} label={title} />
      {a && a.status !== 'draft' ? (
        <>
          <FrozenScheme a={a} />
          <View className="xf-section">
            <Button type="primary" size="large" block onClick={() => Taro.navigateTo({ url: pageUrl(Pages.assessmentScores, { id: a.id }) })}>
              查看评分与结果
            </Button>
          </View>
        </>
      ) : (
        <SchemeForm orgId={orgId} assessment={a} />
      )}
    </View>
  )
}
