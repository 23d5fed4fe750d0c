import { addDays, shanghaiDateOf, shanghaiTimeOf } from '@xianfeng/shared'

const WEEKDAYS = '日一二三四五六'

/** Service time as people say it: `45 分钟`, `2 小时`, `2 小时 30 分`. */
export function formatMinutes(minutes: number | null | undefined): string {
  const m = Math.max(0, Math.round(minutes ?? 0))
  if (m < 60) return `${m} 分钟`
  const h = Math.floor(m / 60)
  const rest = m % 60
  return rest ? `${h} 小时 ${rest} 分` : `${h} 小时`
}

/** Hours with at most one decimal, for the big figure on the record (`12.5`). */
export function hoursFigure(minutes: number | null | undefined): string {
  const h = Math.max(0, minutes ?? 0) / 60
  return String(Math.round(h * 10) / 10)
}

function dayLabel(ymd: string): string {
  const [, m, d] = ymd.split('-').map(Number)
  const weekday = new Date(`${ymd}T00:00:00Z`).getUTCDay()
  return `${m}月${d}日 周${WEEKDAYS[weekday]}`
}

/**
 * When an activity runs, in Beijing time: `12月5日 周六 09:00–11:00`, or with both days when it
 * runs past midnight: `12月5日 周六 22:00 – 12月6日 周日 02:00`.
 */
export function formatRange(startsAt: string, endsAt: string): string {
  const d1 = shanghaiDateOf(startsAt)
  const d2 = shanghaiDateOf(endsAt)
  if (d1 === d2) return `${dayLabel(d1)} ${shanghaiTimeOf(startsAt)}–${shanghaiTimeOf(endsAt)}`
  return `${dayLabel(d1)} ${shanghaiTimeOf(startsAt)} – ${dayLabel(d2)} ${shanghaiTimeOf(endsAt)}`
}

/** A clock time of the day, `HH:mm`. */
export function formatClock(iso: string | null | undefined): string {
  return iso ? shanghaiTimeOf(iso) : '—'
}

/**
 * Start and end as ISO times in Beijing time from a day and two clock times. An end at or before
 * the start means the next day (a night patrol 22:00–02:00).
 */
export function activityTimes(day: string, start: string, end: string): { startsAt: string; endsAt: string } {
  const endDay = end <= start ? addDays(day, 1) : day
  return { startsAt: `${day}T${start}:00+08:00`, endsAt: `${endDay}T${end}:00+08:00` }
}

/** The minutes between two `HH:mm` the way {@link activityTimes} reads them. */
export function clockSpanMinutes(start: string, end: string): number {
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5))
  const diff = toMin(end) - toMin(start)
  return diff > 0 ? diff : diff + 24 * 60
}

/** The current year and quarter in Beijing time as rating periods: `2026`, `2026Q4`. */
export function currentPeriods(now: Date = new Date()): { year: string; quarter: string } {
  const [y, m] = shanghaiDateOf(now).split('-').map(Number)
  return { year: String(y), quarter: `${y}Q${Math.ceil(m / 3)}` }
}

/** `2026Q4` → `2026年第四季度`, `2026` → `2026年度`. */
export function periodLabel(period: string): string {
  const m = /^(\d{4})(?:Q([1-4]))?$/.exec(period)
  if (!m) return period
  return m[2] ? `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度` : `${m[1]}年度`
}

/** The periods staff may rate: this and the last four quarters, this and last year, newest first. */
export function ratingPeriods(now: Date = new Date()): string[] {
  const { year, quarter } = currentPeriods(now)
  let y = Number(year)
  let q = Number(quarter.slice(-1))
  const quarters: string[] = []
  for (let i = 0; i < 4; i++) {
    quarters.push(`${y}Q${q}`)
    q -= 1
    if (q === 0) {
      q = 4
      y -= 1
    }
  }
  return [...quarters, year, String(Number(year) - 1)]
}
