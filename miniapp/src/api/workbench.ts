import type {
  AcceptStaffInviteResponse,
  ImportResult,
  Member,
  MemberLeaveRequest,
  MemberLeaveResponse,
  Org,
  OrgType,
  ReviewAction,
  ReviewCounts,
  ReviewItem,
  ReviewQueue,
  StaffInvite,
  UpdateMemberRequest,
} from '@xianfeng/shared'
import { request } from './client'
import { uploadFileTo } from './uploads'

const org = (id: string) => `/orgs/${encodeURIComponent(id)}`
const member = (id: string) => `/members/${encodeURIComponent(id)}`

/**
 * The route each queue action calls: the owning feature's own (the queue has no transitions of its
 * own). `reason` is for reject / return.
 */
const ACTION_ROUTES: Record<ReviewItem['kind'], Partial<Record<ReviewAction, string>>> = {
  wish: { approve: 'approve', reject: 'reject', clear_held: 'clear-held' },
  commitment: { approve: 'approve', return: 'return', clear_held: 'clear-held' },
  photo: { approve: 'approve', remove: 'remove' },
}
const FEATURE_PATHS: Record<ReviewItem['kind'], string> = { wish: '/wishes', commitment: '/commitments', photo: '/uploads' }

/** Whether the action needs a reason the wisher / owner will read. */
export const needsReason = (a: ReviewAction) => a === 'reject' || a === 'return'

/** Routes of the 工作台 beyond the roster's basics: the review queue, organisations, invitations, leaves. */
export const workbenchApi = {
  /** GET /orgs/:id/review-queue — oldest first, with the counts. */
  reviewQueue: (orgId: string, cursor?: string | null) => request<ReviewQueue>('GET', `${org(orgId)}/review-queue`, { query: { cursor } }),

  /** GET /orgs/:id/review-queue/counts — for the badges. */
  reviewCounts: (orgId: string) => request<ReviewCounts>('GET', `${org(orgId)}/review-queue/counts`),

  /** Approve, reject, return, clear or remove an item from the list, through its feature's route. */
  act: (item: Pick<ReviewItem, 'kind' | 'id'>, action: ReviewAction, reason?: string) => {
    const route = ACTION_ROUTES[item.kind][action]
    if (!route) return Promise.reject(new Error(`${action} is not an action of ${item.kind}`))
    return request<unknown>('POST', `${FEATURE_PATHS[item.kind]}/${encodeURIComponent(item.id)}/${route}`, { body: needsReason(action) ? { reason } : {} })
  },

  /** POST /orgs — a child organisation (staff of the parent). */
  createOrg: (body: { name: string; type: OrgType; parentId: string }) => request<Org>('POST', '/orgs', { body }),

  /** PATCH /orgs/:id — rename. */
  renameOrg: (id: string, name: string) => request<Org>('PATCH', org(id), { body: { name } }),

  /** POST /orgs/:id/staff-invites — a one-time code (shown once). */
  createInvite: (orgId: string) => request<StaffInvite>('POST', `${org(orgId)}/staff-invites`),

  /** POST /staff-invites/accept — the caller becomes staff; used / expired → 409. */
  acceptInvite: (code: string) => request<AcceptStaffInviteResponse>('POST', '/staff-invites/accept', { body: { code } }),

  /** PATCH /members/:id — edit, or move with `orgId` (history kept). */
  updateMember: (id: string, body: UpdateMemberRequest) => request<Member>('PATCH', member(id), { body }),

  /** POST /orgs/:id/members/import — all or nothing; a bad file answers 400 with one detail per bad row. */
  importRoster: (orgId: string, file: { path: string; name: string }) =>
    uploadFileTo<ImportResult>(`${org(orgId)}/members/import`, file.path, file.name),

  /** POST /members/:id/leave — a dated leave, not a deletion. */
  leave: (id: string, body: MemberLeaveRequest) => request<MemberLeaveResponse>('POST', `${member(id)}/leave`, { body }),
}

