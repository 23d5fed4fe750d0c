import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Assessment, AssessmentResult, AssessmentScoreSheet } from '@xianfeng/shared'
import { AssessmentMetricLabels, AssessmentStatusLabels, Limits, Pages, pageUrl } from '@xianfeng/shared'
import { assessApi } from '../../../api/assessment'
import { describeError } from '../../../api/errors'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { formatScore } from '../../../utils/score'
import { formatTime } from '../../../utils/dates'
import { changedSuperior, sheetDraft, sheetRequest, type SheetDraft, type SheetRole } from '../sheet'
import { StarRow } from '../StarRow'
import '../../staff/staff.css'
import '../assess.css'
import './index.css'

/** The assessment, and its results when the caller is staff of the assessing organisation (null: not theirs to see). */
async function load(id: string): Promise<{ a: Assessment; results: AssessmentResult[] | null }> {
  const a = await assessApi.get(id)
  const results = a.viewer.staff ? await assessApi.results(id) : null
  return { a, results }
}

/** One child's sheet, loaded fresh (its scores, evidence and the history of changed superior scores). */
function Sheet(props: { a: Assessment; orgId: string; role: SheetRole; onSaved: () => void; onBack: (() => void) | null }) {
  const sheet = useAsync(() => assessApi.sheet(props.a.id, props.orgId), [props.a.id, props.orgId])
  if (sheet.status === 'loading') return <LoadingState />
  if (sheet.status === 'error') return <ErrorState error={sheet.error} onRetry={sheet.reload} />
  return <SheetForm {...props} given={sheet.data} onSaved={(s) => (sheet.setData(s), props.onSaved())} />
}

