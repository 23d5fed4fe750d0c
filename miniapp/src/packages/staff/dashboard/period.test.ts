import { todayInShanghai } from '@xianfeng/shared'
import { chartPeriod, currentPeriod, customPeriodError, monthStart, periodDays, periodText } from './period'

describe('the dashboard periods (Asia/Shanghai dates)', () => {
  test('本月, 本季度 and 本年 run from their first day to today', () => {
    expect(currentPeriod('month', '2026-12-03')).toEqual({ from: '2026-12-01', to: '2026-12-03' })
    expect(currentPeriod('quarter', '2026-12-03')).toEqual({ from: '2026-10-01', to: '2026-12-03' })
    expect(currentPeriod('year', '2026-12-03')).toEqual({ from: '2026-01-01', to: '2026-12-03' })
  })

  test('quarters start in January, April, July and October', () => {
    expect(currentPeriod('quarter', '2026-01-01').from).toBe('2026-01-01')
    expect(currentPeriod('quarter', '2026-03-31').from).toBe('2026-01-01')
    expect(currentPeriod('quarter', '2026-04-01').from).toBe('2026-04-01')
    expect(currentPeriod('quarter', '2026-06-30').from).toBe('2026-04-01')
    expect(currentPeriod('quarter', '2026-07-15').from).toBe('2026-07-01')
    expect(currentPeriod('quarter', '2026-09-30').from).toBe('2026-07-01')
    expect(currentPeriod('quarter', '2026-10-01').from).toBe('2026-10-01')
  })

  test('today is the Shanghai day: 23:30 UTC on 31 December is already next year in Shanghai', () => {
    const today = todayInShanghai(new Date('2026-12-31T23:30:00Z'))
    expect(currentPeriod('year', today)).toEqual({ from: '2027-01-01', to: '2027-01-01' })
    expect(currentPeriod('quarter', today).from).toBe('2027-01-01')
  })

  test('months step across year ends', () => {
    expect(monthStart('2026-03-31', -5)).toBe('2025-10-01')
    expect(monthStart('2026-12-15', 1)).toBe('2027-01-01')
    expect(monthStart('2026-01-10', -12)).toBe('2025-01-01')
  })

  test('a custom period must be whole, in order, not starting in the future, at most three years', () => {
    const today = '2026-12-03'
    expect(customPeriodError('', '2026-12-01', today)).toBe('请选择开始和结束日期')
    expect(customPeriodError('2026-12-02', '2026-12-01', today)).toBe('开始日期不能晚于结束日期')
    expect(customPeriodError('2026-12-04', '2026-12-05', today)).toBe('开始日期不能晚于今天')
    expect(customPeriodError('2023-01-01', '2026-12-01', today)).toBe('时间段最长 3 年')
    expect(customPeriodError('2026-02-30', '2026-03-01', today)).toBe('日期格式不正确')
    expect(customPeriodError('2026-12-01', '2026-12-01', today)).toBeNull()
    expect(customPeriodError('2024-01-01', '2026-12-03', today)).toBeNull()
  })

  test('the line chart shows at least six months up to the period end and at most 36', () => {
    expect(chartPeriod({ from: '2026-12-01', to: '2026-12-03' })).toEqual({ from: '2026-07-01', to: '2026-12-03' })
    expect(chartPeriod({ from: '2026-01-01', to: '2026-12-03' })).toEqual({ from: '2026-01-01', to: '2026-12-03' })
    expect(chartPeriod({ from: '2025-03-15', to: '2026-12-03' })).toEqual({ from: '2025-03-01', to: '2026-12-03' })
    expect(chartPeriod({ from: '2020-01-01', to: '2026-12-03' })).toEqual({ from: '2024-01-01', to: '2026-12-03' })
  })

  test('the caption says the period the Chinese way, the year once when it is shared', () => {
    expect(periodText({ from: '2026-10-01', to: '2026-12-03' })).toBe('2026年10月1日 – 12月3日')
    expect(periodText({ from: '2025-11-01', to: '2026-01-31' })).toBe('2025年11月1日 – 2026年1月31日')
    expect(periodDays({ from: '2026-10-01', to: '2026-12-03' })).toBe(64)
    expect(periodDays({ from: '2026-12-03', to: '2026-12-03' })).toBe(1)
  })
})
