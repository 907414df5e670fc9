import { List, Map as IMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { encodeValue } from '../../checker/encodeValue.js';
import { ExactSeenSet } from '../../checker/ExactSeenSet.js';
import { fingerprint, type Encoder } from '../../checker/fingerprint.js';
import type { EncodeSink } from '../../model/EncodeSink.js';
import { kernelAt } from '../helpers/kernelFixture.js';

const ints: Encoder<readonly number[]> = (values, sink) => values.forEach((v) => sink.int(v));
const nowhere: EncodeSink = { int: () => undefined, string: () => undefined };

/** A set whose insert and find take encodings, all under one fingerprint unless `lo` is given. */
function exactSet() {
  const set = new ExactSeenSet();
  const record = set.recording(ints);
  return {
    set,
    insert: (values: readonly number[], lo = 7) => (record(values, nowhere), set.insert(1, lo)),
    find: (values: readonly number[], lo = 7) => (record(values, nowhere), set.find(1, lo)),
  };
}

describe('ExactSeenSet', () => {
  it('hands out ids in insertion order and answers -1 for an encoding stored before', () => {
    const { set, insert, find } = exactSet();
    expect([insert([1, 2]), insert([3]), insert([1, 2]), insert([])]).toEqual([0, 1, -1, 2]);
    expect([find([3]), find([1, 2]), find([]), find([2, 1])]).toEqual([1, 0, 2, -1]);
    expect(set.size).toBe(3);
  });

  it('keeps apart different states whose fingerprints collide: equality is decided on the encodings', () => {
    const { insert, find } = exactSet();
    const colliding = [[1], [1, 0], [0, 1], [0], [-1], [2 ** 31 - 1]];
    expect(colliding.map((e) => insert(e, 42))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(colliding.map((e) => find(e, 42))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('finds every state again after the table has grown many times, and returns each stored encoding', () => {
    const { set, insert, find } = exactSet();
    const encodingOf = (i: number) => [i, i * 7919, -i];
    const hash = (i: number) => Math.imul(i, 0x9e3779b1) >>> 0;
    const ids = Array.from({ length: 50_000 }, (_v, i) => insert(encodingOf(i), hash(i)));
    expect(ids.every((id, i) => id === i)).toBe(true);
    const found = Array.from({ length: 50_000 }, (_v, i) => find(encodingOf(i), hash(i)));
    expect(found.every((id, i) => id === i)).toBe(true);
    expect(insert(encodingOf(49_999), hash(49_999))).toBe(-1);
    expect(Array.from(set.encodingOf(12_345))).toEqual(encodingOf(12_345));
    // 4 integers a state in the arena (16 bytes), 4 for its position, 8 a slot at a load of 3/8 to 3/4.
    expect(set.bytes / set.size).toBeLessThan(64);
  });

  it('stores an encoding longer than an arena page, and the states after it', () => {
    const { set, insert, find } = exactSet();
    const long = Array.from({ length: 300_000 }, (_v, i) => i);
    expect([insert([1]), insert(long), insert([2])]).toEqual([0, 1, 2]);
    expect([find(long), find([...long.slice(0, -1), 0]), find([2])]).toEqual([1, -1, 2]);
    expect(set.encodingOf(1)).toHaveLength(300_000);
  });

  it('feeds the sink the very integers the encoder writes, so fingerprints do not change', () => {
    const set = new ExactSeenSet();
    const { g } = kernelAt();
    const values: unknown[] = [IMap({ name: 'listener', ids: List([1, 2, 3]) }), 'a string of odd length', -0.5, g];
    for (const value of values)
      expect(fingerprint(value, set.recording(encodeValue))).toEqual(fingerprint(value, encodeValue));
  });

  it('refuses an insert or find that no recorded encoding precedes', () => {
    const { set, insert } = exactSet();
    insert([1]);
    expect(() => set.insert(1, 7)).toThrow(/without an encoding recorded/);
    expect(() => set.find(1, 7)).toThrow(/without an encoding recorded/);
  });
});
