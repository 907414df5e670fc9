/**
 * The canonical encoding of a kernel state as integers: fixed field order, lists length-prefixed.
 * Each record is put in the slots layout/ gives it and packed as its layout says, the way
 * KernelMem writes packed memory, so the two encodings are one. Sub-values are persistent and
 * shared between a state and its successors, so the encoding of each listener and each queue is
 * cached per value object: a step re-encodes only what it changed.
 */
import { List as ImmutableList, type List } from 'immutable';
import type { EncodeSink } from '../EncodeSink.js';
import type { DecodeSource } from '../DecodeSource.js';
import { makeKernelState, type KernelState } from './state/KernelState.js';
import { makeListener, type Listener, type ListenerProps } from './state/Listener.js';
import { makeCallback, type Callback, type CallbackProps } from './state/Callback.js';
import { makeMm, type Page } from './state/Mm.js';
import { makeNotifierMm } from './state/NotifierMm.js';
import { makeFault, type Fault } from './state/Fault.js';
import type { KernelShape } from './layout/KernelShape.js';
import type { RecordLayout } from './layout/RecordLayout.js';
import { SCALARS } from './layout/scalars.js';
import { LISTENER } from './layout/listener.js';
import { CALLBACK } from './layout/callback.js';
import { INTERVAL, MIRROR } from './layout/interval.js';
import { makeInterval, type IntervalProps } from './state/Interval.js';
import { makeMirror, type Mirror, type MirrorProps } from './state/Mirror.js';

const S = SCALARS.slot;

// Scratch records, reused: a record's slots and its encoding words.
const slots = new Int32Array(Math.max(SCALARS.slots, LISTENER.slots, CALLBACK.slots, INTERVAL.slots, MIRROR.slots));
const words = new Int32Array(Math.max(SCALARS.words, LISTENER.words, CALLBACK.words, INTERVAL.words, MIRROR.words));

const listenerCodes = new WeakMap<Listener, Int32Array>();
const queueCodes = new WeakMap<List<Callback>, Int32Array>();

/** The encoding words of an Immutable record whose fields are the layout's, at `out[n…]`. */
function packRecord<N extends string>(
  layout: RecordLayout<N>,
  r: { get(field: N): unknown },
  out: Int32Array,
  n: number,
): number {
  for (const f of layout.fields) {
    const v = r.get(f.name);
    slots[f.slot] = typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
  }
  return layout.pack(slots, 0, out, n);
}

/** Reads the next record of `layout` from `source` into `slots`. */
function unpackSlots(layout: RecordLayout<string>, source: DecodeSource): void {
  for (let w = 0; w < layout.words; w++) words[w] = source.int();
  layout.unpack(words, 0, slots, 0);
}

/** The next record of `layout`, whose fields are the Immutable record's (`P`), as its props. */
function unpackRecord<P extends object>(layout: RecordLayout<keyof P & string>, source: DecodeSource): P {
  unpackSlots(layout, source);
  const props: Record<string, number | boolean> = {};
  for (const f of layout.fields) props[f.name] = f.boolean ? slots[f.slot] !== 0 : slots[f.slot]!;
  return props as P;
}

function listenerCode(l: Listener): Int32Array {
  let code = listenerCodes.get(l);
  if (code === undefined) {
    code = new Int32Array(LISTENER.words);
    packRecord(LISTENER, l, code, 0);
    listenerCodes.set(l, code);
  }
  return code;
}

function queueCode(q: List<Callback>): Int32Array {
  let code = queueCodes.get(q);
  if (code === undefined) {
    code = new Int32Array(1 + CALLBACK.words * q.size);
    code[0] = q.size;
    for (let i = 0, n = 1; i < q.size; i++) n = packRecord(CALLBACK, q.get(i)!, code, n);
    queueCodes.set(q, code);
  }
  return code;
}

function ints(sink: EncodeSink, code: Int32Array, length = code.length): void {
  for (let i = 0; i < length; i++) sink.int(code[i]!);
}

/** Appends the encoding of `g` to `sink`; equal states give equal sequences. */
export function encodeKernel(g: KernelState, sink: EncodeSink): void {
  const { mm, nmm } = g;
  slots[S.mmUsers] = mm.users;
  slots[S.mmCount] = mm.count;
  slots[S.mmFreed] = mm.freed ? 1 : 0;
  slots[S.page] = mm.page;
  slots[S.moduleLoaded] = g.moduleLoaded ? 1 : 0;
  slots[S.first] = nmm.first;
  slots[S.lock] = nmm.lock;
  slots[S.nmmFreed] = nmm.freed ? 1 : 0;
  const scalarWords = SCALARS.pack(slots, 0, words, 0);
  ints(sink, words, scalarWords);
  const listeners = g.listeners;
  for (let i = 0; i < listeners.size; i++) ints(sink, listenerCode(listeners.get(i)!));
  const mirrors = g.mirrors;
  if (mirrors.size > 0) {
    ints(sink, words, packRecord(INTERVAL, g.interval, words, 0));
    for (let i = 0; i < mirrors.size; i++) ints(sink, words, packRecord(MIRROR, mirrors.get(i)!, words, 0));
  }
  const nesting = g.srcuNesting;
  for (let i = 0; i < nesting.size; i++) sink.int(nesting.get(i)!);
  const queues = g.queues;
  for (let i = 0; i < queues.size; i++) ints(sink, queueCode(queues.get(i)!));
  const faults = g.faults;
  sink.int(faults.size);
  for (let i = 0; i < faults.size; i++) {
    const f = faults.get(i)!;
    sink.string(f.property);
    sink.string(f.message);
    sink.string(f.object);
  }
}

function decodeQueue(source: DecodeSource): List<Callback> {
  const size = source.int();
  const entries: Callback[] = [];
  for (let i = 0; i < size; i++) entries.push(makeCallback(unpackRecord<CallbackProps>(CALLBACK, source)));
  return ImmutableList(entries);
}

/** Rebuilds a kernel state of `shape` from what `encodeKernel` wrote. */
export function decodeKernel(shape: KernelShape, source: DecodeSource): KernelState {
  unpackSlots(SCALARS, source);
  const mm = makeMm({
    users: slots[S.mmUsers]!,
    count: slots[S.mmCount]!,
    freed: slots[S.mmFreed] !== 0,
    page: slots[S.page] as Page,
  });
  const nmm = makeNotifierMm({ first: slots[S.first]!, lock: slots[S.lock]!, freed: slots[S.nmmFreed] !== 0 });
  const moduleLoaded = slots[S.moduleLoaded] !== 0;
  const listeners = ImmutableList(
    Array.from({ length: shape.listeners }, () => makeListener(unpackRecord<ListenerProps>(LISTENER, source))),
  );
  const interval = shape.mirrors > 0 ? makeInterval(unpackRecord<IntervalProps>(INTERVAL, source)) : makeInterval();
  const mirrors = ImmutableList<Mirror>(
    Array.from({ length: shape.mirrors }, () => makeMirror(unpackRecord<MirrorProps>(MIRROR, source))),
  );
  const srcuNesting = ImmutableList(Array.from({ length: shape.threads }, () => source.int()));
  const queues = ImmutableList(Array.from({ length: shape.queues }, () => decodeQueue(source)));
  const faults: Fault[] = [];
  const nFaults = source.int();
  for (let i = 0; i < nFaults; i++)
    faults.push(makeFault({ property: source.string(), message: source.string(), object: source.string() }));
  return makeKernelState({
    mm,
    nmm,
    listeners,
    interval,
    mirrors,
    srcuNesting,
    queues,
    moduleLoaded,
    faults: ImmutableList(faults),
  });
}
