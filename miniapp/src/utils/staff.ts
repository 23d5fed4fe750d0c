import Taro from '@tarojs/taro'
import type { User } from '@xianfeng/shared'
import { Pages, pageUrl } from '@xianfeng/shared'

export interface StaffOrg {
  id: string
  name: string
}

const CHOSEN_KEY = 'xf.staff.org'

/** The organisations the user serves as staff (each with its subtree), in the order of their roles. */
export function staffOrgs(user: User | null | undefined): StaffOrg[] {
  const out: StaffOrg[] = []
  for (const r of user?.roles ?? []) {
    if (r.role === 'staff' && !out.some((o) => o.id === r.orgId)) out.push({ id: r.orgId, name: r.orgName || '本组织' })
  }
  return out
}

export function isStaff(user: User | null | undefined): boolean {
  return staffOrgs(user).length > 0
}

/** The organisation the 工作台 works on: the last one picked, if still served, else the first. */
export function chosenStaffOrg(user: User | null | undefined): StaffOrg | null {
  const orgs = staffOrgs(user)
  const saved = Taro.getStorageSync(CHOSEN_KEY) as string | ''
  return orgs.find((o) => o.id === saved) ?? orgs[0] ?? null
}

export function chooseStaffOrg(id: string): void {
  Taro.setStorageSync(CHOSEN_KEY, id)
}

/** The organisation a staff page works on: `?orgId=` from the 工作台, else the chosen one. */
export function pageOrg(user: User | null | undefined, param: string | undefined): StaffOrg | null {
  const id = param ? decodeURIComponent(param) : null
  if (id) return staffOrgs(user).find((o) => o.id === id) ?? { id, name: '' }
  return chosenStaffOrg(user)
}

export const STAFF_HOME = pageUrl(Pages.staffHome)

const STAFF_PAGES = {
  occasions: Pages.staffOccasions,
  'greeting-settings': Pages.staffGreetingSettings,
  roster: Pages.staffRoster,
  dashboard: Pages.staffDashboard,
  'ranking-settings': Pages.staffRankingSettings,
  'review-queue': Pages.staffReviewQueue,
  orgs: Pages.staffOrgs,
  invite: Pages.staffInvite,
  // 支部承诺: the commitment form, with the organisation as the owner.
  'branch-commitment': Pages.commitmentCreate,
  service: Pages.serviceStaff,
  assessments: Pages.assessmentList,
  contest: Pages.contestHost,
} as const

export function openStaffPage(page: keyof typeof STAFF_PAGES, orgId: string): void {
  const query = page === 'branch-commitment' ? { ownerType: 'branch', orgId } : { orgId }
  Taro.navigateTo({ url: pageUrl(STAFF_PAGES[page], query) })
}

export function openStaffHome(): void {
  Taro.navigateTo({ url: STAFF_HOME })
}
