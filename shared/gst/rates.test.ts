import { describe, expect, it } from 'vitest';

import { rate } from '../money';
import { isoDate } from './period';
import { isCessRateValid, isRateValidOn, slabsOn } from './rates';

describe('isRateValidOn', () => {
  const before = isoDate('2025-09-21');
  const after = isoDate('2025-09-22');

  it('keeps the 2017 slabs up to 21 Sep 2025', () => {
    for (const r of ['0', '0.1', '0.25', '1.5', '3', '5', '12', '18', '28']) {
      expect(isRateValidOn(rate(r), before), r).toBe(true);
    }
    expect(isRateValidOn(rate('40'), before)).toBe(false);
  });

  it('adds 40% from 22 Sep 2025 and keeps 12% and 28% for their notified goods', () => {
    for (const r of ['0', '0.1', '0.25', '1.5', '3', '5', '12', '18', '28', '40']) {
      expect(isRateValidOn(rate(r), after), r).toBe(true);
    }
  });

  it('refuses rates that were never slabs', () => {
    for (const r of ['7', '2.5', '9', '14', '0.125']) {
      expect(isRateValidOn(rate(r), after), r).toBe(false);
    }
  });

  it('refuses every rate before GST began on 1 Jul 2017', () => {
    expect(slabsOn(isoDate('2017-06-30'))).toEqual([]);
    expect(isRateValidOn(rate('18'), isoDate('2017-07-01'))).toBe(true);
  });
});

describe('isCessRateValid', () => {
  it('accepts 0 to 290 percent', () => {
    expect(isCessRateValid(rate('0'))).toBe(true);
    expect(isCessRateValid(rate('12.5'))).toBe(true);
    expect(isCessRateValid(rate('290'))).toBe(true);
    expect(isCessRateValid(rate('290.01'))).toBe(false);
    expect(isCessRateValid(rate('-1'))).toBe(false);
  });
});
