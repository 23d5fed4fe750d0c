import type { User } from '@xianfeng/shared'
import { api } from '../api/client'
import { userOrgIds } from './format'

/**
 * The organisation a list page shows when the link names none: the user's own (member organisation
 * first, then where they serve), else the first top-level one (as the 亮岗 tab does).
 */
export async function defaultListOrgId(user: User | null | undefined): Promise<string | null> {
  const mine = userOrgIds(user)
  if (mine[0]) return mine[0]
  const roots = await api.rootOrgs()
  return roots.items[0]?.id ?? null
}

/** parentId by organisation id, as seen in this session (the tree rarely changes). */
const parents = new Map<string, string | null>()

async function parentOf(orgId: string): Promise<string | null> {
  if (parents.has(orgId)) return parents.get(orgId) ?? null
  const org = await api.org(orgId)
  parents.set(orgId, org.parentId)
  return org.parentId
}

/**
 * Whether the user is staff of the organisation or of one of its ancestors (staff grants cover the
 * subtree), or an admin. Walks up the tree with GET /orgs/:id; the server decides in the end, this
 * only chooses which buttons to offer.
 */
export async function isStaffFor(user: User | null | undefined, orgId: string): Promise<boolean> {
  if (!user) return false
  if (user.roles.some((r) => r.role === 'admin')) return true
  const staffOf = new Set(user.roles.flatMap((r) => (r.role === 'staff' ? [r.orgId] : [])))
  if (staffOf.size === 0) return false
  let id: string | null = orgId
  for (let hops = 0; id && hops < 20; hops++) {
    if (staffOf.has(id)) return true
    id = await parentOf(id)
  }
  return false
}

/** Today in Asia/Shanghai, YYYY-MM-DD: the calendar the server's dates use. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}
