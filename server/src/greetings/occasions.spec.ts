import { describe, expect, it } from '@jest/globals';
import { anniversariesInRange, anniversaryIn, monthDay, monthDaysInRange } from './occasions.js';

describe('occasion dates', () => {
  it('puts 29 February on 28 February in non-leap years, and keeps it in leap years', () => {
    expect(anniversaryIn('1988-02-29', 2025)).toBe('2025-02-28');
    expect(anniversaryIn('1988-02-29', 2028)).toBe('2028-02-29');
    expect(anniversaryIn('1988-02-29', 2100)).toBe('2100-02-28'); // not a leap year
    expect(anniversaryIn('1988-03-01', 2025)).toBe('2025-03-01');
  });

  it('includes 29 February birthdays when the range holds 28 February of a non-leap year', () => {
    expect(monthDaysInRange('2025-02-28', '2025-02-28')).toEqual([228, 229]);
    expect(monthDaysInRange('2024-02-28', '2024-02-28')).toEqual([228]);
    expect(monthDaysInRange('2024-02-29', '2024-02-29')).toEqual([229]);
    expect(anniversariesInRange('1988-02-29', '2025-02-28', '2025-02-28')).toEqual([{ on: '2025-02-28', years: 37 }]);
    expect(anniversariesInRange('1988-02-29', '2024-02-28', '2024-02-28')).toEqual([]);
  });

  it('handles a range across New Year', () => {
    expect(monthDaysInRange('2025-12-30', '2026-01-02')).toEqual([101, 102, 1230, 1231]);
    expect(anniversariesInRange('1970-01-01', '2025-12-30', '2026-01-02')).toEqual([{ on: '2026-01-01', years: 56 }]);
    expect(anniversariesInRange('1970-12-31', '2025-12-30', '2026-01-02')).toEqual([{ on: '2025-12-31', years: 55 }]);
  });

  it('lists an anniversary once per year in a long range, and never the year zero', () => {
    expect(anniversariesInRange('2024-06-01', '2024-01-01', '2026-12-31')).toEqual([
      { on: '2025-06-01', years: 1 },
      { on: '2026-06-01', years: 2 },
    ]);
  });

  it('computes month-day keys', () => {
    expect(monthDay('2012-07-01')).toBe(701);
    expect(monthDay('1990-12-31')).toBe(1231);
  });
});
