import type { WishCategory, WishStatus } from './enums.js';

/**
 * Statuses anyone may see on the wall. `pending_review`, `rejected` and `expired` wishes are shown
 * only to staff of the organisation and to the person who posted them.
 */
export const PublicWishStatuses = ['open', 'claimed', 'fulfilled', 'confirmed'] as const satisfies readonly WishStatus[];

/** Who took a step, as shown in a wish's history. */
export const WishActorRoles = ['wisher', 'member', 'staff', 'system'] as const;
export type WishActorRole = (typeof WishActorRoles)[number];

/** The steps of a wish's life, as recorded in its history. */
export const WishActions = ['post', 'approve', 'reject', 'claim', 'release', 'fulfil', 'confirm', 'expire', 'clear_held'] as const;
export type WishAction = (typeof WishActions)[number];

/** One step of a wish's history. Never names the wisher; a claimer is named (members are public). */
export interface WishEvent {
  action: WishAction;
  fromStatus: WishStatus | null;
  toStatus: WishStatus | null;
  actorRole: WishActorRole;
  /** 群众 / 党员 张三 / 工作人员 / 工作人员（代群众发布）/ 系统 */
  actorLabel: string;
  /** The rejection reason: only for staff of the organisation and the wisher. */
  note?: string;
  at: string;
}

/**
 * The wisher as seen by those entitled to reach them: the wisher themselves (and whoever posted on
 * their behalf), staff of the organisation, and the claimer while the wish is claimed or fulfilled.
 */
export interface WishWisher {
  name: string | null;
  phone: string | null;
  /** Posted by staff for a resident without the app: there is no wisher account. */
  onBehalf: boolean;
}

export interface WishFulfilment {
  /** Null for the public while the note is held for review (see `held`). */
  note: string | null;
  photos: string[];
  fulfilledAt: string;
}

export interface WishConfirmation {
  /** Null when no thanks were given, or for the public while they are held for review. */
  thanks: string | null;
  rating: number | null;
  confirmedAt: string;
}

/**
 * A micro-wish (微心愿). Everyone sees `wisherDisplayName` (masked: 张**), never the phone; `wisher`
 * is present only for the people listed on WishWisher.
 */
export interface Wish {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  description: string;
  category: WishCategory;
  status: WishStatus;
  /** Masked: the first character and `**` (张**), or 居民 when no name was given. */
  wisherDisplayName: string;
  wisher?: WishWisher;
  claimant: { memberId: string; name: string } | null;
  /** Last day (Asia/Shanghai) the wish stays open on the wall; it expires the day after. */
  expiresOn: string | null;
  fulfilment: WishFulfilment | null;
  confirmation: WishConfirmation | null;
  /** Staff of the organisation and the wisher only. */
  rejectReason?: string | null;
  /**
   * Staff of the organisation and the wisher (and the claimer, for their note) only: which texts
   * WeChat's check sent to human review. Held texts are not shown to the public until staff clear them.
   */
  held?: { content: boolean; note: boolean; thanks: boolean };
  /** The caller's relation to the wish, so the client knows which buttons to offer. */
  viewer: { wisher: boolean; claimer: boolean; staff: boolean };
  createdAt: string;
  updatedAt: string;
  /** Oldest first. Present on `GET /wishes/:id` and on state-changing answers; lists omit it. */
  history?: WishEvent[];
}

/** `POST /wishes`. Staff of the organisation giving `wisherName` post on a resident's behalf. */
export interface CreateWishRequest {
  orgId: string;
  /** 1–30 characters. */
  title: string;
  /** 1–500 characters. */
  description: string;
  category: WishCategory;
  /** On behalf: the resident's name (required). Otherwise: the name the wisher goes by (optional). */
  wisherName?: string;
  /** Shown only to staff and to the claimer once claimed. */
  wisherPhone?: string;
}

export interface ApproveWishRequest {
  /** YYYY-MM-DD, today or later: the last day the wish stays open. */
  expiresOn?: string;
}

export interface RejectWishRequest {
  reason: string;
}

export interface FulfilWishRequest {
  note: string;
  /** Up to 9 image URLs from `POST /uploads`. */
  photos?: string[];
}

export interface ConfirmWishRequest {
  thanks?: string;
  /** 1–5 */
  rating?: number;
}

/**
 * `GET /orgs/:id/wish-counts`, over the organisation's subtree. Counts are cumulative, like the
 * contract's stats: `posted` = every wish that reached the wall (expired included), `claimed` =
 * every wish claimed and not released (fulfilled and confirmed included), `fulfilled` = fulfilled
 * or confirmed — the board's "已认领完成 N 个". `open` is the number open right now.
 */
export interface WishCounts {
  orgId: string;
  posted: number;
  open: number;
  claimed: number;
  fulfilled: number;
  confirmed: number;
}

/** `GET|PUT /orgs/:id/wish-settings` */
export interface WishSettings {
  orgId: string;
  /** How many unfinished (claimed, not yet fulfilled) wishes one member may hold, 1–20; default 3. */
  claimLimit: number;
  /** The ancestor whose setting applies, when this organisation has none of its own. */
  inheritedFrom: string | null;
}

export interface WishSettingsRequest {
  claimLimit: number;
}
