import type { OrgType, PostKind, Role, User } from '@xianfeng/shared'
import { OrgTypeLabels, PostKindLabels } from '@xianfeng/shared'

/** `2010-07-01` → `2010年7月1日`; anything else is shown as it came. */
export function formatDate(ymd: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd ?? '')
  if (!m) return ymd ?? ''
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

export function postKindLabel(kind: PostKind | null | undefined): string | null {
  return kind ? PostKindLabels[kind] ?? null : null
}

export function orgTypeLabel(type: OrgType | null | undefined): string {
  return type ? OrgTypeLabels[type] ?? '' : ''
}

export { MemberStatusLabels } from '@xianfeng/shared'

export function partyYearsText(years: number): string {
  return years < 1 ? '党龄不满 1 年' : `党龄 ${years} 年`
}

export function roleLabel(role: Role): string {
  if (role.role === 'admin') return '系统管理员'
  return role.orgName ? `党务工作者 · ${role.orgName}` : '党务工作者'
}

/** The name to greet someone by. */
export function displayName(user: User): string {
  return user.member?.name || user.nickname || '微信用户'
}

/** The organisations a user belongs to or serves, member organisation first, without repeats. */
export function userOrgIds(user: User | null | undefined): string[] {
  if (!user) return []
  const ids: string[] = []
  if (user.member?.orgId) ids.push(user.member.orgId)
  for (const r of user.roles) {
    if (r.role === 'staff' && !ids.includes(r.orgId)) ids.push(r.orgId)
  }
  return ids
}

/** Phone numbers as people read them: 138 0013 8000. */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '')
  return /^1\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}` : phone
}
