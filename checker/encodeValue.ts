/**
 * The generic canonical encoding of a state: every value starts with a tag that fixes how many
 * integers follow, so different shapes cannot produce the same stream. Unordered collections
 * (Map, Set) are encoded order-independently because Immutable's equality ignores insertion order.
 * The encoding distinguishes a little more than Immutable's `equals` (List vs Stack, record type
 * names): that can only keep two equal states apart, never merge two different ones.
 */
import {
  type List,
  Record,
  type Stack,
  isList,
  isMap,
  isOrderedMap,
  isOrderedSet,
  isRecord,
  isSet,
  isStack,
} from 'immutable';
import type { EncodeSink } from '../model/EncodeSink.js';
import { accumulatorAt } from './EntryAccumulator.js';
import { FingerprintHasher } from './fingerprint.js';

const TAG_UNDEFINED = 1;
const TAG_NULL = 2;
const TAG_FALSE = 3;
const TAG_TRUE = 4;
const TAG_INT = 5;
const TAG_FLOAT = 6;
const TAG_STRING = 7;
const TAG_BIGINT = 8;
const TAG_ARRAY = 9;
const TAG_RECORD = 10;
const TAG_LIST = 11;
const TAG_STACK = 12;
const TAG_MAP = 13;
const TAG_ORDERED_MAP = 14;
const TAG_SET = 15;
const TAG_ORDERED_SET = 16;

type AnyRecord = Record<{ [key: string]: unknown }>;
type Keyed = { forEach(fn: (value: unknown, key: unknown) => unknown): number; readonly size: number };

/** Appends the canonical encoding of `value` (Immutable values, primitives, arrays) to `sink`. */
export function encodeValue(value: unknown, sink: EncodeSink): void {
  encodeAt(value, sink, 0);
}

// `depth` counts nested unordered collections: each level hashes its entries in its own hasher.
function encodeAt(value: unknown, sink: EncodeSink, depth: number): void {
  switch (typeof value) {
    case 'number':
      return encodeNumber(value, sink);
    case 'string':
      sink.int(TAG_STRING);
      return sink.string(value);
    case 'boolean':
      return sink.int(value ? TAG_TRUE : TAG_FALSE);
    case 'undefined':
      return sink.int(TAG_UNDEFINED);
    case 'bigint':
      sink.int(TAG_BIGINT);
      return sink.string(value.toString(16));
    case 'object':
      if (value === null) return sink.int(TAG_NULL);
      return encodeObject(value, sink, depth);
    default:
      throw new TypeError(`encodeValue: cannot encode a ${typeof value}`);
  }
}

const floatView = new DataView(new ArrayBuffer(8));

function encodeNumber(value: number, sink: EncodeSink): void {
  if ((value | 0) === value) {
    sink.int(TAG_INT); // -0 lands here as 0, as Immutable's `is(0, -0)` says
    sink.int(value);
    return;
  }
  // Explicit byte order keeps fingerprints identical on every machine; NaN has one canonical form.
  floatView.setFloat64(0, Number.isNaN(value) ? NaN : value, false);
  sink.int(TAG_FLOAT);
  sink.int(floatView.getUint32(0, false));
  sink.int(floatView.getUint32(4, false));
}

function encodeObject(value: object, sink: EncodeSink, depth: number): void {
  if (isRecord(value)) return encodeRecord(value, sink, depth);
  if (isList(value)) return encodeList(value, sink, depth);
  if (Array.isArray(value)) return encodeArray(value, sink, depth);
  if (isOrderedMap(value)) return encodeSequence(TAG_ORDERED_MAP, value, sink, depth, encodeEntryInOrder);
  if (isMap(value)) return encodeUnordered(TAG_MAP, value, sink, depth, hashMapEntry);
  if (isOrderedSet(value)) return encodeSequence(TAG_ORDERED_SET, value, sink, depth, encodeItemInOrder);
  if (isSet(value)) return encodeUnordered(TAG_SET, value, sink, depth, hashSetMember);
  if (isStack(value)) return encodeSequence(TAG_STACK, value as Stack<unknown>, sink, depth, encodeItemInOrder);
  const name = value.constructor?.name ?? 'object';
  throw new TypeError(
    `encodeValue: cannot encode a ${name}; use Immutable Records, Lists, Maps or Sets, or give the model an encode()`,
  );
}

