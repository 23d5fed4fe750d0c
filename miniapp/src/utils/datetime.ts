import { shanghaiDateOf, shanghaiTimeOf } from '@xianfeng/shared'

/** An ISO time as people here read it, in Beijing time: `2025年3月5日 14:30`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return iso
  const [y, m, d] = shanghaiDateOf(t).split('-').map(Number)
  return `${y}年${m}月${d}日 ${shanghaiTimeOf(t)}`
}
