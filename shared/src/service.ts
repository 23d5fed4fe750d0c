/**
 * 在职党员进社区 · 我为群众办实事: reporting to the home community (报到), its service activities with
 * an honest check-in, deeds done for residents, the member's service record and the community's
 * rating sent back to the member's own branch (一卡反馈). The contract's "Community service" section.
 */

// ── Reporting (报到) ────────────────────────────────────────────────────────────────────────────

/**
 * `pending` until the community's staff accept (`active`) or decline it; an active report is `ended`
 * by the member (to move) or the community. A member has at most one pending or active report.
 */
export const ServiceReportStatuses = ['pending', 'active', 'declined', 'ended'] as const;
export type ServiceReportStatus = (typeof ServiceReportStatuses)[number];

/** `POST /service/reports` */
export interface ServiceReportRequest {
  /** An organisation of type `community`. */
  communityOrgId: string;
  /** 小区: where the member lives. */
  residentialArea: string;
  /** 特长 the community may call on (医疗, 法律, 维修 …). */
  skills?: string[];
}

/** A member's report to a community, as both the community and the member's own branch see it. */
export interface ServiceReport {
  id: string;
  memberId: string;
  memberName: string;
  /** The member's own organisation (branch). */
  memberOrgId: string;
  memberOrgName: string;
  communityOrgId: string;
  communityName: string;
  residentialArea: string;
  skills: string[];
  status: ServiceReportStatus;
  /** Why the community declined it; null otherwise. */
  declineReason: string | null;
  createdAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
}

/** `POST /service/reports/:id/decline` */
export interface ServiceReportDeclineRequest {
  reason: string;
}

/**
 * `GET /service/reports`: `mine=true` (the member's own, newest first, history included), or for
 * staff `communityOrgId` (reported to it) or `memberOrgId` (its subtree's members' reports);
 * `status` filters. Paginated (`limit`, `cursor`).
 */
export interface ServiceReportQuery {
  mine?: boolean;
  communityOrgId?: string;
  memberOrgId?: string;
  status?: ServiceReportStatus;
  limit?: number;
  cursor?: string;
}

// ── Activities ────────────────────────────────────────────────────────────────────────────────

/** A point in GCJ-02 (the coordinates `Taro.getLocation({ type: 'gcj02' })` and WeChat's maps use). */
export interface GeoPoint {
  lat: number;
  lng: number;
}

/** Where a check-in must happen: within `radiusM` metres of the point. */
export interface ActivityLocation extends GeoPoint {
  radiusM: number;
}

/** `POST /orgs/:id/activities` */
export interface ActivityCreateRequest {
  title: string;
  description: string;
  place: string;
  /** ISO-8601 with offset. */
  startsAt: string;
  endsAt: string;
  capacity: number;
  location?: ActivityLocation;
  /**
   * A standing service post (志愿服务岗位): this many weekly activities (2..52), each its own activity
   * with its own sign-ups; the answer is the first of them.
   */
  repeatWeekly?: number;
}

/** The caller's own sign-up and attendance, on an activity they signed up to. */
export interface MyActivitySignup {
  signedUpAt: string;
  checkinAt: string | null;
  checkoutAt: string | null;
  /** Confirmed minutes, or the computed overlap while not yet confirmed; null before check-out. */
  minutes: number | null;
  confirmed: boolean;
}

/** One signed-up member, as the organisation's staff see them (`GET /activities/:id`). */
export interface ActivityParticipant {
  memberId: string;
  name: string;
  orgName: string;
  signedUpAt: string;
  checkinAt: string | null;
  checkoutAt: string | null;
  /** The overlap of [check-in, check-out] with [start, end] in whole minutes; null until both exist. */
  computedMinutes: number | null;
  /** The confirmed minutes (maybe corrected); null until confirmed. */
  minutes: number | null;
  confirmed: boolean;
  /** Corrections made on confirmation, oldest first. */
  corrections: AttendanceCorrection[];
}

export interface Activity {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  description: string;
  place: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  /** Members signed up now (cancelled sign-ups are not counted). */
  signedUp: number;
  location: ActivityLocation | null;
  /** Shared by the activities of one weekly series (a service post); null for a single activity. */
  seriesId: string | null;
  /** The caller's sign-up, when signed in and signed up; absent otherwise. */
  mySignup?: MyActivitySignup | null;
  /** Staff of the organisation only. */
  participants?: ActivityParticipant[];
}

