import { describe, expect, it } from 'vitest';
import { List, Map, OrderedMap, OrderedSet, Record, Seq, Set, Stack } from 'immutable';
import { encodeValue } from '../../checker/encodeValue.js';
import { fingerprint, fingerprintHex } from '../../checker/fingerprint.js';
import type { EncodeSink } from '../../model/EncodeSink.js';

const hex = (value: unknown): string => fingerprintHex(fingerprint(value, encodeValue));
const Point = Record({ x: 0, y: 0 }, 'Point');
const Pair = Record({ x: 0, y: 0 }, 'Pair');
const Swapped = Record({ y: 0, x: 0 }, 'Point');

/** A sink that keeps the stream, to show the encoding's shape. */
class RecordingSink implements EncodeSink {
  readonly stream: (number | string)[] = [];
  int(value: number): void {
    this.stream.push(value | 0);
  }
  string(value: string): void {
    this.stream.push(value);
  }
}

const equalPairs: [string, unknown, unknown][] = [
  [
    'maps built in different insertion orders',
    Map({ a: 1, b: 2, c: 3 }),
    Map<string, number>({ c: 3, a: 1 }).set('b', 2),
  ],
  ['sets built in different orders', Set([1, 2, 3]), Set([3, 2, 1])],
  ['nested maps of sets', Map({ k: Set([1, 2]), j: Map({ z: 0 }) }), Map({ j: Map({ z: 0 }), k: Set([2, 1]) })],
  [
    'maps keyed by records',
    Map([
      [Point({ x: 1 }), 'a'],
      [Point({ y: 1 }), 'b'],
    ]),
    Map([
      [Point({ y: 1 }), 'b'],
      [Point({ x: 1 }), 'a'],
    ]),
  ],
  ['sets of records', Set([Point({ x: 1 }), Point()]), Set([Point(), Point({ x: 1 })])],
  ['records with fields set in different orders', Point({ x: 1 }).set('y', 2), Point({ y: 2 }).set('x', 1)],
  ['a record field left at its default and set to it', Point(), Point({ x: 0 })],
  ['lists built differently', List([1, 2, 3]), List<number>().push(1).push(2).push(3)],
  ['0 and -0 (Immutable says equal)', List([0]), List([-0])],
  ['NaN and NaN', NaN, 0 / 0],
  ['a map emptied and a new map', Map({ a: 1 }).remove('a'), Map()],
  [
    'big lists (more than one trie node)',
    List(Array.from({ length: 100 }, (_, i) => i)),
    List<number>().withMutations((l) => {
      for (let i = 0; i < 100; i++) l.push(i);
    }),
  ],
];

const differentPairs: [string, unknown, unknown][] = [
  ['List [1, 2] and List [12]', List([1, 2]), List([12])],
  ['List [1, 2] and List [2, 1]', List([1, 2]), List([2, 1])],
  ["'' and null", '', null],
  ['null and undefined', null, undefined],
  ['0 and false', 0, false],
  ["'1' and 1", '1', 1],
  ['1 and 1.5', 1, 1.5],
  ['2^32 and 0', 2 ** 32, 0],
  ['2^31 and -2^31', 2 ** 31, -(2 ** 31)],
  ['1n and 1', 1n, 1],
  ['empty List, Map, Set and array', List(), Map()],
  ['empty Set and empty List', Set(), List()],
  ['empty array and empty List', [], List()],
  ['List [] and List [List []]', List(), List([List()])],
  ['List [List [], List []] and List [List [List []]]', List([List(), List()]), List([List([List()])])],
  ['Set [] and Set [Set []]', Set(), Set([Set()])],
  ['Map {a: 1} and Map {b: 1}', Map({ a: 1 }), Map({ b: 1 })],
  ['Map {a: 1, b: 2} and Map {a: 2, b: 1}', Map({ a: 1, b: 2 }), Map({ a: 2, b: 1 })],
  ['Map {a: Set [1]} and Map {a: List [1]}', Map({ a: Set([1]) }), Map({ a: List([1]) })],
  ['Map and OrderedMap with the same entries', Map({ a: 1 }), OrderedMap({ a: 1 })],
  [
    'OrderedMaps in different orders',
    OrderedMap([
      ['a', 1],
      ['b', 2],
    ]),
    OrderedMap([
      ['b', 2],
      ['a', 1],
    ]),
  ],
  ['OrderedSets in different orders', OrderedSet([1, 2]), OrderedSet([2, 1])],
  ['Set and OrderedSet', Set([1]), OrderedSet([1])],
  ['List and Stack', List([1]), Stack([1])],
  ['Stacks in different orders', Stack([1, 2]), Stack([2, 1])],
  ['records with swapped values', Point({ x: 1, y: 2 }), Point({ x: 2, y: 1 })],
  ['record types with the same keys and different names', Point(), Pair()],
  ['record types with the same name and keys in another order', Point({ x: 1, y: 2 }), Swapped({ y: 1, x: 2 })],
  ["List ['ab'] and List ['a', 'b']", List(['ab']), List(['a', 'b'])],
  ["'a\\0' and 'a'", 'a\u0000', 'a'],
  ['a map and a list of its entries', Map({ a: 1 }), List([List(['a', 1])])],
  ['a set member and a map key with undefined value', Set(['a']), Map({ a: undefined })],
];

describe('encodeValue', () => {
  it.each(equalPairs)('gives equal fingerprints to equal values: %s', (_name, a, b) => {
    expect(hex(a)).toBe(hex(b));
  });

  it.each(differentPairs)('gives different fingerprints to different values: %s', (_name, a, b) => {
    expect(hex(a)).not.toBe(hex(b));
  });

  it('writes a tag before every value and a size before every collection', () => {
    const sink = new RecordingSink();
    encodeValue(List([7, 'a', true, null]), sink);
    expect(sink.stream).toEqual([11, 4, 5, 7, 7, 'a', 4, 2]);
  });

  it('writes non-integers and large integers as the bits of a float64', () => {
    const sink = new RecordingSink();
    encodeValue(2 ** 40, sink);
    expect(sink.stream).toEqual([6, 0x4270_0000, 0]);
  });

  it.each([
    ['a function', () => 0],
    ['a symbol', Symbol('s')],
    ['a plain object', { a: 1 }],
    ['a lazy Seq', Seq([1])],
  ])('rejects %s', (_name, value) => {
    expect(() => encodeValue(value, new RecordingSink())).toThrow(TypeError);
  });
});
