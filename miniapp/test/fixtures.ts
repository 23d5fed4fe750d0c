import type { MemberCard, Org } from '@xianfeng/shared'

export const org: Org = { id: 'org-1', name: '阳光社区党委', type: 'community', parentId: null }

/** A public card that opted in to showing the phone. */
export const cardWithPhone: MemberCard = {
  id: 'm-1',
  name: '王建国',
  orgId: 'org-1',
  orgName: '阳光社区党委',
  postKind: 'demonstration',
  postTitle: '便民服务示范岗',
  duties: '负责3号楼独居老人走访',
  photoUrl: null,
  joinedPartyOn: '1998-07-01',
  partyYears: 27,
  phone: '13800138000',
  serviceMinutes: 0,
  deeds: 0,
}

/** A public card without a phone (the member did not opt in). */
export const cardWithoutPhone: MemberCard = {
  id: 'm-2',
  name: '李秀英',
  orgId: 'org-1',
  orgName: '阳光社区党委',
  postKind: 'vanguard',
  postTitle: '垃圾分类先锋岗',
  duties: '每天早晚在小区东门指导垃圾分类',
  photoUrl: null,
  joinedPartyOn: '2015-06-20',
  partyYears: 10,
  serviceMinutes: 0,
  deeds: 0,
}
