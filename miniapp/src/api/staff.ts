import type {
  BatchGreetingResult,
  CreateMemberRequest,
  CreateMemberResponse,
  Greeting,
  GreetingSettings,
  Member,
  Occasion,
  Page,
  SendGreetingRequest,
} from '@xianfeng/shared'
import { request } from './client'

const org = (id: string) => `/orgs/${encodeURIComponent(id)}`

/** What `PUT /orgs/:id/greeting-settings` accepts (the server refuses other fields). */
export type GreetingSettingsUpdate = Partial<Pick<GreetingSettings, 'templates' | 'autoSend' | 'sendHour'>>

/** A fresh one-time bind code (`POST /members/:id/bind-code`). */
export interface BindCodeResponse {
  bindCode: string
  bindCodeExpiresAt: string
}

/** Routes for branch staff: the 三色生日表, greetings, settings and the roster. */
export const staffApi = {
  /** GET /orgs/:id/occasions?from=&to= — dates are Asia/Shanghai YYYY-MM-DD, at most 366 days. */
  occasions: (orgId: string, from: string, to: string) =>
    request<Occasion[]>('GET', `${org(orgId)}/occasions`, { query: { from, to } }),

  /** POST /greetings — send now; the same member, kind and year again → 409 GREETING_ALREADY_SENT. */
  sendGreeting: (body: SendGreetingRequest) => request<Greeting>('POST', '/greetings', { body }),

  /** POST /greetings/batch — every item succeeds or fails on its own. */
  sendGreetings: (items: SendGreetingRequest[]) =>
    request<BatchGreetingResult>('POST', '/greetings/batch', { body: { items } }),

  /** GET /orgs/:id/greeting-settings — own or inherited (`inheritedFrom`). */
  greetingSettings: (orgId: string) => request<GreetingSettings>('GET', `${org(orgId)}/greeting-settings`),

  /** PUT /orgs/:id/greeting-settings */
  saveGreetingSettings: (orgId: string, body: GreetingSettingsUpdate) =>
    request<GreetingSettings>('PUT', `${org(orgId)}/greeting-settings`, { body }),

  /** GET /orgs/:id/members — the roster of the subtree, private fields included; `q` is part of a name. */
  roster: (orgId: string, opts: { q?: string; cursor?: string | null; limit?: number } = {}) =>
    request<Page<Member>>('GET', `${org(orgId)}/members`, { query: { q: opts.q, cursor: opts.cursor, limit: opts.limit } }),

  /** POST /orgs/:id/members — answers the member and its one-time bind code. */
  createMember: (orgId: string, body: CreateMemberRequest) =>
    request<CreateMemberResponse>('POST', `${org(orgId)}/members`, { body }),

  /** POST /members/:id/bind-code — a new code; the old one stops working. 409 when already bound. */
  reissueBindCode: (memberId: string) =>
    request<BindCodeResponse>('POST', `/members/${encodeURIComponent(memberId)}/bind-code`),
}
