import type { AssessmentIndicator, IndicatorScore, PutAssessmentScoresRequest } from '@xianfeng/shared'
import { parseScore } from '../../utils/score'

/** Who fills the sheet: the branch's own staff (self-scores with evidence) or the assessing organisation's staff. */
export type SheetRole = 'self' | 'superior'

export interface SheetDraft {
  scores: Record<string, string>
  evidence: Record<string, string>
  reason: string
}

export function sheetDraft(role: SheetRole, judged: AssessmentIndicator[], given: IndicatorScore[] | null): SheetDraft {
  const byKey = new Map((given ?? []).map((g) => [g.key, g]))
  const scores: Record<string, string> = {}
  const evidence: Record<string, string> = {}
  for (const i of judged) {
    const g = byKey.get(i.key)
    const v = role === 'self' ? g?.self : g?.superior
    scores[i.key] = v === null || v === undefined ? '' : String(v)
    evidence[i.key] = g?.evidence ?? ''
  }
  return { scores, evidence, reason: '' }
}

/** Superior scores already given that the draft changes: each such change needs a reason. */
export function changedSuperior(judged: AssessmentIndicator[], given: IndicatorScore[] | null, d: SheetDraft): string[] {
  const byKey = new Map((given ?? []).map((g) => [g.key, g]))
  return judged
    .filter((i) => {
      const before = byKey.get(i.key)?.superior
      const now = d.scores[i.key]?.trim()
      return before !== null && before !== undefined && now !== '' && Number(now) !== before
    })
    .map((i) => i.key)
}

/** The PUT body, or an error per field (`scores.<key>`, `reason`). Blank scores are left out (not yet scored). */
export function sheetRequest(role: SheetRole, judged: AssessmentIndicator[], given: IndicatorScore[] | null, d: SheetDraft): { request: PutAssessmentScoresRequest } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const scores: Record<string, number> = {}
  for (const i of judged) {
    const t = d.scores[i.key] ?? ''
    if (!t.trim()) continue
    const v = parseScore(t, i.max)
    if (typeof v === 'string') errors[`scores.${i.key}`] = v
    else scores[i.key] = v
  }
  if (Object.keys(scores).length === 0 && Object.keys(errors).length === 0) errors.scores = '请至少填写一项分数'
  if (role === 'superior' && changedSuperior(judged, given, d).length > 0 && !d.reason.trim()) errors.reason = '修改已给出的分数，请写明原因'
  if (Object.keys(errors).length) return { errors }
  if (role === 'self') {
    const evidence = Object.fromEntries(judged.map((i) => [i.key, d.evidence[i.key]?.trim() ?? '']).filter(([, v]) => v))
    return { request: { self: scores, ...(Object.keys(evidence).length ? { evidence } : {}) } }
  }
  return { request: { superior: scores, ...(d.reason.trim() ? { reason: d.reason.trim() } : {}) } }
}