/** The declared key order and a fingerprint of the type's name and keys, computed once per record type. */
interface RecordShape {
  readonly keys: readonly string[];
  readonly hi: number;
  readonly lo: number;
}

const shapes = new WeakMap<object, RecordShape>();

function shapeOf(record: AnyRecord): RecordShape {
  const prototype = Object.getPrototypeOf(record) as object;
  return shapes.get(prototype) ?? newShape(prototype, record);
}

function newShape(prototype: object, record: AnyRecord): RecordShape {
  const keys = record.toSeq().keySeq().toArray().map(String);
  const hasher = new FingerprintHasher();
  hasher.string(Record.getDescriptiveName(record));
  for (const key of keys) hasher.string(key);
  hasher.finish();
  const shape = { keys, hi: hasher.hi, lo: hasher.lo };
  shapes.set(prototype, shape);
  return shape;
}

function encodeRecord(record: AnyRecord, sink: EncodeSink, depth: number): void {
  const shape = shapeOf(record);
  sink.int(TAG_RECORD);
  sink.int(shape.hi);
  sink.int(shape.lo);
  const keys = shape.keys;
  for (let i = 0; i < keys.length; i++) encodeAt(record.get(keys[i] as string), sink, depth);
}

function encodeList(list: List<unknown>, sink: EncodeSink, depth: number): void {
  const size = list.size;
  sink.int(TAG_LIST);
  sink.int(size);
  for (let i = 0; i < size; i++) encodeAt(list.get(i), sink, depth);
}

function encodeArray(array: readonly unknown[], sink: EncodeSink, depth: number): void {
  sink.int(TAG_ARRAY);
  sink.int(array.length);
  for (let i = 0; i < array.length; i++) encodeAt(array[i], sink, depth);
}

// Iteration context for the callbacks below, saved and restored around each nested collection;
// module-level so that `forEach` gets a static function and no closure is allocated per collection.
let itemSink: EncodeSink = new FingerprintHasher();
let itemDepth = 0;

function encodeItemInOrder(value: unknown): void {
  encodeAt(value, itemSink, itemDepth);
}

function encodeEntryInOrder(value: unknown, key: unknown): void {
  encodeAt(key, itemSink, itemDepth);
  encodeAt(value, itemSink, itemDepth);
}

function encodeSequence(
  tag: number,
  items: Keyed,
  sink: EncodeSink,
  depth: number,
  each: (v: unknown, k: unknown) => void,
): void {
  sink.int(tag);
  sink.int(items.size);
  const savedSink = itemSink;
  const savedDepth = itemDepth;
  itemSink = sink;
  itemDepth = depth;
  items.forEach(each);
  itemSink = savedSink;
  itemDepth = savedDepth;
}

let activeAccumulator = accumulatorAt(0);

function hashMapEntry(value: unknown, key: unknown): void {
  const acc = activeAccumulator;
  acc.hasher.reset();
  encodeAt(key, acc.hasher, acc.depth + 1);
  encodeAt(value, acc.hasher, acc.depth + 1);
  acc.hasher.finish();
  acc.addFinished();
}

function hashSetMember(value: unknown): void {
  const acc = activeAccumulator;
  acc.hasher.reset();
  encodeAt(value, acc.hasher, acc.depth + 1);
  acc.hasher.finish();
  acc.addFinished();
}

// Order-independent: see EntryAccumulator.
function encodeUnordered(
  tag: number,
  items: Keyed,
  sink: EncodeSink,
  depth: number,
  each: (v: unknown, k: unknown) => void,
): void {
  const acc = accumulatorAt(depth);
  acc.clear();
  const saved = activeAccumulator;
  activeAccumulator = acc;
  items.forEach(each);
  activeAccumulator = saved;
  sink.int(tag);
  sink.int(items.size);
  sink.int(acc.hi);
  sink.int(acc.lo);
}
