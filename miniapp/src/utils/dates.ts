/**
 * Calendar dates as people read them. The arithmetic (today in Asia/Shanghai, adding days) is
 * shared's, the same the server uses.
 */
import { addDays, daysBetween, shanghaiDateOf, shanghaiTimeOf, todayInShanghai } from '@xianfeng/shared'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

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
export function relativeDay(ymd: string, today: string = todayInShanghai()): string | null {
  const n = daysBetween(today, ymd)
  return n === 0 ? '今天' : n === 1 ? '明天' : n === 2 ? '后天' : null
}

/** An ISO time as people read it: `今天 09:30`, `昨天 18:02`, `11月3日 09:30`, `2024年11月3日`. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const ymd = shanghaiDateOf(new Date(t))
  const hm = shanghaiTimeOf(new Date(t))
  const today = todayInShanghai(now)
  if (ymd === today) return `今天 ${hm}`
  if (ymd === addDays(today, -1)) return `昨天 ${hm}`
  if (ymd.slice(0, 4) === today.slice(0, 4)) return `${monthDay(ymd)} ${hm}`
  return `${ymd.slice(0, 4)}年${monthDay(ymd)}`
}
