import type {
  ApproveWishRequest,
  ConfirmWishRequest,
  CreateWishRequest,
  FulfilWishRequest,
  Page,
  RejectWishRequest,
  Wish,
  WishCounts,
  WishStatus,
} from '@xianfeng/shared'
import { request } from './client'
import { ApiError, describeError } from './errors'

export interface WishListQuery {
  /** The organisation whose subtree to show. */
  orgId?: string | null
  /** One status or several (sent comma-separated). */
  status?: WishStatus[]
  /** The caller's own: wishes they posted, or (members) claimed. */
  mine?: 'posted' | 'claimed'
  limit?: number
  cursor?: string | null
}

const path = (id: string) => `/wishes/${encodeURIComponent(id)}`

/** 微心愿 routes (API contract "Wishes"; counts and the comma-separated status are in docs/api.md). */
export const wishesApi = {
  /** GET /wishes — the wall, newest first. */
  list: (q: WishListQuery = {}) =>
    request<Page<Wish>>('GET', '/wishes', {
      query: { orgId: q.orgId, status: q.status?.join(','), mine: q.mine, limit: q.limit, cursor: q.cursor },
    }),

  /** GET /orgs/:id/wish-counts — the wall's figures ("已认领完成 N 个"). */
  counts: (orgId: string) => request<WishCounts>('GET', `/orgs/${encodeURIComponent(orgId)}/wish-counts`),

  /** GET /wishes/:id — with its history. */
  get: (id: string) => request<Wish>('GET', path(id)),

  /** POST /wishes — lands in pending_review. */
  create: (body: CreateWishRequest) => request<Wish>('POST', '/wishes', { body }),

  approve: (id: string, body: ApproveWishRequest = {}) => request<Wish>('POST', `${path(id)}/approve`, { body }),
  reject: (id: string, reason: string) => request<Wish>('POST', `${path(id)}/reject`, { body: { reason } satisfies RejectWishRequest }),
  claim: (id: string) => request<Wish>('POST', `${path(id)}/claim`),
  release: (id: string) => request<Wish>('POST', `${path(id)}/release`),
  fulfil: (id: string, body: FulfilWishRequest) => request<Wish>('POST', `${path(id)}/fulfil`, { body }),
  confirm: (id: string, body: ConfirmWishRequest) => request<Wish>('POST', `${path(id)}/confirm`, { body }),
}

/** What to tell a person when a wish action fails: plain words for the conflicts of the wall. */
export function describeWishError(err: unknown): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'WISH_ALREADY_CLAIMED':
        return '手慢了一步：这个心愿刚刚已被其他党员认领'
      case 'WISH_NOT_OPEN':
        return '这个心愿现在不能认领（可能已过期或已撤下）'
      case 'CLAIM_LIMIT_REACHED':
        // The server names the numbers ("您有 3 个认领中的心愿，已达上限 3 个…") when it can.
        return /[\u4e00-\u9fa5]/.test(err.message) ? err.message : '您认领中的心愿已达上限，请先完成或释放后再认领'
      case 'CONTENT_REJECTED':
        return '内容没有通过安全检查，未能保存。请修改可能敏感的文字后再试'
      case 'NOT_A_MEMBER':
        return '绑定党员身份后才能认领心愿'
      case 'INVALID_STATE_TRANSITION':
        return /[\u4e00-\u9fa5]/.test(err.message) ? `${err.message}，请刷新后再看` : '心愿的状态已经变化，请刷新后再看'
    }
  }
  return describeError(err)
}
