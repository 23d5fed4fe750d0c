import { todayInShanghai } from '@xianfeng/shared'

/** A review period as the server takes it: a year (`2026`) or a quarter (`2026Q4`). */
export interface ReviewPeriod {
  value: string
  label: string
}

/** The periods to choose from, newest first: this year's quarters so far, this year, last year. */
export function reviewPeriods(today: string = todayInShanghai()): ReviewPeriod[] {
  const year = Number(today.slice(0, 4))
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1
  const out: ReviewPeriod[] = [{ value: String(year), label: `${year}年度` }]
  for (let q = quarter; q >= 1; q--) out.push({ value: `${year}Q${q}`, label: `${year}年第${'一二三四'[q - 1]}季度` })
  out.push({ value: String(year - 1), label: `${year - 1}年度` })
  return out
}
