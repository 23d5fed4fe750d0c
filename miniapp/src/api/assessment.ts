// PROVISIONAL: local copies of the contract's shapes until S12's shared/src/assessment.ts lands.
import { buildUrl, request } from './client'

export type IndicatorKind = 'auto' | 'judged'
export type AssessmentMetric = 'commitment_fulfilment_rate' | 'wishes_completed_per_member' | 'service_minutes_per_member' | 'greeting_coverage' | 'review_average'
export interface AssessmentIndicator { key: string; name: string; max: number; kind: IndicatorKind; metric?: AssessmentMetric | null; fullAt?: number | null }
export interface StarThreshold { stars: number; min: number }
export interface AssessmentRequest { title: string; from: string; to: string; indicators: AssessmentIndicator[]; stars: StarThreshold[] }
export type AssessmentStatus = 'draft' | 'started' | 'published'
export interface Assessment extends AssessmentRequest { id: string; orgId: string; status: AssessmentStatus; createdAt: string }
export interface IndicatorResult { key: string; auto?: number | null; self?: number | null; superior?: number | null; evidence?: string | null; score: number }
export interface AssessmentResult { orgId: string; name: string; total: number; stars: number; indicators: IndicatorResult[] }
export interface ScoresRequest { self?: Record<string, number>; evidence?: Record<string, string>; superior?: Record<string, number>; reason?: string }
export interface StarBoardItem { orgId: string; name: string; stars: number; total: number; assessmentId: string }
export interface StarBoard { items: StarBoardItem[] }
export interface ContestCreated { id: string; judgeCode: string }
export interface ContestJudge { userId: string; name: string; joinedAt: string }
export interface Contest { id: string; orgId: string; title: string; judgeCode: string | null; status: string; presenters: Array<{ orgId: string; name: string; status: string }>; judges: ContestJudge[] }
export interface ContestLiveEntry { orgId: string; name: string; score: number }
export interface ContestLive { current: string | null; judges: number; scored: number; ranking: ContestLiveEntry[]; title?: string; currentName?: string | null; ended?: boolean; judgeCode?: string | null }
export type ReviewKind = 'org' | 'peer' | 'public'
export interface ReviewAverage { count: number; average: number | null }
export interface ReviewComment { kind: ReviewKind; score: number; comment: string | null; createdAt: string }
export interface MemberReviews { period: string; org: ReviewAverage; peer: ReviewAverage; public: ReviewAverage; comments?: ReviewComment[] }
export interface ReviewRequest { period: string; kind: ReviewKind; score: number; comment?: string }

const enc = encodeURIComponent
const assessment = (id: string) => `/assessments/${enc(id)}`
const contest = (id: string) => `/contests/${enc(id)}`

/** 评星定级 · 擂台比武 · 民主评议 (the contract's "Assessment" section). */
export const assessApi = {
  list: (orgId: string) => request<{ items: Assessment[] }>('GET', `/orgs/${enc(orgId)}/assessments`),
  get: (id: string) => request<Assessment>('GET', assessment(id)),
  create: (orgId: string, body: AssessmentRequest) => request<Assessment>('POST', `/orgs/${enc(orgId)}/assessments`, { body }),
  update: (id: string, body: Partial<AssessmentRequest>) => request<Assessment>('PATCH', assessment(id), { body }),
  start: (id: string) => request<Assessment>('POST', `${assessment(id)}/start`),
  saveScores: (id: string, orgId: string, body: ScoresRequest) => request<unknown>('PUT', `${assessment(id)}/scores/${enc(orgId)}`, { body }),
  results: (id: string) => request<AssessmentResult[]>('GET', `${assessment(id)}/results`),
  publish: (id: string) => request<Assessment>('POST', `${assessment(id)}/publish`),
  stars: (orgId: string) => request<StarBoard>('GET', `/orgs/${enc(orgId)}/stars`),
}

export const contestApi = {
  create: (orgId: string, body: { title: string; presenterOrgIds: string[] }) => request<ContestCreated>('POST', `/orgs/${enc(orgId)}/contests`, { body }),
  get: (id: string) => request<Contest>('GET', contest(id)),
  join: (id: string, judgeCode: string) => request<unknown>('POST', `${contest(id)}/judges`, { body: { judgeCode } }),
  removeJudge: (id: string, userId: string) => request<unknown>('DELETE', `${contest(id)}/judges/${enc(userId)}`),
  openRound: (id: string, orgId: string) => request<unknown>('POST', `${contest(id)}/rounds/${enc(orgId)}/open`),
  closeRound: (id: string, orgId: string) => request<unknown>('POST', `${contest(id)}/rounds/${enc(orgId)}/close`),
  end: (id: string) => request<unknown>('POST', `${contest(id)}/end`),
  score: (id: string, orgId: string, score: number) => request<unknown>('PUT', `${contest(id)}/rounds/${enc(orgId)}/score`, { body: { score } }),
  /** Public; sent without the token so an expired one never sends a hall screen to the login page. */
  live: (id: string) => request<ContestLive>('GET', `${contest(id)}/live`, { auth: false, redirectOn401: false }),
}

/** The server-sent events of a contest's live state (H5's EventSource; public). */
export function contestStreamUrl(id: string): string {
  return buildUrl(`${contest(id)}/live/stream`)
}

export const reviewsApi = {
  get: (memberId: string, period: string) => request<MemberReviews>('GET', `/members/${enc(memberId)}/reviews`, { query: { period } }),
  give: (memberId: string, body: ReviewRequest) => request<unknown>('POST', `/members/${enc(memberId)}/reviews`, { body }),
}
