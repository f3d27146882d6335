import { describe, expect, it } from 'vitest';

import { drCr, inr, periodOf, recentPeriods, stateName } from './format';

describe('inr and drCr', () => {
  it('writes paise as rupees in Indian grouping, with the sign before the symbol', () => {
    expect(inr(11_800_000n)).toBe('₹1,18,000.00');
    expect(inr(-5n)).toBe('-₹0.05');
    expect(inr(123_456_789_00n)).toBe('₹12,34,56,789.00');
  });

  it('puts a balance on its side: positive is a debit balance', () => {
    expect(drCr(11_800_000n)).toBe('₹1,18,000.00 Dr');
    expect(drCr(-50_000n)).toBe('₹500.00 Cr');
    expect(drCr(0n)).toBe('₹0.00');
  });
});

describe('return periods', () => {
  it("names the month for a monthly filer and the quarter's last month for a quarterly one", () => {
    expect(periodOf('2024-08-05', 'monthly')).toBe('082024');
    expect(periodOf('2024-08-05', 'quarterly')).toBe('092024');
    expect(periodOf('2025-01-31', 'quarterly')).toBe('032025');
  });

  it('lists the last twelve periods, newest first, across the turn of the year', () => {
    expect(recentPeriods('2025-02-10', 'monthly').slice(0, 3)).toEqual([
      '022025',
      '012025',
      '122024',
    ]);
    const quarters = recentPeriods('2025-02-10', 'quarterly');
    expect(quarters.slice(0, 3)).toEqual(['032025', '122024', '092024']);
    expect(quarters).toHaveLength(12);
  });
});

describe('stateName', () => {
  it('shows the code with its name, and an unknown code as it is', () => {
    expect(stateName('27')).toBe('27 Maharashtra');
    expect(stateName('00')).toBe('00');
  });
});
