/**
 * Scores as typed into a form (a judge's 0–100, an indicator's 0–max): text, so a half-typed number
 * is not thrown away, checked here before anything is sent.
 */

/** The score as a number, or the words for what is wrong. At most one decimal (92.5). */
export function parseScore(text: string, max: number): number | string {
  const t = text.trim()
  if (t === '') return `请填写 0–${max} 的分数`
  if (!/^\d+(\.\d)?$/.test(t)) return `只能填 0–${max} 的数，最多一位小数`
  const n = Number(t)
  return n > max ? `不能超过 ${max} 分` : n
}

/** One step of − / + or the slider, kept within 0–max (a step on 92.5 lands on a whole number). */
export function stepScore(text: string, delta: number, max: number): string {
  const n = Number(text)
  const base = text.trim() !== '' && Number.isFinite(n) ? n : delta > 0 ? 0 : max
  const next = delta > 0 ? Math.floor(base) + delta : Math.ceil(base) + delta
  return String(Math.min(max, Math.max(0, next)))
}

/** A score for display: whole numbers as they are, others with one decimal. */
export function formatScore(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}
