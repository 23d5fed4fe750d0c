import { describe, expect, it } from '@jest/globals';
import { todayInShanghai } from './dates.js';

describe('todayInShanghai', () => {
  it('turns at Shanghai midnight (16:00 UTC), whichever instants it was asked about before', () => {
    const at = (iso: string) => todayInShanghai(new Date(iso));
    expect(at('2026-12-03T15:59:59.999Z')).toBe('2026-12-03');
    expect(at('2026-12-03T16:00:00.000Z')).toBe('2026-12-04');
    expect(at('2026-12-03T15:59:59.999Z')).toBe('2026-12-03'); // back again: not the day it last worked out
    expect(at('2026-12-02T16:00:00.000Z')).toBe('2026-12-03');
    expect(at('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(at('2024-02-28T16:30:00.000Z')).toBe('2024-02-29');
  });
});
