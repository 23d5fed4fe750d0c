import type { RankingWeights } from '@xianfeng/shared'
import { RankingWeightKeys } from '@xianfeng/shared'

/** The weights as typed: text, so a half-typed number is not thrown away. */
export type WeightDrafts = Record<keyof RankingWeights, string>

export function draftsOf(w: RankingWeights): WeightDrafts {
  return Object.fromEntries(RankingWeightKeys.map((k) => [k, String(w[k])])) as WeightDrafts
}

/** A weight as the server takes it (0–100, at most three decimals), or the words for what is wrong. */
export function parseWeight(text: string): number | string {
  const t = text.trim()
  if (t === '') return '请填写 0–100 的数'
  if (!/^\d+(\.\d{1,3})?$/.test(t)) return '只能填 0–100 的数'
  const n = Number(t)
  return n > 100 ? '不能超过 100' : n
}

/** One step of the − / + buttons, kept within 0–100. */
export function stepWeight(text: string, delta: number): string {
  const n = Number(text)
  const base = Number.isFinite(n) ? n : 0
  return String(Math.min(100, Math.max(0, Math.round(base + delta))))
}

/** Every weight checked: the weights, or an error per field. */
export function parseWeights(d: WeightDrafts): { weights: RankingWeights } | { errors: Partial<Record<keyof RankingWeights, string>> } {
  const errors: Partial<Record<keyof RankingWeights, string>> = {}
  const weights = {} as RankingWeights
  for (const k of RankingWeightKeys) {
    const v = parseWeight(d[k])
    if (typeof v === 'string') errors[k] = v
    else weights[k] = v
  }
  return Object.keys(errors).length ? { errors } : { weights }
}
