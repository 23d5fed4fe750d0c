/** An ISO time as people here read it, in Beijing time: `2025年3月5日 14:30`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return iso
  const s = new Date(t.getTime() + 8 * 3600_000).toISOString()
  return `${Number(s.slice(0, 4))}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日 ${s.slice(11, 16)}`
}
