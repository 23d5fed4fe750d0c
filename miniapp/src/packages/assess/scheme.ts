import type { Assessment, AssessmentMetric, CreateAssessmentRequest, IndicatorKind } from '@xianfeng/shared'
import { AssessmentMetricDefaultFullAt, AssessmentMetrics, Limits } from '@xianfeng/shared'

export const METRICS = AssessmentMetrics

/** How the full-marks level of a metric is written: rates as a share (1 = 100%). */
const FULL_AT_UNITS: Record<AssessmentMetric, string> = {
  commitment_fulfilment_rate: '比例，1 即 100%',
  wishes_completed_per_member: '每人个数',
  service_minutes_per_member: '每人分钟数',
  greeting_coverage: '比例，1 即 100%',
  review_average: '1–5 分',
}

/** The full-marks field's hint: the unit and the default when left blank. */
export function fullAtHint(m: AssessmentMetric): string {
  return `达到这个数得满分，不足按比例得分（${FULL_AT_UNITS[m]}）；不填按默认 ${AssessmentMetricDefaultFullAt[m]}。`
}

/** One indicator as typed. */
export interface IndicatorDraft {
  key: string
  name: string
  max: string
  kind: IndicatorKind
  metric: AssessmentMetric | null
  fullAt: string
}

/** The scheme as typed: numbers as text, star thresholds by star count (blank: that level unused). */
export interface SchemeDraft {
  title: string
  from: string
  to: string
  indicators: IndicatorDraft[]
  stars: Record<1 | 2 | 3 | 4 | 5, string>
}

export const STAR_LEVELS = [5, 4, 3, 2, 1] as const

let keySeq = 0
/** A key for a new indicator, unique within the scheme. */
export function newIndicator(existing: IndicatorDraft[], kind: IndicatorKind = 'judged'): IndicatorDraft {
  let key: string
  do key = `k${existing.length + 1 + keySeq++}`
  while (existing.some((i) => i.key === key))
  return { key, name: '', max: '', kind, metric: kind === 'auto' ? METRICS[0] : null, fullAt: '' }
}

export function emptyScheme(year: number): SchemeDraft {
  const first = newIndicator([], 'auto')
  return {
    title: `${year}年度评星定级`,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    indicators: [{ ...first, name: '承诺践诺', max: '20' }, { ...newIndicator([first]), name: '组织建设', max: '80' }],
    stars: { 5: '90', 4: '80', 3: '70', 2: '60', 1: '' },
  }
}

export function draftOf(a: Assessment): SchemeDraft {
  const stars: SchemeDraft['stars'] = { 5: '', 4: '', 3: '', 2: '', 1: '' }
  for (const t of a.stars) stars[t.stars as 1 | 2 | 3 | 4 | 5] = String(t.min)
  return {
    title: a.title,
    from: a.from,
    to: a.to,
    indicators: a.indicators.map((i) => ({ key: i.key, name: i.name, max: String(i.max), kind: i.kind, metric: i.metric ?? null, fullAt: i.fullAt == null ? '' : String(i.fullAt) })),
    stars,
  }
}

const NUMBER = /^\d+(\.\d{1,2})?$/

/** The sum of the maxima typed so far (unreadable ones count 0). */
export function totalMax(d: SchemeDraft): number {
  return d.indicators.reduce((s, i) => s + (NUMBER.test(i.max.trim()) ? Number(i.max) : 0), 0)
}

/**
 * The scheme as the server takes it, or the words for each wrong field (`title`, `from`, `to`,
 * `indicators`, `indicators.N.name|max|metric|fullAt`, `stars`).
 */
export function schemeRequest(d: SchemeDraft): { request: CreateAssessmentRequest } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  if (!d.title.trim()) errors.title = '请填写方案名称'
  if (!d.from) errors.from = '请选择开始日期'
  if (!d.to) errors.to = '请选择结束日期'
  else if (d.from && d.to < d.from) errors.to = '结束日期不能早于开始日期'
  if (d.indicators.length === 0) errors.indicators = '至少需要一项指标'
  else if (d.indicators.length > Limits.assessment.indicators) errors.indicators = `最多 ${Limits.assessment.indicators} 项指标`
  const names = new Set<string>()
  const indicators = d.indicators.map((i, n) => {
    const name = i.name.trim()
    if (!name) errors[`indicators.${n}.name`] = '请填写指标名称'
    else if (names.has(name)) errors[`indicators.${n}.name`] = '指标名称重复'
    names.add(name)
    const max = i.max.trim()
    if (!NUMBER.test(max) || Number(max) <= 0) errors[`indicators.${n}.max`] = '分值须为大于 0 的数'
    if (i.kind === 'auto' && !i.metric) errors[`indicators.${n}.metric`] = '请选择计算依据'
    const fullAt = i.fullAt.trim()
    if (i.kind === 'auto' && fullAt && (!NUMBER.test(fullAt) || Number(fullAt) <= 0)) errors[`indicators.${n}.fullAt`] = '满分标准须为大于 0 的数'
    return {
      key: i.key,
      name,
      max: Number(max),
      kind: i.kind,
      ...(i.kind === 'auto' ? { metric: i.metric!, ...(fullAt ? { fullAt: Number(fullAt) } : {}) } : {}),
    }
  })
  const total = totalMax(d)
  const stars: CreateAssessmentRequest['stars'] = []
  let above: number | null = null
  for (const level of STAR_LEVELS) {
    const t = d.stars[level].trim()
    if (!t) continue
    if (!NUMBER.test(t)) {
      errors.stars ??= `${level} 星的分数线须为数字`
      continue
    }
    const min = Number(t)
    if (min > total) errors.stars ??= `${level} 星的分数线 ${min} 超过了满分 ${total}`
    else if (above !== null && min >= above) errors.stars ??= '星级越高，分数线须越高'
    above = min
    stars.push({ stars: level, min })
  }
  if (stars.length === 0 && !errors.stars) errors.stars = '至少设置一个星级的分数线'
  if (Object.keys(errors).length) return { errors }
  return { request: { title: d.title.trim(), from: d.from, to: d.to, indicators, stars: stars.sort((a, b) => a.stars - b.stars) } }
}
