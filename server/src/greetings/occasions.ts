import dayjs from 'dayjs';
import { isLeapYear } from '../common/dates.js';

/** Month·100 + day, the key the database indexes (`md(date)` in SQL). */
export const monthDay = (date: string): number => Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));

/** The anniversary of `original` in `year`. 29 February falls on 28 February in other years. */
export function anniversaryIn(original: string, year: number): string {
  let md = original.slice(5);
  if (md === '02-29' && !isLeapYear(year)) md = '02-28';
  return `${String(year).padStart(4, '0')}-${md}`;
}

/** The month-days whose anniversaries fall in [from, to] (both YYYY-MM-DD), 29 February included when it maps in. */
export function monthDaysInRange(from: string, to: string): number[] {
  const set = new Set<number>();
  for (let d = dayjs(from); !d.isAfter(dayjs(to)); d = d.add(1, 'day')) {
    const s = d.format('YYYY-MM-DD');
    set.add(monthDay(s));
    if (s.endsWith('-02-28') && !isLeapYear(d.year())) set.add(229);
  }
  return [...set].sort((a, b) => a - b);
}

/** Every anniversary of `original` within [from, to], with the whole years it marks (≥ 1). */
export function anniversariesInRange(original: string, from: string, to: string): Array<{ on: string; years: number }> {
  const out: Array<{ on: string; years: number }> = [];
  const startYear = Number(original.slice(0, 4));
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    const on = anniversaryIn(original, y);
    const years = y - startYear;
    if (years >= 1 && on >= from && on <= to) out.push({ on, years });
  }
  return out;
}

/** Days in [from, to], counting both ends. */
export function daysInclusive(from: string, to: string): number {
  return dayjs(to).diff(dayjs(from), 'day') + 1;
}
