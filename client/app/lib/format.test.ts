import { describe, expect, it } from 'vitest';

import { formatDay, formatINR, formatINRShort, paiseToInput, parseINR } from './format';

describe('Indian rupee formatting', () => {
  it('groups the last three digits, then pairs, and hides zero paise', () => {
    expect(formatINR(0)).toBe('₹0');
    expect(formatINR(12_345_678_00)).toBe('₹1,23,45,678');
    expect(formatINR(1_000_00)).toBe('₹1,000');
    expect(formatINR(1_50_000_50)).toBe('₹1,50,000.50');
  });

  it('shortens to lakh and crore for column totals', () => {
    expect(formatINRShort(12_50_000_00)).toBe('₹12.5 L');
    expect(formatINRShort(3_20_00_000_00)).toBe('₹3.2 Cr');
    expect(formatINRShort(99_999_00)).toBe('₹99,999');
  });

  it('reads what people type, with commas and the rupee sign, into exact paise', () => {
    expect(parseINR('1,20,000.50')).toBe(1_20_000_50);
    expect(parseINR('₹ 2500')).toBe(2500_00);
    expect(parseINR('')).toBe(0);
    expect(parseINR('12.345')).toBeNull();
    expect(parseINR('-5')).toBeNull();
    expect(parseINR('ten')).toBeNull();
  });

  it('round-trips paise through the input form', () => {
    for (const p of [0, 5, 1_00, 1_20_000_50]) expect(parseINR(paiseToInput(p))).toBe(p);
  });

  it('shows a calendar day without shifting it across timezones', () => {
    expect(formatDay('2026-12-03')).toMatch(/3 Dec 2026/);
    expect(formatDay(null)).toBe('');
  });
});
