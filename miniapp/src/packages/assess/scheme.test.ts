import { emptyScheme, newIndicator, schemeRequest, totalMax, type SchemeDraft } from './scheme'

const base = (): SchemeDraft => ({
  title: '2026年度评星定级',
  from: '2026-01-01',
  to: '2026-12-31',
  indicators: [
    { key: 'a', name: '承诺践诺', max: '30', kind: 'auto', metric: 'commitment_fulfilment_rate', fullAt: '' },
    { key: 'b', name: '组织建设', max: '70', kind: 'judged', metric: null, fullAt: '' },
  ],
  stars: { 5: '90', 4: '80', 3: '70', 2: '60', 1: '' },
})

describe('the assessment scheme as typed', () => {
  test('a complete scheme becomes the request: metric only on automatic indicators, thresholds lowest first', () => {
    const r = schemeRequest({ ...base(), indicators: [{ ...base().indicators[0], fullAt: '0.8' }, base().indicators[1]] })
    expect(r).toEqual({
      request: {
        title: '2026年度评星定级',
        from: '2026-01-01',
        to: '2026-12-31',
        indicators: [
          { key: 'a', name: '承诺践诺', max: 30, kind: 'auto', metric: 'commitment_fulfilment_rate', fullAt: 0.8 },
          { key: 'b', name: '组织建设', max: 70, kind: 'judged' },
        ],
        stars: [
          { stars: 2, min: 60 },
          { stars: 3, min: 70 },
          { stars: 4, min: 80 },
          { stars: 5, min: 90 },
        ],
      },
    })
  })

  test('each wrong field says what is wrong', () => {
    const d = base()
    d.title = ' '
    d.to = '2025-12-31'
    d.indicators[0] = { ...d.indicators[0], max: '0', metric: null }
    d.indicators[1] = { ...d.indicators[1], name: '' }
    expect(schemeRequest(d)).toEqual({
      errors: {
        title: '请填写方案名称',
        to: '结束日期不能早于开始日期',
        'indicators.0.max': '分值须为大于 0 的数',
        'indicators.0.metric': '请选择计算依据',
        'indicators.1.name': '请填写指标名称',
        // The full marks dropped to 70 with the first indicator's maximum.
        stars: '5 星的分数线 90 超过了满分 70',
      },
    })
  })

  test('star lines must rise with the stars and stay within the full marks', () => {
    expect(schemeRequest({ ...base(), stars: { 5: '80', 4: '85', 3: '', 2: '', 1: '' } })).toEqual({ errors: { stars: '星级越高，分数线须越高' } })
    expect(schemeRequest({ ...base(), stars: { 5: '120', 4: '', 3: '', 2: '', 1: '' } })).toEqual({ errors: { stars: '5 星的分数线 120 超过了满分 100' } })
    expect(schemeRequest({ ...base(), stars: { 5: '', 4: '', 3: '', 2: '', 1: '' } })).toEqual({ errors: { stars: '至少设置一个星级的分数线' } })
  })

  test('the full marks follow the maxima; new indicators get keys of their own', () => {
    expect(totalMax(base())).toBe(100)
    const s = emptyScheme(2026)
    const k = newIndicator(s.indicators)
    expect(s.indicators.map((i) => i.key)).not.toContain(k.key)
    expect('errors' in schemeRequest(s)).toBe(false)
  })
})
