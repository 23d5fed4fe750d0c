/**
 * Calendar dates as the product means them: `YYYY-MM-DD` in Asia/Shanghai (UTC+8 all year, no
 * daylight saving), whatever the phone's or the server's own time zone says. Plain arithmetic on
 * UTC so both sides run it without a date library.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today in Asia/Shanghai, `YYYY-MM-DD`. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Asia/Shanghai calendar day of an instant (ISO time or Date), `YYYY-MM-DD`. */
export function shanghaiDateOf(at: string | Date): string {
  return todayInShanghai(typeof at === 'string' ? new Date(at) : at);
}

/** `{ year, month, day }` of a real calendar day (2023-02-30 is not one), else null. */
export function parseYmd(value: unknown): { year: number; month: number; day: number } | null {
  if (typeof value !== 'string') return null;
  const m = YMD.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** True for a `YYYY-MM-DD` naming a real day. */
export function isYmd(value: unknown): value is string {
  return parseYmd(value) !== null;
}

/** `YYYY-MM-DD` plus `days` (negative goes back). */
export function addDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The Asia/Shanghai wall-clock time of an instant, `HH:mm`. */
export function shanghaiTimeOf(at: string | Date): string {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}
