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
