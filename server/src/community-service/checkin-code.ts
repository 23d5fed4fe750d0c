import { createHmac, timingSafeEqual } from 'node:crypto';

/** A code lives for one 30-second step; the step before the current one is still accepted (a slow scan). */
export const STEP_SECONDS = 30;
const STEP_BITS = 24;
const STEP_MASK = (1 << STEP_BITS) - 1;
const MAC_BYTES = 7;
/** Crockford's base32: no I, L, O, U, so a typed code has no look-alike letters. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const stepAt = (at: Date): number => Math.floor(at.getTime() / 1000 / STEP_SECONDS);
export const stepStart = (step: number): Date => new Date(step * STEP_SECONDS * 1000);

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

function mac(secret: string, activityId: string, step: number): Buffer {
  return createHmac('sha256', secret).update(`checkin:${activityId}:${step}`).digest().subarray(0, MAC_BYTES);
}

/**
 * The check-in code of an activity for one step: the step's low 24 bits and an HMAC naming the
 * activity and the full step, in 16 base32 characters (shown as four groups of four). The activity is
 * not spelled out: the route names it, and the MAC of another activity does not verify.
 */
export function issueCode(secret: string, activityId: string, step: number): string {
  const low = step & STEP_MASK;
  const payload = Buffer.concat([Buffer.from([(low >>> 16) & 255, (low >>> 8) & 255, low & 255]), mac(secret, activityId, step)]);
  return base32(payload).match(/.{1,4}/g)!.join('-');
}

export type CodeCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Accepts a code of this activity issued in the current or the previous step. A genuine code of an
 * older step is `expired`; anything that does not verify (another activity's, forged, mistyped, or
 * from the future) is `invalid`. Dashes, spaces and case are ignored, O/I/L read as 0/1/1.
 */
export function verifyCode(secret: string, activityId: string, code: string, now: Date): CodeCheck {
  const text = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const bytes = text.length === 16 ? unbase32(text) : null;
  if (!bytes || bytes.length !== 3 + MAC_BYTES) return { ok: false, reason: 'invalid' };
  const current = stepAt(now);
  const low = (bytes[0] << 16) | (bytes[1] << 8) | bytes[2];
  // The full step nearest to now with these low bits (a wrap every 16 years).
  let step = current - ((current - low) & STEP_MASK);
  if (current - step > STEP_MASK / 2) step += STEP_MASK + 1;
  const expected = mac(secret, activityId, step);
  if (!timingSafeEqual(expected, bytes.subarray(3))) return { ok: false, reason: 'invalid' };
  if (step > current) return { ok: false, reason: 'invalid' };
  if (step < current - 1) return { ok: false, reason: 'expired' };
  return { ok: true, step };
}
