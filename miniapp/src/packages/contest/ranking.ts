import type { ContestLive, LiveRankingEntry } from '@xianfeng/shared'

export interface RankRow extends LiveRankingEntry {
  /** The bar's length, 0–100 (the score is out of 100). */
  percent: number
  current: boolean
}

/** The ranking as the server sent it (best first, ranks shared on ties), with bar lengths and the presenter on stage marked. */
export function rankRows(live: Pick<ContestLive, 'ranking' | 'current'>): RankRow[] {
  return live.ranking.map((r) => ({ ...r, percent: Math.max(0, Math.min(100, r.score)), current: r.orgId === live.current }))
}

/** Who presents after the current round (or first, before any round opened). */
export function nextUp(live: Pick<ContestLive, 'rounds'>): { orgId: string; name: string } | null {
  return live.rounds.find((r) => r.status === 'pending') ?? null
}
