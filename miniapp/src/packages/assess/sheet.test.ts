import type { AssessmentIndicator, IndicatorScore } from '@xianfeng/shared'
import { changedSuperior, sheetDraft, sheetRequest } from './sheet'

const judged: AssessmentIndicator[] = [
  { key: 'b', name: '组织建设', max: 40, kind: 'judged' },
  { key: 'c', name: '服务群众', max: 30, kind: 'judged' },
]
const given: IndicatorScore[] = [
  { key: 'a', auto: 18, score: 18 },
  { key: 'b', self: 38, superior: 35, evidence: '全年 12 次主题党日', score: 35 },
  { key: 'c', self: 25, score: 0 },
]

describe('a scoring sheet', () => {
  test('the branch fills self-scores with evidence; blanks are not sent', () => {
    const d = sheetDraft('self', judged, given)
    expect(d.scores).toEqual({ b: '38', c: '25' })
    d.scores.c = ''
    d.evidence.b = ' 全年 12 次主题党日 '
    expect(sheetRequest('self', judged, given, d)).toEqual({ request: { self: { b: 38 }, evidence: { b: '全年 12 次主题党日' } } })
  })

  test('a score above the indicator’s maximum is refused before sending', () => {
    const d = sheetDraft('superior', judged, given)
    d.scores.c = '31'
    expect(sheetRequest('superior', judged, given, d)).toEqual({ errors: { 'scores.c': '不能超过 30 分' } })
  })

  test('a first superior score needs no reason; changing one already given does', () => {
    const d = sheetDraft('superior', judged, given)
    d.scores.c = '28'
    expect(changedSuperior(judged, given, d)).toEqual([])
    expect(sheetRequest('superior', judged, given, d)).toEqual({ request: { superior: { b: 35, c: 28 } } })
    d.scores.b = '30'
    expect(changedSuperior(judged, given, d)).toEqual(['b'])
    expect(sheetRequest('superior', judged, given, d)).toEqual({ errors: { reason: '修改已给出的分数，请写明原因' } })
    d.reason = '核实后主题党日只开展 10 次'
    expect(sheetRequest('superior', judged, given, d)).toEqual({ request: { superior: { b: 30, c: 28 }, reason: '核实后主题党日只开展 10 次' } })
  })

  test('an empty sheet says so', () => {
    expect(sheetRequest('self', judged, null, sheetDraft('self', judged, null))).toEqual({ errors: { scores: '请至少填写一项分数' } })
  })
})
