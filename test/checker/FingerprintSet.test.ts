import { describe, expect, it } from 'vitest';
import { FingerprintSet } from '../../checker/FingerprintSet.js';

// Distinct, well-spread fingerprints: `lo` is a bijection of i, so no two are equal.
const hiOf = (i: number): number => Math.imul(i ^ (i >>> 13), 0x85eb_ca6b) >>> 0;
const loOf = (i: number): number => Math.imul(i, 0x9e37_79b1) >>> 0;

describe('FingerprintSet', () => {
  it('hands out ids in insertion order and reports a repeat as present', () => {
    const set = new FingerprintSet();
    expect(set.insert(1, 2)).toBe(0);
    expect(set.insert(2, 1)).toBe(1);
    expect(set.insert(1, 2)).toBe(-1);
    expect(set.find(2, 1)).toBe(1);
    expect(set.find(3, 3)).toBe(-1);
    expect(set.size).toBe(2);
  });

  it('grows through a million inserts with no false "present" and finds every id afterwards', () => {
    const set = new FingerprintSet();
    const n = 1_000_000;
    let wrongIds = 0;
    for (let i = 1; i <= n; i++) if (set.insert(hiOf(i), loOf(i)) !== i - 1) wrongIds++;
    expect(wrongIds).toBe(0);
    let missing = 0;
    let fresh = 0;
    for (let i = 1; i <= n; i++) {
      if (set.find(hiOf(i), loOf(i)) !== i - 1) missing++;
      if (set.insert(hiOf(i), loOf(i)) !== -1) fresh++;
    }
    expect({ missing, fresh, size: set.size }).toEqual({ missing: 0, fresh: 0, size: n });
    // 2^21 slots of 12 bytes: 25.2 bytes per fingerprint at this size.
    expect(set.bytes).toBe(2 ** 21 * 12);
  });

  it('keeps fingerprints that share their low half apart (long probe chains)', () => {
    const set = new FingerprintSet();
    for (let hi = 1; hi <= 5000; hi++) expect(set.insert(hi, 42)).toBe(hi - 1);
    for (let hi = 1; hi <= 5000; hi++) expect(set.find(hi, 42)).toBe(hi - 1);
    expect(set.insert(5001, 42)).toBe(5000);
  });

  it('wraps probing around the end of the table', () => {
    const set = new FingerprintSet(1024);
    expect(set.insert(1, 1023)).toBe(0);
    expect(set.insert(2, 1023)).toBe(1); // probes past the last slot to slot 0
    expect(set.find(2, 1023)).toBe(1);
    expect(set.insert(2, 1023)).toBe(-1);
  });
});
