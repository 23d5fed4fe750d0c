import { reviewPeriods } from './period'

test('review periods: this year, its quarters so far (newest first), last year', () => {
  expect(reviewPeriods('2026-11-24').map((p) => p.value)).toEqual(['2026', '2026Q4', '2026Q3', '2026Q2', '2026Q1', '2025'])
  expect(reviewPeriods('2026-02-01')).toEqual([
    { value: '2026', label: '2026年度' },
    { value: '2026Q1', label: '2026年第一季度' },
    { value: '2025', label: '2025年度' },
  ])
})
