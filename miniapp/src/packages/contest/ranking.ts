import type { ContestLive, ContestLiveEntry } from '../../api/assessment'

export interface RankRow extends ContestLiveEntry {
  /** 1-based; equal scores share a place (1, 2, 2, 4). */
  place: number
  /** The bar's length, 0–100 (the score is out of 100). */
  percent: number
  current: boolean
}

/** The ranking as the server sent it (best first), with places, bar lengths and the presenter on stage marked. */
export function rankRows(live: Pick<ContestLive, 'ranking' | 'current'>): RankRow[] {
  let place = 0
  return live.ranking.map((r, i) => {
    if (i === 0 || r.score !== live.ranking[i - 1].score) place = i + 1
    return { ...r, place, percent: Math.max(0, Math.min(100, r.score)), current: r.orgId === live.current }
  })
}

/** The name of the presenter on stage, if the server told us. */
export function currentName(live: ContestLive): string | null {
  if (!live.current) return null
  return live.currentName ?? live.ranking.find((r) => r.orgId === live.current)?.name ?? null
}
