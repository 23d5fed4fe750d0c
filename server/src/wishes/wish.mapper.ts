import { PublicWishStatuses, type Wish, type WishEvent, type WishStatus } from '@xianfeng/shared';
import type { WishEventRow, WishRow } from './wishes.repository.js';

/** The caller's relation to one wish; decides what of it they may see. */
export interface WishViewer {
  /** Posted it, for themselves or (staff) on a resident's behalf. */
  wisher: boolean;
  /** Holds it right now (claimed) or did the work (fulfilled, confirmed). */
  claimer: boolean;
  /** Staff of the wish's organisation or above, or an admin. */
  staff: boolean;
}

const PUBLIC: ReadonlySet<WishStatus> = new Set(PublicWishStatuses);
export const isPublicStatus = (s: WishStatus) => PUBLIC.has(s);

/** The claimer needs the wisher's contact only while there is work to do. */
const CLAIMER_SEES_CONTACT: ReadonlySet<WishStatus> = new Set(['claimed', 'fulfilled']);

/** 张三 → 张**; the first character (a whole code point), then two stars whatever the length. */
export function maskName(name: string | null): string {
  const first = name ? Array.from(name.trim())[0] : undefined;
  return first ? `${first}**` : '居民';
}

/** Whether the wish exists for this viewer at all (others get 404). */
export function canSee(row: Pick<WishRow, 'status'>, v: WishViewer): boolean {
  return v.staff || v.wisher || isPublicStatus(row.status);
}

/** Whether the viewer may see the wisher's full name and phone. */
export function seesWisherContact(row: Pick<WishRow, 'status'>, v: WishViewer): boolean {
  return v.staff || v.wisher || (v.claimer && CLAIMER_SEES_CONTACT.has(row.status));
}

/**
 * Builds the response field by field from an allow-list, so a column added later cannot leak: the
 * wisher's name is masked and their phone absent unless `seesWisherContact`; held texts are absent
 * for the public.
 */
export function toWish(r: WishRow, v: WishViewer, history?: WishEventRow[]): Wish {
  const privileged = v.staff || v.wisher;
  const noteVisible = !r.note_held || privileged || v.claimer;
  const thanksVisible = !r.thanks_held || privileged || v.claimer;
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    description: r.description,
    category: r.category,
    status: r.status,
    wisherDisplayName: maskName(r.wisher_name),
    ...(seesWisherContact(r, v) ? { wisher: { name: r.wisher_name, phone: r.wisher_phone, onBehalf: r.wisher_user_id === null } } : {}),
    claimant: r.claimant_member_id ? { memberId: r.claimant_member_id, name: r.claimant_name ?? '' } : null,
    expiresOn: r.expires_on,
    fulfilment: r.fulfilled_at
      ? { note: noteVisible ? r.fulfil_note : null, photos: r.fulfil_photos ?? [], fulfilledAt: r.fulfilled_at.toISOString() }
      : null,
    confirmation: r.confirmed_at
      ? { thanks: thanksVisible ? r.thanks : null, rating: r.rating, confirmedAt: r.confirmed_at.toISOString() }
      : null,
    ...(privileged ? { rejectReason: r.reject_reason } : {}),
    ...(privileged || v.claimer ? { held: { content: r.content_held, note: r.note_held, thanks: r.thanks_held } } : {}),
    viewer: { wisher: v.wisher, claimer: v.claimer, staff: v.staff },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    ...(history ? { history: history.map((e) => toWishEvent(e, privileged)) } : {}),
  };
}

/** A history step: who by role (a member by name), never the wisher's identity. */
export function toWishEvent(e: WishEventRow, withNotes: boolean): WishEvent {
  return {
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    actorRole: e.actor_role,
    actorLabel: actorLabel(e),
    ...(withNotes && e.note ? { note: e.note } : {}),
    at: e.created_at.toISOString(),
  };
}

function actorLabel(e: WishEventRow): string {
  switch (e.actor_role) {
    case 'wisher':
      return '群众';
    case 'member':
      return e.actor_member_name ? `党员 ${e.actor_member_name}` : '党员';
    case 'staff':
      return e.on_behalf ? '工作人员（代群众发布）' : '工作人员';
    case 'system':
      return '系统';
  }
}
