import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  applyHalfRate,
  applyRate,
  divideRounded,
  formatIndian,
  formatRate,
  formatRupees,
  parseRate,
  parseRupees,
  rate,
  rateFromBasisPoints,
  rupees,
  toRupeeNumber,
  type Rate,
} from './money';

describe('parseRupees', () => {
  it('reads strings and numbers with up to two decimals as paise', () => {
    expect(parseRupees('1234.50')).toEqual({ ok: true, value: 123450n });
    expect(parseRupees(1234.5)).toEqual({ ok: true, value: 123450n });
    expect(parseRupees('7')).toEqual({ ok: true, value: 700n });
    expect(parseRupees('-0.05')).toEqual({ ok: true, value: -5n });
    expect(parseRupees('2.500')).toEqual({ ok: true, value: 250n });
  });

  it('refuses a third significant decimal instead of rounding it away', () => {
    const result = parseRupees('1.005');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('too_many_decimals');
  });

  it('refuses a float that is not exactly a short decimal', () => {
    const result = parseRupees(0.1 + 0.2);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('too_many_decimals');
  });

  it('refuses malformed text, exponents and amounts beyond 10^13 rupees', () => {
    for (const bad of ['', '1,000', '1e3', '₹5', '.5', '5.', 'NaN']) {
      const result = parseRupees(bad);
      expect(result.ok ? 'parsed' : result.error.code, bad).toBe('not_decimal');
    }
    const huge = parseRupees('10000000000000.01');
    expect(huge.ok ? 'parsed' : huge.error.code).toBe('out_of_range');
  });
});

describe('formatting', () => {
  it('groups Indian style: last three digits, then pairs', () => {
    expect(formatIndian(rupees('100000'))).toBe('1,00,000.00');
    expect(formatIndian(rupees('12345678.9'))).toBe('1,23,45,678.90');
    expect(formatIndian(rupees('999'))).toBe('999.00');
    expect(formatIndian(rupees('1000'))).toBe('1,000.00');
    expect(formatIndian(rupees('-250000.5'))).toBe('-2,50,000.50');
    expect(formatIndian(0n)).toBe('0.00');
  });

  it('prints plain two-decimal rupees and shortest rates', () => {
    expect(formatRupees(-5n)).toBe('-0.05');
    expect(formatRupees(123450n)).toBe('1234.50');
    expect(toRupeeNumber(123450n)).toBe(1234.5);
    expect(formatRate(rate('18'))).toBe('18');
    expect(formatRate(rate('0.25'))).toBe('0.25');
    expect(formatRate(rate('100'))).toBe('100');
    expect(formatRate(rateFromBasisPoints(150))).toBe('1.5');
  });

  it('round-trips any amount through its string form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (paise) => {
        expect(parseRupees(formatRupees(paise))).toEqual({ ok: true, value: paise });
        expect(parseRupees(toRupeeNumber(paise))).toEqual({ ok: true, value: paise });
      }),
    );
  });
});

describe('rates and rounding', () => {
  it('parses rates to 1/10,000 of a percent', () => {
    expect(parseRate('18')).toEqual({ ok: true, value: 180000n });
    expect(parseRate(0.1)).toEqual({ ok: true, value: 1000n });
    expect(rateFromBasisPoints(1800)).toBe(rate('18'));
  });

  it('rounds half away from zero', () => {
    expect(divideRounded(5n, 10n)).toBe(1n);
    expect(divideRounded(4n, 10n)).toBe(0n);
    expect(divideRounded(-5n, 10n)).toBe(-1n);
    expect(divideRounded(15n, 10n)).toBe(2n);
  });

  it('applies worked rates by hand', () => {
    // 1,000.50 × 18% = 180.09 exactly.
    expect(applyRate(rupees('1000.50'), rate('18'))).toBe(rupees('180.09'));
    // 333.33 × 5% = 16.6665 -> half-up 16.67.
    expect(applyRate(rupees('333.33'), rate('5'))).toBe(rupees('16.67'));
    // 333.33 × 2.5% = 8.33325 -> 8.33 (CGST half of 5%).
    expect(applyHalfRate(rupees('333.33'), rate('5'))).toBe(rupees('8.33'));
    // 0.10 × 0.25% = 0.00025 -> 0.00; 200.00 × 0.125% = 0.25.
    expect(applyRate(rupees('0.10'), rate('0.25'))).toBe(0n);
    expect(applyHalfRate(rupees('200'), rate('0.25'))).toBe(rupees('0.25'));
    // 0.30 × 5% = 0.015 -> 0.02: a float product 0.015 would print as 0.01.
    expect(applyRate(rupees('0.30'), rate('5'))).toBe(2n);
  });

  it('rounds an exact half paise up', () => {
    // 0.10 × 5% = 0.005 rupees = half a paisa -> 0.01.
    expect(applyRate(rupees('0.10'), rate('5'))).toBe(1n);
  });

  it('equals the exact rational product rounded half-up, for any amount and rate', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 4_000_000n }),
        (paise, units) => {
          const tax = applyRate(paise, units as Rate);
          // tax is the nearest paise: -1/2 ≤ exact - tax < 1/2, so a tie rounds up.
          const den = 100n * 10_000n;
          const twiceDiff = 2n * (paise * units - tax * den);
          expect(twiceDiff >= -den && twiceDiff < den).toBe(true);
        },
      ),
    );
  });
});