/** `GET /activities`: `orgId` (its subtree), `from` (default today), `to` (dates, Asia/Shanghai). */
export interface ActivityQuery {
  orgId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** `GET /activities/:id/checkin-code`: shown large on the organiser's phone, renewed every 30 s. */
export interface CheckinCode {
  /** The signed, time-stepped token; short enough to type. */
  code: string;
  /** When it stops being accepted: the end of the next step, at most 60 s after it was issued. */
  expiresAt: string;
  /** When the next code is due (the end of this step): refresh then. */
  refreshAt: string;
}

/** `POST /activities/:id/checkin` */
export interface CheckinRequest {
  code: string;
  /** GCJ-02; required when the activity has a location. */
  location?: GeoPoint;
}

/** `POST /activities/:id/checkout` */
export interface CheckoutRequest {
  code: string;
}

/** The caller's attendance after a check-in or check-out. */
export interface Attendance {
  activityId: string;
  memberId: string;
  checkinAt: string | null;
  checkoutAt: string | null;
  /** The computed overlap in whole minutes, once checked out; null before. */
  minutes: number | null;
  confirmed: boolean;
}

/** `POST /activities/:id/attendance/:memberId/confirm` */
export interface AttendanceConfirmRequest {
  /** Other than the computed value (or with no check-out), a correction: `reason` is then required. */
  minutes?: number;
  reason?: string;
}

export interface AttendanceConfirmation {
  memberId: string;
  minutes: number;
  confirmed: true;
  /** True when the minutes differ from the computed value (or there was no check-out). */
  corrected: boolean;
}

/** One entry of the attendance-correction trail. */
export interface AttendanceCorrection {
  /** The computed minutes (null: no check-out) … */
  fromMinutes: number | null;
  /** … and the minutes confirmed instead. */
  toMinutes: number;
  reason: string;
  byUserId: string;
  byName: string | null;
  at: string;
}

// ── 我为群众办实事 ─────────────────────────────────────────────────────────────────────────────

/** A logged deed waits for the branch (`pending`), which confirms or returns it with a reason. */
export const DeedStatuses = ['pending', 'confirmed', 'returned'] as const;
export type DeedStatus = (typeof DeedStatuses)[number];

/** `logged`: by the member; `wish`: a fulfilled micro-wish, counted automatically. */
export const DeedSources = ['logged', 'wish'] as const;
export type DeedSource = (typeof DeedSources)[number];

/** `POST /deeds` */
export interface DeedCreateRequest {
  title: string;
  description: string;
  /** `YYYY-MM-DD`, not in the future. */
  doneOn: string;
  photos: string[];
  /** For whom: never on a public route. */
  beneficiary?: string;
}

/** `POST /deeds/:id/return` */
export interface DeedReturnRequest {
  reason: string;
}

export interface Deed {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  source: DeedSource;
  title: string;
  description: string;
  doneOn: string;
  photos: string[];
  status: DeedStatus;
  returnReason: string | null;
  /** The member and staff of the member's organisation only; never public. */
  beneficiary?: string | null;
  createdAt: string;
}

/** `GET /deeds`: `mine=true`, or staff `orgId` (its subtree's members); `status` filters. Paginated. */
export interface DeedQuery {
  mine?: boolean;
  orgId?: string;
  status?: DeedStatus;
  limit?: number;
  cursor?: string;
}

// ── The member's service record ────────────────────────────────────────────────────────────────

/** One activity of the member's record. */
export interface ServiceActivityEntry {
  activityId: string;
  title: string;
  orgId: string;
  orgName: string;
  startsAt: string;
  endsAt: string;
  checkinAt: string | null;
  checkoutAt: string | null;
  /** Confirmed minutes; null while not confirmed. */
  minutes: number | null;
  confirmed: boolean;
}

/** `GET /members/:id/service?year=`: the year (Asia/Shanghai) of confirmed service. */
export interface MemberService {
  memberId: string;
  year: number;
  /** Confirmed minutes of the year. */
  minutes: number;
  /** Confirmed deeds of the year (logged and fulfilled micro-wishes). */
  deeds: number;
  activities: ServiceActivityEntry[];
  deedList: Deed[];
}

// ── 一卡反馈 ──────────────────────────────────────────────────────────────────────────────────

/** 优秀 / 合格 / 基本合格 / 不合格 */
export const ServiceGrades = ['excellent', 'good', 'basic', 'poor'] as const;
export type ServiceGrade = (typeof ServiceGrades)[number];

/** A year (`2026`) or a quarter (`2026Q4`), 2000–2099. */
export const SERVICE_PERIOD_PATTERN = /^20\d{2}(Q[1-4])?$/;

/** `PUT /service/ratings` */
export interface ServiceRatingRequest {
  memberId: string;
  period: string;
  grade: ServiceGrade;
  comment?: string;
}

export interface ServiceRating {
  memberId: string;
  memberName: string;
  memberOrgId: string;
  communityOrgId: string;
  communityName: string;
  period: string;
  grade: ServiceGrade;
  comment: string | null;
  /** The period's confirmed minutes and count of confirmed deeds. */
  minutes: number;
  deeds: number;
  ratedAt: string;
}

/** `GET /service/ratings?period=&memberOrgId=|communityOrgId=` */
export interface ServiceRatingList {
  items: ServiceRating[];
}
