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
  status: MemberStatus;
  phone?: string;
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
