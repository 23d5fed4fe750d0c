import Taro from '@tarojs/taro'
import type {
  Board,
  BindRequest,
  LoginResponse,
  Member,
  MemberCard,
  Org,
  OrgDetail,
  OrgHit,
  Page,
  UpdateMyMemberRequest,
  User,
} from '@xianfeng/shared'
import { API_BASE_URL } from './base'
import { ApiError, errorFromResponse, networkError } from './errors'
import { clearSession, getToken } from '../auth/session'
import { Pages, pageUrl } from '@xianfeng/shared'

export { ApiError, describeError } from './errors'

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Send the token when there is one (default). Public routes work either way. */
  auth?: boolean
  /** On 401, clear the token and open the login page (default). The login call itself opts out. */
  redirectOn401?: boolean
}

export const LOGIN_PAGE = pageUrl(Pages.login)

export function buildUrl(path: string, query?: Query): string {
  const parts: string[] = []
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  }
  return `${API_BASE_URL}${path}${parts.length ? `?${parts.join('&')}` : ''}`
}

let redirecting = false

/** After a 401: forget the token and send the person to the login page, once. */
function goToLogin(): void {
  if (redirecting) return
  const pages = Taro.getCurrentPages?.() ?? []
  const current = pages[pages.length - 1]?.route ?? ''
  if (`/${current}`.startsWith(LOGIN_PAGE)) return
  redirecting = true
  Taro.navigateTo({ url: LOGIN_PAGE })
    .catch(() => undefined)
    .finally(() => {
      redirecting = false
    })
}

/** The one way the app talks to the API. Resolves with the typed body or rejects with an ApiError. */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const { query, body, auth = true, redirectOn401 = true } = options
  const header: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) header['Content-Type'] = 'application/json'
  const token = auth ? getToken() : null
  if (token) header.Authorization = `Bearer ${token}`

  let res: Awaited<ReturnType<typeof Taro.request>>
  try {
    res = await Taro.request({
      url: buildUrl(path, query),
      method,
      header,
      data: body as Taro.request.Option['data'],
      dataType: 'json',
      timeout: 15000,
    })
  } catch {
    throw networkError()
  }

  const status = res.statusCode
  if (status >= 200 && status < 300) {
    return parseBody<T>(res.data, status)
  }
  const error = errorFromResponse(status, res.data)
  if (status === 401) {
    clearSession()
    if (redirectOn401) goToLogin()
  }
  throw error
}

function parseBody<T>(data: unknown, status: number): T {
  if (typeof data !== 'string') return data as T
  if (data === '') return undefined as T
  try {
    return JSON.parse(data) as T
  } catch {
    throw new ApiError(status, 'BAD_RESPONSE', '服务器返回了无法识别的数据')
  }
}

// ---- Typed routes (see the API contract). ----

export const api = {
  /** POST /auth/wechat-login — `code` from wx.login, or `dev:<openid>` against the stand-in WeChat. */
  login: (code: string) =>
    request<LoginResponse>('POST', '/auth/wechat-login', { body: { code }, auth: false, redirectOn401: false }),

  /**
   * GET /me — the user, roles with organisation scope, and the member profile if bound.
   * `quiet`: a background refresh; an expired token is forgotten without opening the login page.
   */
  me: (opts: { quiet?: boolean } = {}) => request<User>('GET', '/me', { redirectOn401: !opts.quiet }),

  /** POST /members/bind — answers with the caller as they now are (member profile included). */
  bindMember: (bindCode: string) => request<User>('POST', '/members/bind', { body: { bindCode } satisfies BindRequest }),

  /** PATCH /members/me — the member edits their own public fields. */
  updateMyMember: (patch: UpdateMyMemberRequest) => request<Member>('PATCH', '/members/me', { body: patch }),

  /** GET /orgs — public, top-level organisations (not in contract v1; see README). */
  rootOrgs: (cursor?: string | null) => request<Page<Org>>('GET', '/orgs', { query: { cursor } }),

  /** GET /orgs?q= — organisations at any depth whose name holds every word, best matches first. */
  searchOrgs: (q: string) => request<Page<OrgHit>>('GET', '/orgs', { query: { q, limit: 20 } }),

  /** GET /orgs/:id */
  org: (id: string) => request<OrgDetail>('GET', `/orgs/${encodeURIComponent(id)}`),

  /** GET /orgs/:id/children — direct children, paginated like every list. */
  orgChildren: (id: string, cursor?: string | null) =>
    request<Page<Org>>('GET', `/orgs/${encodeURIComponent(id)}/children`, { query: { cursor, limit: 100 } }),

  /** GET /orgs/:id/board — the 亮岗 wall. */
  board: (id: string, cursor?: string | null) =>
    request<Board>('GET', `/orgs/${encodeURIComponent(id)}/board`, { query: { cursor } }),

  /** GET /members/:id/card — the public identity card. */
  memberCard: (id: string) => request<MemberCard>('GET', `/members/${encodeURIComponent(id)}/card`),
}

/** The printable poster (SVG) of an organisation's board, as a URL to open. */
export function posterUrl(orgId: string): string {
  return buildUrl(`/orgs/${encodeURIComponent(orgId)}/poster`)
}
