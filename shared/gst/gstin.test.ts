import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { STATE_CODES, computeGstinCheckChar, isStateCode, parseGstin } from './gstin';

function errorCode(input: string): string {
  const result = parseGstin(input);
  return result.ok ? 'valid' : result.error.code;
}

describe('computeGstinCheckChar', () => {
  it('computes V for the commonly cited 27AAPFU0939F1ZV', () => {
    // values 2 7 A=10 A=10 P=25 F=15 U=30 0 9 3 9 F=15 1 Z=35, factors 1,2,1,2,...
    // products 2 14 10 20 25 30 30 0 9 6 9 30 1 70; 70 folds to 1 + 34 = 35.
    // sum = 221; 221 mod 36 = 5; check = 36 - 5 = 31 = 'V'.
    expect(computeGstinCheckChar('27AAPFU0939F1Z')).toBe('V');
  });

  it('computes 5 for 24ABCDE1234F2Z', () => {
    // values 2 4 10 11 12 13 14 1 2 3 4 15 2 35
    // products 2 8 10 22 12 26 14 2 2 6 4 30 2 70 -> 35; sum = 175.
    // 175 mod 36 = 31; check = 36 - 31 = 5.
    expect(computeGstinCheckChar('24ABCDE1234F2Z')).toBe('5');
  });

  it('refuses characters outside 0-9A-Z', () => {
    expect(computeGstinCheckChar('27aapfu0939f1z')).toBeNull();
  });
});

describe('parseGstin', () => {
  it('accepts a valid GSTIN and reports its state and PAN', () => {
    expect(parseGstin('27AAPFU0939F1ZV')).toEqual({
      ok: true,
      value: { gstin: '27AAPFU0939F1ZV', kind: 'regular', stateCode: '27', pan: 'AAPFU0939F' },
    });
  });

  it('forgives surrounding spaces and lower case', () => {
    const result = parseGstin(' 27aapfu0939f1zv ');
    expect(result.ok && result.value.gstin).toBe('27AAPFU0939F1ZV');
  });

  it('accepts a UIN, which has no PAN', () => {
    const result = parseGstin('0717UNO00157UNO');
    expect(result.ok && result.value.kind).toBe('uin');
    expect(result.ok && result.value.pan).toBeNull();
  });

  it('names what is wrong', () => {
    expect(errorCode('27AAPFU0939F1Z')).toBe('gstin_length');
    expect(errorCode('27AAPFU0939F1Z-')).toBe('gstin_charset');
    expect(errorCode('40AAPFU0939F1ZV')).toBe('gstin_state_code');
    // 96 is a place of supply for exports, never a registration state.
    expect(errorCode('96AAPFU0939F1ZV')).toBe('gstin_state_code');
    expect(errorCode('27AAPF00939F1ZV')).toBe('gstin_format'); // PAN's 5th char a digit
    expect(errorCode('27AAPFU0939F0ZV')).toBe('gstin_format'); // entity code 0
    expect(errorCode('27AAPFU0939F1YV')).toBe('gstin_format'); // 14th char not Z
    expect(errorCode('27AAPFU0939F1ZW')).toBe('gstin_checksum');
  });

  it('detects every single-character change of the check character', () => {
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
    fc.assert(
      fc.property(fc.constantFrom(...chars.filter((c) => c !== 'V')), (wrong) => {
        expect(errorCode(`27AAPFU0939F1Z${wrong}`)).toBe('gstin_checksum');
      }),
    );
  });

  it('accepts any PAN-shaped GSTIN once given its computed check character', () => {
    const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
    const digit = fc.constantFrom(...'0123456789'.split(''));
    const state = fc.constantFrom(...Object.keys(STATE_CODES).filter((code) => code !== '96'));
    const body = fc
      .tuple(state, fc.array(letter, { minLength: 5, maxLength: 5 }))
      .chain(([s, l]) =>
        fc
          .tuple(fc.array(digit, { minLength: 4, maxLength: 4 }), letter, letter)
          .map(([d, last, entity]) => `${s}${l.join('')}${d.join('')}${last}${entity}Z`),
      );
    fc.assert(
      fc.property(body, (first14) => {
        expect(errorCode(first14 + String(computeGstinCheckChar(first14)))).toBe('valid');
      }),
    );
  });
});

describe('state codes', () => {
  it('covers 01-38 and the special codes', () => {
    for (let n = 1; n <= 38; n += 1) expect(isStateCode(String(n).padStart(2, '0'))).toBe(true);
    expect(STATE_CODES['96']).toBe('Foreign Country');
    expect(STATE_CODES['97']).toBe('Other Territory');
    expect(isStateCode('00')).toBe(false);
    expect(isStateCode('39')).toBe(false);
  });
});
