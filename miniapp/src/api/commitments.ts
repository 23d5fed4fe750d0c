import type {
  AddProgressRequest,
  Commitment,
  CommitmentListQuery,
  CommitmentSummary,
  CreateCommitmentRequest,
  CreateReviewRequest,
  Page,
  ReturnCommitmentRequest,
  UpdateCommitmentRequest,
} from '@xianfeng/shared'
import { request } from './client'
import { ApiError, describeError } from './errors'

const path = (id: string) => `/commitments/${encodeURIComponent(id)}`

/** 亮承诺 routes (API contract "Commitments"; PATCH is in docs/api.md). Every step answers the commitment as it now is. */
export const commitmentsApi = {
  /** GET /commitments — published and fulfilled for everyone; the caller's own and staff's subtree besides. */
  list: (q: CommitmentListQuery & { cursor?: string | null } = {}) =>
    request<Page<CommitmentSummary>>('GET', '/commitments', {
      query: {
        orgId: q.orgId,
        ownerType: q.ownerType,
        status: q.status,
        overdue: q.overdue,
        mine: q.mine ? true : undefined,
        limit: q.limit,
        cursor: q.cursor,
      },
    }),

  /** GET /commitments/:id — with progress and reviews. */
  get: (id: string) => request<Commitment>('GET', path(id)),

  /** POST /commitments — a draft. */
  create: (body: CreateCommitmentRequest) => request<Commitment>('POST', '/commitments', { body }),
  /** PATCH /commitments/:id — the owner edits a draft. */
  update: (id: string, body: UpdateCommitmentRequest) => request<Commitment>('PATCH', path(id), { body }),

  submit: (id: string) => request<Commitment>('POST', `${path(id)}/submit`),
  withdraw: (id: string) => request<Commitment>('POST', `${path(id)}/withdraw`),
  approve: (id: string) => request<Commitment>('POST', `${path(id)}/approve`),
  sendBack: (id: string, reason: string) =>
    request<Commitment>('POST', `${path(id)}/return`, { body: { reason } satisfies ReturnCommitmentRequest }),
  fulfil: (id: string) => request<Commitment>('POST', `${path(id)}/fulfil`),
  addProgress: (id: string, body: AddProgressRequest) => request<Commitment>('POST', `${path(id)}/progress`, { body }),
  review: (id: string, body: CreateReviewRequest) => request<Commitment>('POST', `${path(id)}/reviews`, { body }),
}

/** What to tell a person when a commitment action fails. */
export function describeCommitmentError(err: unknown): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'ALREADY_REVIEWED':
        return /[\u4e00-\u9fa5]/.test(err.message) ? err.message : '您已经评价过这项承诺了'
      case 'CONTENT_REJECTED':
        return '内容没有通过安全检查，未能保存。请修改可能敏感的文字后再试'
      case 'NOT_A_MEMBER':
        return '绑定党员身份后才能发布个人承诺'
      case 'INVALID_STATE_TRANSITION':
        return '承诺的状态已经变化，请刷新后再看'
    }
  }
  return describeError(err)
}
