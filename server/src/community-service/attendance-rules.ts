/** Whole minutes of [checkin, checkout] that fall inside [startsAt, endsAt]; 0 when they do not meet. */
export function overlapMinutes(checkin: Date, checkout: Date, startsAt: Date, endsAt: Date): number {
  const from = Math.max(checkin.getTime(), startsAt.getTime());
  const to = Math.min(checkout.getTime(), endsAt.getTime());
  return to > from ? Math.floor((to - from) / 60_000) : 0;
}

/** Check-in opens this long before the start, and closes at the end. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;
/** Check-out closes this long after the end. */
export const CHECKOUT_CLOSES_AFTER_MS = 2 * 3600_000;

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Great-circle distance in metres (haversine). Both points are GCJ-02, the frame WeChat's location
 * and maps use: its offset from WGS-84 is smooth over a few kilometres, so distances within a
 * check-in radius come out right without converting either point.
 */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** `2026` → the year, `2026Q4` → October to December, as Asia/Shanghai calendar dates (both included). */
export function periodDates(period: string): { from: string; to: string } {
  const year = period.slice(0, 4);
  const q = period.length === 6 ? Number(period[5]) : null;
  if (!q) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const first = (q - 1) * 3 + 1;
  const last = first + 2;
  const lastDay = [31, 30, 30, 31][q - 1];
  return { from: `${year}-${String(first).padStart(2, '0')}-01`, to: `${year}-${String(last).padStart(2, '0')}-${lastDay}` };
}
