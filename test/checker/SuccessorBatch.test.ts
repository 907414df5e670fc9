/**
 * A state's successors built and fingerprinted as a batch before they are inserted: each one's
 * encoding and fingerprint are what building it alone gives, the seen set is read ahead once per
 * successor, and a step that throws leaves the ones built before it in place.
 */
import { describe, expect, it } from 'vitest';
import { FingerprintHasher } from '../../checker/fingerprint.js';
import { SuccessorBatch } from '../../checker/SuccessorBatch.js';
import type { PackedExpander } from '../../model/PackedExpander.js';

/** An expander whose successor k is the integers k, k+1, …, 2k (k+1 of them); successor `throwAt` throws. */
function expander(throwAt = -1): PackedExpander {
  return {
    load: () => undefined,
    actionCount: 0,
    needsCheck: () => false,
    successor: (k, out) => {
      if (k === throwAt) throw new Error(`step ${k} failed`);
      out.grow(out.length + k + 1);
      for (let i = 0; i <= k; i++) out.data[out.length++] = k + i;
    },
  };
}

function fingerprintOf(values: readonly number[]): [number, number] {
  const hasher = new FingerprintHasher();
  hasher.reset();
  for (const v of values) hasher.int(v);
  hasher.finish();
  return [hasher.hi, hasher.lo];
}

describe('SuccessorBatch', () => {
  it('holds each successor encoding and fingerprint, and reads the seen set ahead once for each', () => {
    const batch = new SuccessorBatch();
    const warmed: number[] = [];
    batch.build(expander(), 100, new FingerprintHasher(), { warm: (hi) => (warmed.push(hi), 0) }); // more than its first capacity of 64
    expect(batch.built).toBe(100);
    for (const k of [0, 1, 63, 64, 99]) {
      const values = Array.from(batch.data.subarray(batch.start(k), batch.end(k)));
      expect(values).toEqual(Array.from({ length: k + 1 }, (_v, i) => k + i));
      expect([batch.hi(k), batch.lo(k)]).toEqual(fingerprintOf(values));
    }
    expect(warmed).toEqual(Array.from({ length: 100 }, (_v, k) => batch.hi(k)));
  });

  it('stops at a step that throws, with the successors before it built', () => {
    const batch = new SuccessorBatch();
    expect(() => batch.build(expander(3), 5, new FingerprintHasher(), {})).toThrow('step 3 failed');
    expect(batch.built).toBe(3);
    expect(Array.from(batch.data.subarray(batch.start(2), batch.end(2)))).toEqual([2, 3, 4]);
    expect([batch.hi(2), batch.lo(2)]).toEqual(fingerprintOf([2, 3, 4]));
  });
});
