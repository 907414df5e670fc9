import { describe, expect, it } from 'vitest';
import { List, Map, Record } from 'immutable';
import { encodeValue } from '../../checker/encodeValue.js';
import { FingerprintHasher, fingerprint, fingerprintHex } from '../../checker/fingerprint.js';

const hex = (value: unknown): string => fingerprintHex(fingerprint(value, encodeValue));

function hashInts(hasher: FingerprintHasher, ints: readonly number[]): string {
  hasher.reset();
  for (const i of ints) hasher.int(i);
  hasher.finish();
  return fingerprintHex(hasher);
}

describe('fingerprint', () => {
  // Pinned: a change here changes every stored fingerprint, e.g. a saved trace's.
  it('is stable: the exact 64-bit fingerprints of fixed values', () => {
    expect(hashInts(new FingerprintHasher(), [1, 2, 3])).toBe('99d22dec84668e98');
    expect(hashInts(new FingerprintHasher(), [])).toBe('76198f1fd0c6c842');
    expect(hex(0)).toBe('a834ab951d4ab46e');
    expect(hex('mmucheck')).toBe('d8e7b990878ad43e');
    expect(hex(0.5)).toBe('c5e7a0e92d627d51');
    expect(hex(Record({ x: 0, y: 0 }, 'Point')({ x: 1, y: 2 }))).toBe('ca71ef943fad57d9');
    expect(hex(Map({ a: 1, b: List([true, null]) }))).toBe('eef989d3dda62359');
  });

  it('fingerprints a range of integers as feeding them one by one does (the range form has its own loop)', () => {
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
    const data = Int32Array.from({ length: 300 }, next);
    const hasher = new FingerprintHasher();
    for (const [start, end] of [
      [0, 0],
      [0, 1],
      [3, 70],
      [100, 300],
    ] as const) {
      hasher.ints(data, start, end);
      expect(fingerprintHex(hasher)).toBe(hashInts(new FingerprintHasher(), Array.from(data.subarray(start, end))));
    }
    hasher.ints(Int32Array.of(1, 2, 3), 0, 3);
    expect(fingerprintHex(hasher)).toBe('99d22dec84668e98');
  });

  it('gives the same result from a reused hasher after reset', () => {
    const hasher = new FingerprintHasher();
    const first = hashInts(hasher, [7, 8, 9]);
    hashInts(hasher, [1, 2, 3, 4, 5]);
    expect(hashInts(hasher, [7, 8, 9])).toBe(first);
  });

  it('depends on order, length and every bit', () => {
    const hasher = new FingerprintHasher();
    const seen = new Set<string>();
    const streams = [[1, 2], [2, 1], [1, 2, 0], [0, 1, 2], [0], [], [0, 0], [-1], [1, 1], [1, 1, 1]];
    for (let bit = 0; bit < 32; bit++) streams.push([1 << bit]);
    for (const stream of streams) seen.add(hashInts(hasher, stream));
    expect(seen.size).toBe(streams.length);
  });

  it('truncates integers to 32 bits, as the sink contract says', () => {
    const hasher = new FingerprintHasher();
    expect(hashInts(hasher, [2 ** 32 + 5])).toBe(hashInts(hasher, [5]));
  });

  it('length-prefixes strings so that adjacent strings cannot run together', () => {
    const hasher = new FingerprintHasher();
    const strings = (parts: string[]): string => {
      hasher.reset();
      for (const part of parts) hasher.string(part);
      hasher.finish();
      return fingerprintHex(hasher);
    };
    expect(strings(['ab', 'c'])).not.toBe(strings(['a', 'bc']));
    expect(strings(['abc'])).not.toBe(strings(['ab', 'c']));
    expect(strings([''])).not.toBe(strings([]));
    expect(strings(['a\u0000'])).not.toBe(strings(['a']));
  });

  it('never finishes with the all-zero fingerprint, which marks empty slots', () => {
    const hasher = new FingerprintHasher();
    let zeros = 0;
    for (let i = 0; i < 100_000; i++) {
      hasher.reset();
      hasher.int(i);
      hasher.finish();
      if (hasher.hi === 0 && hasher.lo === 0) zeros++;
    }
    expect(zeros).toBe(0);
  });
});
