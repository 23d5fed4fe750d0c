import type {
  Assessment,
  AssessmentResult,
  AssessmentScoreSheet,
  AssessmentSummary,
  Contest,
  ContestLive,
  ContestScore,
  CreateAssessmentRequest,
  CreateContestRequest,
  CreateMemberReviewRequest,
  JudgePad,
  MemberReviews,
  PutAssessmentScoresRequest,
  StarBoard,
  UpdateAssessmentRequest,
} from '@xianfeng/shared'
import { buildUrl, request } from './client'

const enc = encodeURIComponent
const org = (id: string) => `/orgs/${enc(id)}`
const assessment = (id: string) => `/assessments/${enc(id)}`
const contest = (id: string) => `/contests/${enc(id)}`

/** 评星定级: schemes over the child organisations, score sheets, results and the public star board. */
export const assessApi = {
  /** GET /orgs/:id/assessments — schemes the organisation runs (`assessor`) or is assessed in (`assessed`). */
  list: (orgId: string) => request<{ items: AssessmentSummary[] }>('GET', `${org(orgId)}/assessments`),
  get: (id: string) => request<Assessment>('GET', assessment(id)),
  create: (orgId: string, body: CreateAssessmentRequest) => request<Assessment>('POST', `${org(orgId)}/assessments`, { body }),
  /** PATCH — until the scheme starts; then 409 ASSESSMENT_FROZEN. */
  update: (id: string, body: UpdateAssessmentRequest) => request<Assessment>('PATCH', assessment(id), { body }),
  start: (id: string) => request<Assessment>('POST', `${assessment(id)}/start`),
  /** GET /assessments/:id/scores/:orgId — one child's sheet (its own staff, or the assessing staff). */
  sheet: (id: string, orgId: string) => request<AssessmentScoreSheet>('GET', `${assessment(id)}/scores/${enc(orgId)}`),
  saveScores: (id: string, orgId: string, body: PutAssessmentScoresRequest) =>
    request<AssessmentScoreSheet>('PUT', `${assessment(id)}/scores/${enc(orgId)}`, { body }),
  /** Best first; staff of the assessing organisation, or anyone once published (without evidence). */
  results: (id: string) => request<AssessmentResult[]>('GET', `${assessment(id)}/results`),
  publish: (id: string) => request<Assessment>('POST', `${assessment(id)}/publish`),
  /** Public: the children's stars from the latest published assessment. */
  stars: (orgId: string) => request<StarBoard>('GET', `${org(orgId)}/stars`),
}

/** 擂台比武: the host's console, the judges' pads and the public live state. */
export const contestApi = {
  create: (orgId: string, body: CreateContestRequest) => request<Contest>('POST', `${org(orgId)}/contests`, { body }),
  get: (id: string) => request<Contest>('GET', contest(id)),
  /** POST /contest-judges — join by the code alone (the code names the contest). */
  joinByCode: (judgeCode: string) => request<JudgePad>('POST', '/contest-judges', { body: { judgeCode } }),
  /** GET /contests/:id/judging — the caller's pad (403 when not, or no longer, a judge). */
  pad: (id: string) => request<JudgePad>('GET', `${contest(id)}/judging`),
  removeJudge: (id: string, userId: string) => request<Contest>('DELETE', `${contest(id)}/judges/${enc(userId)}`),
  openRound: (id: string, orgId: string) => request<Contest>('POST', `${contest(id)}/rounds/${enc(orgId)}/open`),
  closeRound: (id: string, orgId: string) => request<Contest>('POST', `${contest(id)}/rounds/${enc(orgId)}/close`),
  end: (id: string) => request<Contest>('POST', `${contest(id)}/end`),
  score: (id: string, orgId: string, score: number) => request<ContestScore>('PUT', `${contest(id)}/rounds/${enc(orgId)}/score`, { body: { score } }),
  /** Public; sent without the token so an expired one never sends a hall screen to the login page. */
  live: (id: string) => request<ContestLive>('GET', `${contest(id)}/live`, { auth: false, redirectOn401: false }),
}

/** GET /contests/:id/live/stream — the live state as server-sent `live` events (public). */
export function contestStreamUrl(id: string): string {
  return buildUrl(`${contest(id)}/live/stream`)
}

/** 民主评议 */
export const reviewsApi = {
  get: (memberId: string, period: string) => request<MemberReviews>('GET', `/members/${enc(memberId)}/reviews`, { query: { period } }),
  give: (memberId: string, body: CreateMemberReviewRequest) => request<MemberReviews>('POST', `/members/${enc(memberId)}/reviews`, { body }),
}
