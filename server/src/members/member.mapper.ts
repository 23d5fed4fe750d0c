import type { Member, MemberCard } from '@xianfeng/shared';
import { todayInShanghai, wholeYearsBetween } from '../common/dates.js';
import type { MemberRow } from './members.repository.js';

/** The staff view: every field, private ones included. Only for staff of the member's org and the member. */
export function toMember(m: MemberRow): Member {
  return {
    id: m.id,
    orgId: m.orgId,
    orgName: m.orgName,
    userId: m.userId,
    name: m.name,
    gender: m.gender,
    birthday: m.birthday,
    joinedPartyOn: m.joinedPartyOn,
    workStartedOn: m.workStartedOn,
    status: m.status,
    postKind: m.postKind,
    postTitle: m.postTitle,
    duties: m.duties,
    photoUrl: m.photoUrl,
    phone: m.phone,
    showPhone: m.showPhone,
  };
}

/** The public counts of a member's service this year (never the detail). */
export interface MemberServiceCounts {
  serviceMinutes: number;
  deeds: number;
}

export const NO_SERVICE: MemberServiceCounts = { serviceMinutes: 0, deeds: 0 };

/**
 * The public card. Built field by field from an allow-list, so a field added to the record later
 * cannot leak: never the birthday, the phone only when the member chose to show it.
 */
export function toMemberCard(m: MemberRow, service: MemberServiceCounts, today = todayInShanghai()): MemberCard {
  return {
    id: m.id,
    name: m.name,
    orgId: m.orgId,
    orgName: m.orgName,
    postKind: m.postKind,
    postTitle: m.postTitle,
    duties: m.duties,
    photoUrl: m.photoUrl,
    joinedPartyOn: m.joinedPartyOn,
    partyYears: wholeYearsBetween(m.joinedPartyOn, today),
    ...(m.showPhone && m.phone ? { phone: m.phone } : {}),
    serviceMinutes: service.serviceMinutes,
    deeds: service.deeds,
  };
}
