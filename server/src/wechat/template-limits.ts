/**
 * WeChat's value limits for subscribe-message template data, by key type. A template key is its type
 * followed by digits (`thing1`, `character_string12`). WeChat rejects a too-long value with 47003, so
 * text must be cut before sending. The stand-in WeChat server checks against this same table.
 */

interface TemplateLimit {
  /** Maximum length in Unicode code points. */
  max: number;
  /** `name` is 10 Chinese characters, or 20 when the value has no Chinese at all. */
  maxWithoutCjk?: number;
  /** Whether a cut value may end in '…' (free text yes; numbers and codes would become invalid). */
  ellipsis: boolean;
}

export const TEMPLATE_VALUE_LIMITS: Readonly<Record<string, TemplateLimit>> = {
  thing: { max: 20, ellipsis: true },
  name: { max: 10, maxWithoutCjk: 20, ellipsis: true },
  // phrase is "5 Chinese characters or fewer"; '…' is not one, so a phrase is cut plainly.
  phrase: { max: 5, ellipsis: false },
  number: { max: 32, ellipsis: false },
  character_string: { max: 32, ellipsis: false },
  phone_number: { max: 17, ellipsis: false },
};

const ELLIPSIS = '…';
const CJK = /\p{Script=Han}/u;

/** `thing12` → `thing`, `character_string3` → `character_string`. */
export function templateKeyType(key: string): string {
  return key.replace(/\d+$/, '');
}

export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** The maximum length (code points) WeChat allows for this key and value, or undefined when unlimited here. */
export function templateValueLimit(key: string, value: string): number | undefined {
  const limit = TEMPLATE_VALUE_LIMITS[templateKeyType(key)];
  if (!limit) return undefined;
  if (limit.maxWithoutCjk !== undefined && !CJK.test(value)) return limit.maxWithoutCjk;
  return limit.max;
}

/**
 * Cuts `value` to what WeChat accepts for a key of this type, counting Unicode code points (so an
 * emoji or a rare Han character is never split in half). Free-text types end in '…' when cut.
 * Key types without a length limit (date, time, amount, …) are returned unchanged.
 */
export function truncateTemplateValue(key: string, value: string): string {
  const limit = TEMPLATE_VALUE_LIMITS[templateKeyType(key)];
  const max = templateValueLimit(key, value);
  if (!limit || max === undefined) return value;
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  if (limit.ellipsis && max > 1) return chars.slice(0, max - 1).join('') + ELLIPSIS;
  return chars.slice(0, max).join('');
}

/** Applies truncateTemplateValue to every entry of a template's data. */
export function truncateTemplateData(
  data: Record<string, { value: string }>,
): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [key, entry] of Object.entries(data)) out[key] = { value: truncateTemplateValue(key, entry.value) };
  return out;
}
