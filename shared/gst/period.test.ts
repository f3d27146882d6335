import { describe, expect, it } from 'vitest';

import { isIsoDate, isoDate, parseReturnPeriod, toPortalDate } from './period';

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
    expect(isIsoDate('01-08-2024')).toBe(false);
  });

  it('writes portal dates DD-MM-YYYY', () => {
    expect(toPortalDate(isoDate('2024-08-01'))).toBe('01-08-2024');
  });
});

describe('parseReturnPeriod', () => {
  it('covers one month for a monthly filer', () => {
    expect(parseReturnPeriod('022024', 'monthly')).toEqual({
      ok: true,
      value: { fp: '022024', first: '2024-02-01', last: '2024-02-29', yearMonth: 202402 },
    });
  });

  it('covers the quarter ending in the named month for a quarterly filer', () => {
    const result = parseReturnPeriod('092024', 'quarterly');
    expect(result.ok && [result.value.first, result.value.last]).toEqual([
      '2024-07-01',
      '2024-09-30',
    ]);
  });

  it('refuses malformed periods and quarters not ending in a quarter month', () => {
    const codes = ['2024-09', '132024', '092016'].map((fp) => {
      const result = parseReturnPeriod(fp, 'monthly');
      return result.ok ? 'ok' : result.error.code;
    });
    expect(codes).toEqual(['period_format', 'period_format', 'period_format']);
    const quarter = parseReturnPeriod('082024', 'quarterly');
    expect(quarter.ok ? 'ok' : quarter.error.code).toBe('period_quarter');
  });
});
