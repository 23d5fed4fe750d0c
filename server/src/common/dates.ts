import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** All calendar dates in the product are Asia/Shanghai dates. */
export const ZONE = 'Asia/Shanghai';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a `YYYY-MM-DD` string naming a real day (2023-02-30 is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, month1: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month1 - 1];
}

/** The last day todayInShanghai() worked out, and the instants it runs from and until. */
let lastDay: { day: string; from: number; until: number } | null = null;

/**
 * Today's date in Asia/Shanghai, as `YYYY-MM-DD`. Converting an instant to a zone is slow (two
 * Intl formatToParts calls: 43% of a 亮岗 board request's CPU, once per card), so the day is worked
 * out once and reused for every instant until its midnight.
 */
export function todayInShanghai(now: Date = new Date()): string {
  const t = now.getTime();
  if (lastDay && t >= lastDay.from && t < lastDay.until) return lastDay.day;
  const start = dayjs(now).tz(ZONE).startOf('day');
  lastDay = { day: start.format('YYYY-MM-DD'), from: start.valueOf(), until: start.add(1, 'day').valueOf() };
  return lastDay.day;
}

/** Whole years from `from` to `on` (both `YYYY-MM-DD`), counting a year once its anniversary is reached. */
export function wholeYearsBetween(from: string, on: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = on.split('-').map(Number);
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return Math.max(0, years);
}

/** Formats a Postgres `date` value (string or Date at local midnight) as `YYYY-MM-DD`. */
export function toDateString(value: string | Date | null | undefined): string | null {
  if (value == null) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const y = value.getFullYear();
  const m = String(value.getMonth() + 1).padStart(2, '0');
  const d = String(value.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
