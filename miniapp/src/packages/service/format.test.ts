import { activityTimes, clockSpanMinutes, formatMinutes, formatRange, hoursFigure, periodLabel, ratingPeriods } from './format'

describe('formatMinutes: service time as people read it', () => {
  test.each([
    [0, '0 分钟'],
    [45, '45 分钟'],
    [60, '1 小时'],
    [150, '2 小时 30 分'],
    [null, '0 分钟'],
    [-5, '0 分钟'],
  ])('%p → %s', (m, text) => expect(formatMinutes(m)).toBe(text))

  test('hoursFigure keeps one decimal', () => {
    expect(hoursFigure(750)).toBe('12.5')
    expect(hoursFigure(100)).toBe('1.7')
    expect(hoursFigure(0)).toBe('0')
  })
})

describe('activity times in Beijing time', () => {
  test('a morning activity stays on its day', () => {
    expect(activityTimes('2026-12-05', '09:00', '11:30')).toEqual({ startsAt: '2026-12-05T09:00:00+08:00', endsAt: '2026-12-05T11:30:00+08:00' })
    expect(clockSpanMinutes('09:00', '11:30')).toBe(150)
  })

  test('an end before the start is the next morning (a night patrol), also across a month end', () => {
    expect(activityTimes('2026-12-31', '22:00', '02:00')).toEqual({ startsAt: '2026-12-31T22:00:00+08:00', endsAt: '2027-01-01T02:00:00+08:00' })
    expect(clockSpanMinutes('22:00', '02:00')).toBe(240)
  })

  test('formatRange shows one day, or both when it runs past midnight, whatever the phone zone', () => {
    expect(formatRange('2026-12-05T01:00:00Z', '2026-12-05T03:00:00Z')).toBe('12月5日 周六 09:00–11:00')
    expect(formatRange('2026-12-05T14:00:00Z', '2026-12-05T18:00:00Z')).toBe('12月5日 周六 22:00 – 12月6日 周日 02:00')
  })
})

describe('rating periods', () => {
  test('labels', () => {
    expect(periodLabel('2026Q4')).toBe('2026年第四季度')
    expect(periodLabel('2026')).toBe('2026年度')
  })
  test('the last four quarters wrap into the previous year, then this and last year', () => {
    // 2026-01-10 in Beijing is in Q1.
    expect(ratingPeriods(new Date('2026-01-10T00:00:00Z'))).toEqual(['2026Q1', '2025Q4', '2025Q3', '2025Q2', '2026', '2025'])
  })
  test('New Year in Beijing comes 8 hours before UTC', () => {
    expect(ratingPeriods(new Date('2025-12-31T17:00:00Z'))[0]).toBe('2026Q1')
  })
})
