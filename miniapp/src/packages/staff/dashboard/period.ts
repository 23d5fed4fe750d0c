/**
 * The dashboard's periods as Asia/Shanghai calendar dates (shared's date helpers, the same the
 * server counts with). A current period (本月, 本季度, 本年) runs from its first day to today.
 */
import { addDays, daysBetween, parseYmd, todayInShanghai } from '@xianfeng/shared'

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom'

export const PERIOD_CHOICES: ReadonlyArray<{ kind: PeriodKind; label: string }> = [
  { kind: 'month', label: '本月' },
  { kind: 'quarter', label: '本季度' },
  { kind: 'year', label: '本年' },
  { kind: 'custom', label: '自定义' },
]

/** Both ends included, `YYYY-MM-DD`. */
export interface Period {
  from: string
  to: string
}

/** The longest custom period the server's monthly chart takes is 36 months; keep the picker to 3 years. */
export const MAX_CUSTOM_DAYS = 3 * 366

const pad = (n: number) => String(n).padStart(2, '0')

/** The first day of the month `offset` months from the month of `ymd`. */
export function monthStart(ymd: string, offset = 0): string {
  const d = parseYmd(ymd)
  if (!d) throw new Error(`not a date: ${ymd}`)
  const index = d.year * 12 + (d.month - 1) + offset
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`
}

/** The current month, quarter or year up to today. */
export function currentPeriod(kind: Exclude<PeriodKind, 'custom'>, today: string = todayInShanghai()): Period {
  const d = parseYmd(today)
  if (!d) throw new Error(`not a date: ${today}`)
  if (kind === 'month') return { from: monthStart(today), to: today }
  if (kind === 'quarter') return { from: `${d.year}-${pad(Math.floor((d.month - 1) / 3) * 3 + 1)}-01`, to: today }
  return { from: `${d.year}-01-01`, to: today }
}

/** What is wrong with a custom period, in words; null when it can be asked for. */
export function customPeriodError(from: string, to: string, today: string = todayInShanghai()): string | null {
  if (!from || !to) return '请选择开始和结束日期'
  if (!parseYmd(from) || !parseYmd(to)) return '日期格式不正确'
  if (from > to) return '开始日期不能晚于结束日期'
  if (from > today) return '开始日期不能晚于今天'
  if (daysBetween(from, to) >= MAX_CUSTOM_DAYS) return '时间段最长 3 年'
  return null
}

/**
 * The months the line chart covers: the period's months, but at least the six months up to its end
 * (one point is not a trend), and at most 36 (what the server draws).
 */
export function chartPeriod(p: Period): Period {
  const sixBack = monthStart(p.to, -5)
  const limit = monthStart(p.to, -35)
  let from = p.from < sixBack ? monthStart(p.from) : sixBack
  if (from < limit) from = limit
  return { from, to: p.to }
}

/** `2026年10月1日 – 12月3日`, the year said once when both ends share it. */
export function periodText(p: Period): string {
  const a = parseYmd(p.from)
  const b = parseYmd(p.to)
  if (!a || !b) return ''
  const end = a.year === b.year ? `${b.month}月${b.day}日` : `${b.year}年${b.month}月${b.day}日`
  return `${a.year}年${a.month}月${a.day}日 – ${end}`
}

/** Days in the period, both ends counted (for the caption). */
export function periodDays(p: Period): number {
  return daysBetween(p.from, addDays(p.to, 1))
}
