/**
 * Calendar dates as the product means them: Asia/Shanghai (UTC+8, no daylight saving), whatever the
 * phone's own time zone says.
 */
const SHANGHAI_MS = 8 * 60 * 60 * 1000
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** Today in Shanghai, `YYYY-MM-DD`. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_MS).toISOString().slice(0, 10)
}

/** `YYYY-MM-DD` plus `days` (negative goes back). */
export function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** `周一` … `周日` for a `YYYY-MM-DD`. */
export function weekdayOf(ymd: string): string {
  return WEEKDAYS[new Date(`${ymd}T00:00:00Z`).getUTCDay()]
}

/** `2026-11-24` → `11月24日`. */
export function monthDay(ymd: string): string {
  const [, m, d] = ymd.split('-')
  return `${Number(m)}月${Number(d)}日`
}

/** 今天 / 明天 / 后天 for the next days, else nothing. */
export function relativeDay(ymd: string, today: string = shanghaiToday()): string | null {
  const n = daysBetween(today, ymd)
  return n === 0 ? '今天' : n === 1 ? '明天' : n === 2 ? '后天' : null
}

const pad = (n: number) => String(n).padStart(2, '0')

/** An ISO time as people read it: `今天 09:30`, `昨天 18:02`, `11月3日 09:30`, `2024年11月3日`. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const local = new Date(t + SHANGHAI_MS)
  const ymd = local.toISOString().slice(0, 10)
  const hm = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`
  const today = shanghaiToday(now)
  if (ymd === today) return `今天 ${hm}`
  if (ymd === addDays(today, -1)) return `昨天 ${hm}`
  if (ymd.slice(0, 4) === today.slice(0, 4)) return `${monthDay(ymd)} ${hm}`
  return `${ymd.slice(0, 4)}年${monthDay(ymd)}`
}
