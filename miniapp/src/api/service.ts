import type {
  Activity,
  ActivityCreateRequest,
  ActivityQuery,
  Attendance,
  AttendanceConfirmation,
  AttendanceConfirmRequest,
  CheckinCode,
  CheckinRequest,
  CheckoutRequest,
  Deed,
  DeedCreateRequest,
  DeedQuery,
  MemberService,
  Org,
  Page,
  ServiceRating,
  ServiceRatingList,
  ServiceRatingRequest,
  ServiceReport,
  ServiceReportQuery,
  ServiceReportRequest,
} from '@xianfeng/shared'
import { request } from './client'
import { ApiError, describeError } from './errors'

const enc = encodeURIComponent
const activity = (id: string) => `/activities/${enc(id)}`

/** 在职党员进社区 · 我为群众办实事 (API contract "Community service"). */
export const serviceApi = {
  /** GET /orgs?q= — organisations by name, best matches first (to pick the community to report to). */
  searchOrgs: (q: string) => request<Page<Org>>('GET', '/orgs', { query: { q, limit: 20 } }),

  // ---- 报到 ----
  report: (body: ServiceReportRequest) => request<ServiceReport>('POST', '/service/reports', { body }),
  reports: (q: ServiceReportQuery) => request<Page<ServiceReport>>('GET', '/service/reports', { query: { ...q } }),
  acceptReport: (id: string) => request<ServiceReport>('POST', `/service/reports/${enc(id)}/accept`),
  declineReport: (id: string, reason: string) => request<ServiceReport>('POST', `/service/reports/${enc(id)}/decline`, { body: { reason } }),
  endReport: (id: string) => request<ServiceReport>('POST', `/service/reports/${enc(id)}/end`),

  // ---- activities ----
  publish: (orgId: string, body: ActivityCreateRequest) => request<Activity>('POST', `/orgs/${enc(orgId)}/activities`, { body }),
  /** `mine=true` (the server's extra): the caller's own sign-ups. */
  activities: (q: ActivityQuery & { mine?: boolean }) => request<Page<Activity>>('GET', '/activities', { query: { ...q } }),
  activity: (id: string) => request<Activity>('GET', activity(id)),
  signUp: (id: string) => request<Activity>('POST', `${activity(id)}/signups`),
  cancelSignUp: (id: string) => request<Activity>('DELETE', `${activity(id)}/signups/me`),
  checkinCode: (id: string) => request<CheckinCode>('GET', `${activity(id)}/checkin-code`),
  checkin: (id: string, body: CheckinRequest) => request<Attendance>('POST', `${activity(id)}/checkin`, { body }),
  checkout: (id: string, body: CheckoutRequest) => request<Attendance>('POST', `${activity(id)}/checkout`, { body }),
  confirmAttendance: (id: string, memberId: string, body: AttendanceConfirmRequest) =>
    request<AttendanceConfirmation>('POST', `${activity(id)}/attendance/${enc(memberId)}/confirm`, { body }),

  // ---- 我为群众办实事 ----
  logDeed: (body: DeedCreateRequest) => request<Deed>('POST', '/deeds', { body }),
  deed: (id: string) => request<Deed>('GET', `/deeds/${enc(id)}`),
  deeds: (q: DeedQuery) => request<Page<Deed>>('GET', '/deeds', { query: { ...q } }),
  confirmDeed: (id: string) => request<Deed>('POST', `/deeds/${enc(id)}/confirm`),
  returnDeed: (id: string, reason: string) => request<Deed>('POST', `/deeds/${enc(id)}/return`, { body: { reason } }),

  // ---- the record and 一卡反馈 ----
  memberService: (memberId: string, year?: number) => request<MemberService>('GET', `/members/${enc(memberId)}/service`, { query: { year } }),
  rate: (body: ServiceRatingRequest) => request<ServiceRating>('PUT', '/service/ratings', { body }),
  ratings: (q: { period: string; memberOrgId?: string; communityOrgId?: string }) => request<ServiceRatingList>('GET', '/service/ratings', { query: q }),
}

const SERVICE_MESSAGES: Record<string, string> = {
  ALREADY_REPORTED: '您已经向一个社区报到了。要换社区，请先结束原来的报到',
  NOT_A_COMMUNITY: '只能向社区党组织报到，请重新选择',
  ACTIVITY_FULL: '名额已满，下次早点报名',
  ALREADY_SIGNED_UP: '您已经报名了这个活动',
  ACTIVITY_STARTED: '活动已经开始，不能再报名或取消',
  CHECKIN_CLOSED: '现在不在签到时间内（活动开始前 30 分钟到结束；签退到结束后 2 小时）',
  CODE_EXPIRED: '签到码已过期，请扫描工作人员手机上的最新签到码',
  CODE_INVALID: '签到码不对：请确认是本活动的签到码',
  ALREADY_CHECKED_IN: '您已经签到过了',
  ALREADY_CHECKED_OUT: '您已经签退过了',
  OUT_OF_RANGE: '您不在活动地点附近，请到现场后再签到',
  NOT_CHECKED_IN: '您还没有签到，不能签退',
  NOT_A_MEMBER: '绑定党员身份后才能参加',
}

/** What to tell a person when a service action fails: the conflicts in plain words. */
export function describeServiceError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.statusCode === 403 && err.code === 'FORBIDDEN') return '只有向该社区报到并通过的党员、或本组织的党员可以参加'
    const mine = SERVICE_MESSAGES[err.code]
    if (mine) return mine
  }
  return describeError(err)
}
