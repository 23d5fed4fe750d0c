/**
 * WeChat platform shapes both sides share: the `scene` of a mini-program code, and photos held by
 * the image content check.
 */

/** What a mini-program code opens: a member's card (`m`) or an organisation's board (`o`). */
export type SceneKind = 'member' | 'org';

export interface Scene {
  kind: SceneKind;
  /** The member's or organisation's uuid. */
  id: string;
}

const PREFIX: Record<SceneKind, string> = { member: 'm', org: 'o' };
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 'm' or 'o', then 22 base64url characters (16 bytes, no padding): 23 characters, WeChat allows 32. */
const SCENE_RE = /^[mo][A-Za-z0-9_-]{21}[AQgw]$/;

/**
 * The compact `scene` for wxacode.getUnlimited: a kind letter and the uuid's 16 bytes in base64url.
 * Pure string arithmetic (no Buffer, no btoa) so the mini-program can use it as is.
 */
export function encodeScene(scene: Scene): string {
  if (!UUID_RE.test(scene.id)) throw new Error(`scene id must be a uuid, got ${JSON.stringify(scene.id)}`);
  const hex = scene.id.replace(/-/g, '').toLowerCase();
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return PREFIX[scene.kind] + out;
}

/**
 * The card or board a scene names, or null for anything else. Accepts the raw `options.scene` a
 * page receives (URL-encoded by WeChat) as well as the decoded string.
 */
export function decodeScene(raw: string | null | undefined): Scene | null {
  if (typeof raw !== 'string') return null;
  let s: string;
  try {
    s = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (!SCENE_RE.test(s)) return null;
  const kind: SceneKind = s[0] === 'm' ? 'member' : 'org';
  const body = s.slice(1);
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of body) {
    acc = (acc << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
    acc &= (1 << bits) - 1;
  }
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { kind, id };
}

/** Where a photo stands in WeChat's image check (mediaCheckAsync). */
export type PhotoCheckState = 'pending' | 'pass' | 'risky' | 'review' | 'approved' | 'removed';

/** A photo hidden from public view while WeChat's check (or staff) has not cleared it. */
export interface HeldPhoto {
  id: string;
  /** The photo's public URL (answers 404 while held); staff see it through `viewUrl`. */
  url: string;
  /** A signed, expiring URL through which staff can look at the photo now. */
  viewUrl: string;
  state: PhotoCheckState;
  /** The organisation whose public pages show it (its staff review it). */
  orgId: string;
  uploadedAt: string;
}

export interface HeldPhotoList {
  items: HeldPhoto[];
}
