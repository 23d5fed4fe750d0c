/** A few direct API calls the browser test needs: a staff token, the roster, creating a member. */
import type { Board, Member, MemberCard, OrgDetail, Page } from '@xianfeng/shared'

export class Api {
  constructor(readonly baseUrl: string) {}

  async call<T>(method: string, path: string, opts: { token?: string; body?: unknown; expect?: number } = {}): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    })
    const text = await res.text()
    const want = opts.expect ?? (res.status >= 200 && res.status < 300 ? res.status : 200)
    if (res.status !== want) throw new Error(`${method} ${path} → ${res.status} (wanted ${want}): ${text.slice(0, 500)}`)
    return (text ? JSON.parse(text) : undefined) as T
  }

  async login(openid: string): Promise<string> {
    const { token } = await this.call<{ token: string }>('POST', '/auth/wechat-login', { body: { code: `dev:${openid}` } })
    return token
  }

  async rootOrgs(): Promise<OrgDetail[]> {
    return (await this.call<Page<OrgDetail>>('GET', '/orgs?limit=100')).items
  }

  /** The whole roster (private fields) of an organisation's subtree, every page. */
  async roster(orgId: string, token: string): Promise<Member[]> {
    const out: Member[] = []
    let cursor: string | null = null
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      const page: Page<Member> = await this.call<Page<Member>>('GET', `/orgs/${orgId}/members?limit=100${q}`, { token })
      out.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return out
  }

  /** Every public card on an organisation's board, every page. */
  async board(orgId: string): Promise<MemberCard[]> {
    const out: MemberCard[] = []
    let cursor: string | null = null
    do {
      const q: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''
      const page: Board = await this.call<Board>('GET', `/orgs/${orgId}/board${q}`)
      out.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return out
  }
}
