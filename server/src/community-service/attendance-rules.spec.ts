import { describe, expect, it } from '@jest/globals';
import { distanceM, overlapMinutes, periodDates } from './attendance-rules.js';
import { issueCode, stepAt, verifyCode } from './checkin-code.js';

const at = (s: string) => new Date(s);

describe('overlapMinutes', () => {
  const start = at('2026-03-01T22:00:00+08:00');
  const end = at('2026-03-02T02:00:00+08:00');
  it('counts across midnight', () => {
    expect(overlapMinutes(at('2026-03-01T23:30:00+08:00'), at('2026-03-02T00:45:30+08:00'), start, end)).toBe(75);
  });
  it('is capped at the activity bounds', () => {
    expect(overlapMinutes(at('2026-03-01T21:00:00+08:00'), at('2026-03-02T05:00:00+08:00'), start, end)).toBe(240);
  });
  it('is 0 when the stay misses the activity', () => {
    expect(overlapMinutes(at('2026-03-02T03:00:00+08:00'), at('2026-03-02T04:00:00+08:00'), start, end)).toBe(0);
  });
});

describe('distanceM', () => {
  it('measures about 111 m per 0.001° of latitude', () => {
    expect(Math.round(distanceM({ lat: 31.2, lng: 121.4 }, { lat: 31.201, lng: 121.4 }))).toBe(111);
  });
});

describe('periodDates', () => {
  it('knows years and quarters', () => {
    expect(periodDates('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodDates('2026Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodDates('2026Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
  });
});

describe('check-in codes', () => {
  const secret = 's3cret';
  const a = '11111111-1111-1111-1111-111111111111';
  const b = '22222222-2222-2222-2222-222222222222';
  const now = at('2026-05-01T09:00:10Z');
  const step = stepAt(now);
  it('are short and typeable', () => {
    expect(issueCode(secret, a, step)).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  });
  it('accept the current and the previous step, typed loosely', () => {
    expect(verifyCode(secret, a, issueCode(secret, a, step), now)).toEqual({ ok: true, step });
    expect(verifyCode(secret, a, issueCode(secret, a, step - 1).toLowerCase().replace(/-/g, ' '), now)).toEqual({ ok: true, step: step - 1 });
  });
  it('refuse an older step as expired, another activity or a forgery as invalid', () => {
    expect(verifyCode(secret, a, issueCode(secret, a, step - 2), now)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyCode(secret, a, issueCode(secret, b, step), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyCode('other', a, issueCode(secret, a, step), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyCode(secret, a, issueCode(secret, a, step + 1), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyCode(secret, a, 'hello', now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