function SheetForm({ a, orgId, role, given, onSaved, onBack }: { a: Assessment; orgId: string; role: SheetRole; given: AssessmentScoreSheet; onSaved: (s: AssessmentScoreSheet) => void; onBack: (() => void) | null }) {
  const judged = a.indicators.filter((i) => i.kind === 'judged')
  const orgName = given.name
  const [d, setD] = useState<SheetDraft>(() => sheetDraft(role, judged, given.indicators))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const save = useAction<AssessmentScoreSheet>({
    describe: describeError,
    onChanged: (s) => {
      setD(sheetDraft(role, judged, s.indicators))
      onSaved(s)
    },
  })
  const changed = role === 'superior' ? changedSuperior(judged, given.indicators, d) : []
  const locked = a.status !== 'started'

  const submit = () => {
    const r = sheetRequest(role, judged, given.indicators, d)
    if ('errors' in r) return setErrors(r.errors)
    setErrors({})
    void save.run('save', () => assessApi.saveScores(a.id, orgId, r.request), { done: '分数已保存' })
  }

  return (
    <View className="xf-section" data-testid={`sheet-${role}`}>
      <View className="xf-section__title">
        <Text>
          {orgName} · {role === 'self' ? '自评' : '上级评分'}
        </Text>
        {onBack ? (
          <Text className="xf-section__action" onClick={onBack}>
            ‹ 返回结果
          </Text>
        ) : null}
      </View>
      {locked ? <Alert role="status">{a.status === 'published' ? '结果已公布，分数不能再修改。' : '评分尚未开始。'}</Alert> : null}
      <Alert>{save.error ?? errors.scores}</Alert>
      <View className="xf-panel xf-sheet__item xf-sheet__sum">
        <Text>
          当前总分 <Text className="xf-sheet__sum-value">{formatScore(given.total)}</Text> / {formatScore(a.maxTotal)}
        </Text>
        <StarRow stars={given.stars} />
      </View>
      {a.indicators.map((i) => {
        const g = given.indicators.find((x) => x.key === i.key)
        if (i.kind === 'auto') {
          return (
            <View key={i.key} className="xf-panel xf-sheet__item">
              <Text className="xf-sheet__name">{i.name}</Text>
              <Text className="xf-field__hint">
                自动计算 · {i.metric ? AssessmentMetricLabels[i.metric] : ''} · 满分 {formatScore(i.max)}
                {g?.auto !== undefined ? ` · 得 ${formatScore(g.auto)} 分` : ''}
              </Text>
            </View>
          )
        }
        return (
          <View key={i.key} className="xf-panel xf-sheet__item" data-testid={`sheet-item-${i.key}`}>
            <Text className="xf-sheet__name">{i.name}</Text>
            <Text className="xf-field__hint">满分 {formatScore(i.max)}</Text>
            {role === 'superior' ? (
              <View className="xf-sheet__ref">
                <Text>自评：{g?.self === null || g?.self === undefined ? '未填' : `${formatScore(g.self)} 分`}</Text>
                {g?.evidence ? <Text className="xf-sheet__evidence">佐证：{g.evidence}</Text> : null}
              </View>
            ) : null}
            <Field label={role === 'self' ? '自评分' : '评分'} error={errors[`scores.${i.key}`]}>
              <Input
                className="xf-input"
                type="digit"
                name={`score-${i.key}`}
                value={d.scores[i.key]}
                disabled={locked}
                maxlength={6}
                placeholder={`0–${formatScore(i.max)}`}
                onInput={(x) => setD((s) => ({ ...s, scores: { ...s.scores, [i.key]: x.detail.value } }))}
              />
            </Field>
            {role === 'self' ? (
              <Field label="佐证材料" hint="写明做了什么、在哪里能查到（活动记录、承诺、心愿编号等）。">
                <TextArea className="xf-nut-textarea" value={d.evidence[i.key]} maxLength={Limits.assessment.evidence} showCount disabled={locked} placeholder="例如 全年开展主题党日 12 次，见亮承诺“支部全年开展 12 次主题党日”" onChange={(v) => setD((s) => ({ ...s, evidence: { ...s.evidence, [i.key]: v } }))} />
              </Field>
            ) : null}
          </View>
        )
      })}
      {changed.length > 0 ? (
        <View className="xf-panel xf-sheet__item" data-testid="sheet-reason">
          <Field label="修改原因" hint="修改已给出的分数会记录修改人和原因。" error={errors.reason}>
            <TextArea className="xf-nut-textarea" value={d.reason} maxLength={Limits.assessment.reason} showCount placeholder="例如 核实后主题党日只开展 10 次" onChange={(v) => setD((s) => ({ ...s, reason: v }))} />
          </Field>
        </View>
      ) : null}
      {!locked ? (
        <Button type="primary" size="large" block loading={save.busy === 'save'} onClick={submit}>
          保存{role === 'self' ? '自评' : '评分'}
        </Button>
      ) : null}
      {given.history.length > 0 ? (
        <View className="xf-panel xf-sheet__history" data-testid="sheet-history">
          <Text className="xf-sheet__name">改分记录</Text>
          {given.history.map((h, n) => (
            <Text key={n} className="xf-sheet__history-row">
              {formatTime(h.at)} {h.byName ?? '上级'}将“{a.indicators.find((i) => i.key === h.key)?.name ?? h.key}”由 {formatScore(h.from)} 改为 {formatScore(h.to)}：{h.reason}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function Results({ a, results, onScore, onPublished }: { a: Assessment; results: AssessmentResult[]; onScore: (r: AssessmentResult) => void; onPublished: () => void }) {
  const publish = useAction<unknown>({ describe: describeError, onChanged: onPublished })
  const [open, setOpen] = useState<string | null>(null)
  return (
    <View className="xf-section">
      <View className="xf-section__title">评分结果（{AssessmentStatusLabels[a.status]}）</View>
      <Alert>{publish.error}</Alert>
      {results.length === 0 ? <EmptyState text="没有下级组织" hint="评星定级评的是本组织的下级组织。" /> : null}
      {results.map((r) => {
        return (
          <View key={r.orgId} className="xf-panel xf-sheet__result" data-testid="result-row">
            <View className="xf-starboard__row xf-sheet__result-head" hoverClass="xf-pressed" onClick={() => setOpen(open === r.orgId ? null : r.orgId)}>
              <Text className="xf-starboard__place">{r.rank}</Text>
              <View className="xf-starboard__main">
                <Text className="xf-starboard__name">{r.name}</Text>
                <StarRow stars={r.stars} />
              </View>
              <View className="xf-starboard__total">
                <Text className="xf-starboard__total-value">{formatScore(r.total)}</Text>
                <Text className="xf-starboard__total-unit">总分</Text>
              </View>
              <Text className={`xf-sheet__fold${open === r.orgId ? ' xf-sheet__fold--open' : ''}`}>›</Text>
            </View>
            {open === r.orgId ? (
              <View className="xf-sheet__detail">
                {a.indicators.map((i) => {
                  const g = r.indicators.find((x) => x.key === i.key)
                  return (
                    <View key={i.key} className="xf-sheet__detail-row">
                      <Text className="xf-sheet__detail-name">{i.name}</Text>
                      <Text className="xf-sheet__detail-src">
                        {i.kind === 'auto' ? '自动' : `自评 ${formatScore(g?.self)} · 上级 ${formatScore(g?.superior)}`}
                      </Text>
                      <Text className="xf-sheet__detail-score">
                        {formatScore(g?.score)}/{formatScore(i.max)}
                      </Text>
                    </View>
                  )
                })}
                {a.status === 'started' ? (
                  <Button type="primary" size="small" fill="outline" onClick={() => onScore(r)}>
                    评分
                  </Button>
                ) : null}
              </View>
            ) : null}
          </View>
        )
      })}
      {a.status === 'started' && results.length > 0 ? (
        <Button
          type="primary"
          size="large"
          block
          loading={publish.busy === 'publish'}
          onClick={() => publish.run('publish', () => assessApi.publish(a.id), { done: '结果已公布', confirm: { title: '公布结果', content: '公布后结果进入星级榜向群众公开，分数不能再修改。' } })}
        >
          公布结果
        </Button>
      ) : null}
      {a.status === 'published' ? (
        <Button type="primary" size="large" block fill="outline" onClick={() => Taro.navigateTo({ url: pageUrl(Pages.starBoard, { orgId: a.orgId }) })}>
          查看星级榜
        </Button>
      ) : null}
    </View>
  )
}

/**
 * 评分: the assessing organisation's staff see every child's totals and stars, score the judged
 * indicators and publish; a child's own staff fill in their self-assessment (`?orgId=` their branch).
 */
export default function AssessmentScoresPage() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const data = useAsync(async () => (id ? load(id) : null), [id])
  const [selected, setSelected] = useState<string | null>(null)
  const [selfOrg, setSelfOrg] = useState<string | null>(router.params.orgId ? decodeURIComponent(router.params.orgId) : null)

  if (!id) return <EmptyState text="没有指定评星方案" />
  if (data.status === 'loading') return <LoadingState />
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />
  if (!data.data) return null
  const { a, results } = data.data
  // A grant on a child itself: that child's self-assessment (the first one, unless the link names another).
  const selfTarget = a.viewer.selfOrgIds.find((o) => o === selfOrg) ?? (a.viewer.staff ? null : a.viewer.selfOrgIds[0] ?? null)
  const others = a.viewer.selfOrgIds.filter((o) => o !== selfTarget)

  return (
    <View className="xf-page xf-staff xf-assess" data-testid="assessment-scores">
      <View className="xf-staff__org">
        <Text className="xf-staff__org-label">
          评星定级 · {a.orgName} · {AssessmentStatusLabels[a.status]}
        </Text>
        <Text className="xf-staff__org-name">{a.title}</Text>
        <Text className="xf-staff__org-label">
          {a.from} 至 {a.to} · 满分 {formatScore(a.maxTotal)}
        </Text>
      </View>
      {selfTarget ? (
        <Sheet key={`self-${selfTarget}`} a={a} orgId={selfTarget} role="self" onSaved={data.refresh} onBack={a.viewer.staff ? () => setSelfOrg(null) : null} />
      ) : selected && a.viewer.staff ? (
        <Sheet key={`sup-${selected}`} a={a} orgId={selected} role="superior" onSaved={data.refresh} onBack={() => setSelected(null)} />
      ) : results ? (
        <Results a={a} results={results} onScore={(r) => setSelected(r.orgId)} onPublished={data.refresh} />
      ) : (
        <EmptyState text="您不能查看这次评星定级" hint="结果由上级组织的党务工作者评定；本组织的党务工作者可以填写自评。" />
      )}
      {others.length > 0 && !selected ? (
        <View className="xf-section">
          {others.map((o) => (
            <Text key={o} className="xf-link" onClick={() => setSelfOrg(o)}>
              填写{a.children.find((c) => c.orgId === o)?.name ?? '其他组织'}的自评 ›
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
