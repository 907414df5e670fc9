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
    expect(set.has(2, 1)).toBe(true);
    expect(set.has(3, 3)).toBe(false);
    expect(set.size).toBe(2);
  });

  it('grows through a million inserts with no false "present" and holds every fingerprint afterwards', () => {
    const set = new FingerprintSet();
    const n = 1_000_000;
    let wrongIds = 0;
    for (let i = 1; i <= n; i++) if (set.insert(hiOf(i), loOf(i)) !== i - 1) wrongIds++;
    expect(wrongIds).toBe(0);
    let missing = 0;
    let fresh = 0;
    for (let i = 1; i <= n; i++) {
      if (!set.has(hiOf(i), loOf(i))) missing++;
      if (set.insert(hiOf(i), loOf(i)) !== -1) fresh++;
    }
    expect({ missing, fresh, size: set.size }).toEqual({ missing: 0, fresh: 0, size: n });
    // 1,293,149 slots of 8 bytes: 10.3 bytes per fingerprint at this size.
    expect({ capacity: set.capacity, bytes: set.bytes }).toEqual({ capacity: 1_293_149, bytes: 10_345_192 });
  });

  it('grows by a quarter each time the load passes 7/8', () => {
    const set = new FingerprintSet();
    const capacities = [set.capacity];
    const grewAt: number[] = [];
    for (let i = 1; i <= 10_000; i++) {
      set.insert(hiOf(i), loOf(i));
      if (set.capacity !== capacities.at(-1)) {
        capacities.push(set.capacity);
        grewAt.push(set.size);
      }
    }
    expect(capacities).toEqual([1024, 1280, 1600, 2000, 2500, 3125, 3907, 4884, 6105, 7632, 9540, 11925]);
    expect(grewAt).toEqual([897, 1121, 1401, 1751, 2188, 2735, 3419, 4274, 5342, 6679, 8348]);
  });

  it('holds 9.1 to 11.5 bytes per fingerprint over a whole growth cycle', () => {
    const set = new FingerprintSet();
    let least = Infinity;
    let most = 0;
    for (let i = 1; i <= 400_000; i++) {
      set.insert(hiOf(i), loOf(i));
      if (i < 100_000) continue;
      least = Math.min(least, set.bytes / set.size);
      most = Math.max(most, set.bytes / set.size);
    }
    // Between 100,000 and 400,000 fingerprints the set grows 6 times (factor 1.25^6 = 3.8).
    expect(least.toFixed(3)).toBe('9.143');
    expect(most.toFixed(3)).toBe('11.429');
  });

  it('keeps fingerprints that share their high half (one home slot) apart', () => {
    const set = new FingerprintSet();
    for (let lo = 1; lo <= 5000; lo++) expect(set.insert(42, lo)).toBe(lo - 1);
    for (let lo = 1; lo <= 5000; lo++) expect(set.has(42, lo)).toBe(true);
    expect(set.has(42, 5001)).toBe(false);
    expect(set.insert(5001, 42)).toBe(5000);
  });

  it('keeps fingerprints that share their low half apart', () => {
    const set = new FingerprintSet();
    for (let i = 1; i <= 5000; i++) expect(set.insert(hiOf(i), 42)).toBe(i - 1);
    for (let i = 1; i <= 5000; i++) expect(set.has(hiOf(i), 42)).toBe(true);
  });

  it('wraps probing around the end of the table', () => {
    const set = new FingerprintSet(1024);
    expect(set.insert(0xffff_ffff, 1)).toBe(0); // the home slot of the largest high half is the last slot
    expect(set.insert(0xffff_ffff, 2)).toBe(1); // probes past the last slot to slot 0
    expect(set.has(0xffff_ffff, 2)).toBe(true);
    expect(set.insert(0xffff_ffff, 2)).toBe(-1);
  });

  it('takes halves as signed or unsigned words alike, and the all-zero fingerprint as (0, 1), as the hasher remaps it', () => {
    const set = new FingerprintSet();
    expect(set.insert(-1, -2)).toBe(0);
    expect(set.has(0xffff_ffff, 0xffff_fffe)).toBe(true);
    expect(set.insert(0, 0)).toBe(1);
    expect(set.insert(0, 1)).toBe(-1);
    expect(set.has(0, 0)).toBe(true);
  });
});
