import { describe, expect, it } from 'vitest';

import { isPosition, positionBetween } from './domain';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('positionBetween', () => {
  it('appending 10,000 deals keeps keys short and ordered', () => {
    let last: string | null = null;
    for (let i = 0; i < 10_000; i++) {
      const next = positionBetween(last, null);
      if (last !== null) expect(next > last).toBe(true);
      last = next;
    }
    expect(last!.length).toBeLessThanOrEqual(4);
  });

  it('prepending 10,000 deals keeps keys short and ordered', () => {
    let first: string | null = null;
    for (let i = 0; i < 10_000; i++) {
      const next = positionBetween(null, first);
      if (first !== null) expect(next < first).toBe(true);
      first = next;
    }
    expect(first!.length).toBeLessThanOrEqual(4);
  });

  it('random inserts (seed 7) always land strictly between their neighbours', () => {
    const rng = mulberry32(7);
    const keys: string[] = [positionBetween(null, null)];
    for (let i = 0; i < 2_000; i++) {
      const at = Math.floor(rng() * (keys.length + 1));
      const key = positionBetween(keys[at - 1] ?? null, keys[at] ?? null);
      expect(isPosition(key)).toBe(true);
      if (at > 0) expect(key > keys[at - 1]!).toBe(true);
      if (at < keys.length) expect(key < keys[at]!).toBe(true);
      keys.splice(at, 0, key);
    }
  });

  it('rejects malformed keys and out-of-order bounds', () => {
    expect(isPosition('a0')).toBe(true);
    expect(isPosition('h')).toBe(false);
    expect(isPosition('a10')).toBe(false);
    expect(() => positionBetween('b', 'a')).toThrow();
  });
});
