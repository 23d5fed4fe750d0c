import type { Activity, ActivityParticipant, Deed, MyActivitySignup, ServiceActivityEntry, ServiceRating, ServiceReport } from '@xianfeng/shared';
import type { ActivityRow, ParticipantRow, SignupRow } from './activities.repository.js';
import type { DeedRow } from './deeds.repository.js';
import type { RatingRow, RecordActivityRow, ServiceTotals } from './record.repository.js';
import type { ReportRow } from './reports.repository.js';

const iso = (d: Date | string | null): string | null => (d == null ? null : new Date(d).toISOString());

export function toReport(r: ReportRow): ServiceReport {
  return {
    id: r.id,
    memberId: r.member_id,
    memberName: r.member_name,
    memberOrgId: r.member_org_id,
    memberOrgName: r.member_org_name,
    communityOrgId: r.community_org_id,
    communityName: r.community_name,
    residentialArea: r.residential_area,
    skills: r.skills,
    status: r.status,
    declineReason: r.decline_reason,
    createdAt: iso(r.created_at)!,
    acceptedAt: iso(r.accepted_at),
    endedAt: iso(r.ended_at),
  };
}

function toSignup(s: SignupRow): MyActivitySignup {
  return {
    signedUpAt: iso(s.signed_up_at)!,
    checkinAt: iso(s.checkin_at),
    checkoutAt: iso(s.checkout_at),
    minutes: s.confirmed ? s.minutes : s.computed_minutes,
    confirmed: s.confirmed,
  };
}

function toParticipant(p: ParticipantRow): ActivityParticipant {
  return {
    memberId: p.member_id,
    name: p.name,
    orgName: p.org_name,
    signedUpAt: iso(p.signed_up_at)!,
    checkinAt: iso(p.checkin_at),
    checkoutAt: iso(p.checkout_at),
    computedMinutes: p.computed_minutes,
    minutes: p.confirmed ? p.minutes : null,
    confirmed: p.confirmed,
    corrections: p.corrections.map((c) => ({ ...c, at: iso(c.at)! })),
  };
}

/** `mySignup`: undefined for an anonymous caller, null when signed in and not signed up. `participants`: staff only. */
export function toActivity(a: ActivityRow, extra: { mySignup?: SignupRow | null; participants?: ParticipantRow[] } = {}): Activity {
  return {
    id: a.id,
    orgId: a.org_id,
    orgName: a.org_name,
    title: a.title,
    description: a.description,
    place: a.place,
    startsAt: iso(a.starts_at)!,
    endsAt: iso(a.ends_at)!,
    capacity: a.capacity,
    signedUp: a.signed_up,
    location: a.lat != null && a.lng != null && a.radius_m != null ? { lat: a.lat, lng: a.lng, radiusM: a.radius_m } : null,
    seriesId: a.series_id,
    ...(extra.mySignup !== undefined ? { mySignup: extra.mySignup && toSignup(extra.mySignup) } : {}),
    ...(extra.participants ? { participants: extra.participants.map(toParticipant) } : {}),
  };
}

/** `beneficiary` only when the viewer may see it (the member, staff of the member's organisation). */
export function toDeed(d: DeedRow, showBeneficiary: boolean): Deed {
  return {
    id: d.id,
    memberId: d.member_id,
    memberName: d.member_name,
    orgId: d.org_id,
    source: d.source,
    title: d.title,
    description: d.description,
    doneOn: d.done_on,
    photos: d.photos ?? [],
    status: d.status,
    returnReason: d.return_reason,
    ...(showBeneficiary ? { beneficiary: d.beneficiary } : {}),
    createdAt: iso(d.created_at)!,
  };
}

export function toRecordActivity(r: RecordActivityRow): ServiceActivityEntry {
  return {
    activityId: r.activity_id,
    title: r.title,
    orgId: r.org_id,
    orgName: r.org_name,
    startsAt: iso(r.starts_at)!,
    endsAt: iso(r.ends_at)!,
    checkinAt: iso(r.checkin_at),
    checkoutAt: iso(r.checkout_at),
    minutes: r.confirmed ? r.minutes : null,
    confirmed: r.confirmed,
  };
}

export function toRating(r: RatingRow, totals: ServiceTotals | undefined): ServiceRating {
  return {
    memberId: r.member_id,
    memberName: r.member_name,
    memberOrgId: r.member_org_id,
    communityOrgId: r.community_org_id,
    communityName: r.community_name,
    period: r.period,
    grade: r.grade,
    comment: r.comment,
    minutes: totals?.minutes ?? 0,
    deeds: totals?.deeds ?? 0,
    ratedAt: iso(r.rated_at)!,
  };
}
