import type { Gender, MemberStatus, OrgType, PostKind } from './enums.js';

/** Every list route answers with this body; pass `nextCursor` back as `?cursor=` for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Role = { role: 'admin' } | { role: 'staff'; orgId: string; orgName?: string };

export interface User {
  id: string;
  nickname?: string | null;
  avatarUrl?: string | null;
  roles: Role[];
  member: Member | null;
}

export interface LoginRequest {
  /** The code from wx.login (or `dev:<openid>` against the stand-in WeChat). */
  code: string;
}

export interface LoginResponse {
  token: string;
  /** ISO-8601 time at which the token stops working. */
  expiresAt: string;
  user: User;
}

export interface Org {
  id: string;
  name: string;
  type: OrgType;
  parentId: string | null;
}

/** `GET /orgs/:id`: the organisation and counts anyone may see. */
export interface OrgDetail extends Org {
  parentName: string | null;
  counts: { members: number; children: number };
  /**
   * The caller's relation to the organisation, so the client knows which tabs to offer: `staff`
   * when the caller is staff of it or of an ancestor, or an admin (false without a login).
   */
  viewer: { staff: boolean };
}

export interface CreateOrgRequest {
  name: string;
  type: OrgType;
  parentId?: string | null;
}

/** The staff view of a member record, private fields included. */
export interface Member {
  id: string;
  orgId: string;
  orgName?: string;
  userId: string | null;
  name: string;
  gender: Gender;
  /** YYYY-MM-DD. Private. */
  birthday: string;
  /** YYYY-MM-DD. */
  joinedPartyOn: string;
  workStartedOn?: string | null;
  status: MemberStatus;
  postKind: PostKind | null;
  postTitle?: string | null;
  duties?: string | null;
  photoUrl?: string | null;
  /** Private unless `showPhone`. */
  phone?: string | null;
  showPhone: boolean;
}

export type CreateMemberRequest = Omit<Member, 'id' | 'userId' | 'orgId' | 'orgName'>;
export type UpdateMemberRequest = Partial<CreateMemberRequest> & { orgId?: string };

export interface CreateMemberResponse {
  member: Member;
  /** One-time code the member enters (or scans) to bind their WeChat account. */
  bindCode: string;
  bindCodeExpiresAt: string;
}

/** What a member may change about themselves. */
export interface UpdateMyMemberRequest {
  duties?: string | null;
  photoUrl?: string | null;
  postTitle?: string | null;
  phone?: string | null;
  showPhone?: boolean;
}

export interface BindRequest {
  bindCode: string;
}

/** The public identity card (亮身份). Never carries the birthday; the phone only when opted in. */
export interface MemberCard {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  postKind: PostKind | null;
  postTitle: string | null;
  duties: string | null;
  photoUrl: string | null;
  joinedPartyOn: string;
  partyYears: number;
  phone?: string;
  /** Confirmed service minutes of the current year (Asia/Shanghai): a count, never the detail. */
  serviceMinutes: number;
  /** Confirmed deeds (我为群众办实事) of the current year: a count, never whom they helped. */
  deeds: number;
}

/** `GET /orgs/:id/board`: the 亮岗 wall. */
export interface Board {
  org: Org;
  items: MemberCard[];
  nextCursor: string | null;
}

export interface StaffGrantRequest {
  userId: string;
  revoke?: boolean;
}

export interface StaffGrantResponse {
  userId: string;
  orgId: string;
  staff: boolean;
}

/** `POST /orgs/:id/members/import` */
export interface ImportResult {
  imported: number;
  members: Array<{ id: string; name: string; bindCode: string }>;
}

export interface UploadResponse {
  url: string;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  uptimeSeconds: number;
  version: string;
}

/** Subscribe-message templates, by key; the ids come from the server's configuration. */
export const NotificationTemplateKeys = ['greeting', 'wish_event', 'commitment_event', 'service_event'] as const;
export type NotificationTemplateKey = (typeof NotificationTemplateKeys)[number];

/** `GET /subscriptions/templates` */
export interface SubscriptionTemplate {
  key: NotificationTemplateKey;
  templateId: string;
  /** Grants the caller has left for this template (each accept adds one, each message spends one). */
  remaining: number;
}

/** `POST /subscriptions`: the outcome of wx.requestSubscribeMessage, per template id. */
export interface SubscriptionReport {
  results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>;
}

/** What happened on the WeChat side; the inbox has the notification whatever this says. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'no_quota' | 'failed';

/** One entry of the in-app inbox (`GET /notifications`). */
export interface Notification {
  id: string;
  templateKey: NotificationTemplateKey;
  title: string;
  body: string;
  page: string | null;
  delivery: DeliveryStatus;
  createdAt: string;
  readAt: string | null;
}

/** The inbox page carries the unread count for the badge. */
export interface Inbox extends Page<Notification> {
  unread: number;
}

/** The 三色生日表: birthdays, political birthdays and work anniversaries. */
export const OccasionKinds = ['birthday', 'political_birthday', 'work_anniversary'] as const;
export type OccasionKind = (typeof OccasionKinds)[number];

/** `GET /orgs/:id/occasions?from=&to=` */
export interface Occasion {
  memberId: string;
  name: string;
  orgId: string;
  orgName: string;
  kind: OccasionKind;
  /** The anniversary date within the range (29 Feb falls on 28 Feb in other years). */
  on: string;
  /** Age, years in the Party, or years at work, reached on that day. */
  years: number;
  /** Whether the member has a WeChat account bound (so can receive a message). */
  bound: boolean;
  /** The greeting already sent for this occasion's year, if any (not for work anniversaries). */
  greeting: { id: string; sentAt: string } | null;
}

export interface GreetingSettings {
  orgId: string;
  /** Placeholders: {name} {years} {org}. */
  templates: { birthday: string; political_birthday: string };
  autoSend: boolean;
  /** Hour of the day (Asia/Shanghai, 0–23) at which automatic greetings go out. */
  sendHour: number;
  /** The organisation whose settings these are (an ancestor's, when this one has none of its own). */
  inheritedFrom: string | null;
}

export interface Greeting {
  id: string;
  memberId: string;
  memberName: string;
  kind: import('./enums.js').GreetingKind;
  occasionOn: string;
  years: number;
  message: string;
  orgName: string;
  sentAt: string;
  readAt: string | null;
}

export interface SendGreetingRequest {
  memberId: string;
  kind: import('./enums.js').GreetingKind;
  message?: string;
}

export interface BatchGreetingResult {
  results: Array<{ memberId: string; kind: import('./enums.js').GreetingKind; status: 'sent' | 'error'; code?: string; greetingId?: string; message?: string }>;
}
