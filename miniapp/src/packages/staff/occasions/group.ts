import type { GreetingKind, Occasion, OccasionKind } from '@xianfeng/shared'
import { OccasionKindLabels } from '@xianfeng/shared'

export const OCCASION_LABELS = OccasionKindLabels

/** What the years mean per kind: age, years in the Party, years at work. */
export function occasionYears(o: Pick<Occasion, 'kind' | 'years'>): string {
  if (o.kind === 'birthday') return `${o.years} 岁`
  if (o.kind === 'political_birthday') return `党龄 ${o.years} 年`
  return `工龄 ${o.years} 年`
}

export function occasionKey(o: Pick<Occasion, 'memberId' | 'kind' | 'on'>): string {
  return `${o.memberId}|${o.kind}|${o.on}`
}

export interface DayGroup {
  date: string
  items: Occasion[]
}

/** Occasions by date, dates in order; within a day 政治生日, 生日, 工龄, then by name (as the server sends). */
export function groupByDate(items: Occasion[]): DayGroup[] {
  const days = new Map<string, Occasion[]>()
  for (const o of items) {
    const list = days.get(o.on)
    if (list) list.push(o)
    else days.set(o.on, [o])
  }
  return [...days.keys()].sort().map((date) => ({ date, items: days.get(date)! }))
}

/** Whether a greeting kind (not a work anniversary). */
export function isGreetingKind(kind: OccasionKind): kind is GreetingKind {
  return kind === 'birthday' || kind === 'political_birthday'
}

/**
 * Whether staff can send this one now: a birthday or political birthday, not yet greeted, and in this
 * year (the server files a greeting under the current year, so next January's waits for January).
 */
export function canGreet(o: Occasion, today: string): boolean {
  return isGreetingKind(o.kind) && !o.greeting && o.on.slice(0, 4) === today.slice(0, 4)
}

export function countByKind(items: Occasion[]): Record<OccasionKind, number> {
  const c: Record<OccasionKind, number> = { birthday: 0, political_birthday: 0, work_anniversary: 0 }
  for (const o of items) c[o.kind]++
  return c
}
