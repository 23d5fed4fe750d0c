import type { MonthlyActivity, OrgStats, Ranking, RankingSettings, RankingSettingsRequest } from '@xianfeng/shared'
import { buildUrl, request } from './client'

const org = (id: string) => `/orgs/${encodeURIComponent(id)}`

/** A period of Asia/Shanghai dates, both ends included. */
export interface PeriodQuery {
  from: string
  to: string
}

/** 比学赶超: the numbers, the ranking of the child organisations, its weights and the work ledger. */
export const statsApi = {
  /** GET /orgs/:id/stats — public counts over the subtree. */
  stats: (orgId: string, p: PeriodQuery) => request<OrgStats>('GET', `${org(orgId)}/stats`, { query: { ...p } }),

  /** GET /orgs/:id/stats/monthly — activity per calendar month (at most 36 months). */
  monthly: (orgId: string, p: PeriodQuery) => request<MonthlyActivity>('GET', `${org(orgId)}/stats/monthly`, { query: { ...p } }),

  /** GET /orgs/:id/ranking — staff: the child organisations ranked for the period. */
  ranking: (orgId: string, p: PeriodQuery) => request<Ranking>('GET', `${org(orgId)}/ranking`, { query: { ...p } }),

  /** GET /orgs/:id/ranking-settings — own or inherited (`inheritedFrom`). */
  rankingSettings: (orgId: string) => request<RankingSettings>('GET', `${org(orgId)}/ranking-settings`),

  /** PUT /orgs/:id/ranking-settings — each weight 0–100. */
  saveRankingSettings: (orgId: string, body: RankingSettingsRequest) =>
    request<RankingSettings>('PUT', `${org(orgId)}/ranking-settings`, { body }),
}

/** GET /orgs/:id/ledger.xlsx — staff: the period's work ledger (a download, not JSON). */
export function ledgerUrl(orgId: string, p: PeriodQuery): string {
  return buildUrl(`${org(orgId)}/ledger.xlsx`, { ...p })
}
