/**
 * The canonical encoding of a kernel state as integers: fixed field order, lists length-prefixed.
 * Sub-values are persistent and shared between a state and its successors, so the encoding of
 * each listener and each queue is cached per value object: a step re-encodes only what it changed.
 */
import { List as ImmutableList, type List } from 'immutable';
import type { EncodeSink } from '../EncodeSink.js';
import type { DecodeSource } from '../DecodeSource.js';
import { makeKernelState, type KernelState } from './state/KernelState.js';
import { makeListener, type Link, type Listener } from './state/Listener.js';
import { makeCallback, type Callback, type CallbackKind } from './state/Callback.js';
import { makeMm, type Page } from './state/Mm.js';
import { makeNotifierMm } from './state/NotifierMm.js';
import { makeFault, type Fault } from './state/Fault.js';

/** What the encoding does not carry: how many listeners, threads and callback queues there are. */
export interface KernelShape {
  readonly listeners: number;
  readonly threads: number;
  readonly queues: number;
}

const listenerCodes = new WeakMap<Listener, number>();
const queueCodes = new WeakMap<List<Callback>, Int32Array>();

function listenerCode(l: Listener): number {
  let code = listenerCodes.get(l);
  if (code === undefined) {
    code =
      (l.freed ? 1 : 0) |
      (l.link << 1) |
      (l.maps ? 8 : 0) |
      (l.registered ? 16 : 0) |
      (l.holdsModule ? 32 : 0) |
      (l.releases << 6) |
      ((l.next + 1) << 12) |
      (l.users << 20);
    listenerCodes.set(l, code);
  }
  return code;
}

function queueCode(q: List<Callback>): Int32Array {
  let code = queueCodes.get(q);
  if (code === undefined) {
    code = new Int32Array(1 + 2 * q.size);
    code[0] = q.size;
    for (let i = 0; i < q.size; i++) {
      const cb = q.get(i)!;
      code[1 + 2 * i] = cb.kind | (cb.running ? 4 : 0) | ((cb.listener + 1) << 3) | ((cb.owner + 1) << 16);
      code[2 + 2 * i] = cb.waitMask;
    }
    queueCodes.set(q, code);
  }
  return code;
}

/** Appends the encoding of `g` to `sink`; equal states give equal sequences. */
export function encodeKernel(g: KernelState, sink: EncodeSink): void {
  const mm = g.mm;
  sink.int(mm.users);
  sink.int(mm.count);
  sink.int((mm.freed ? 1 : 0) | (mm.page << 1) | (g.moduleLoaded ? 8 : 0));
  const nmm = g.nmm;
  sink.int(nmm.first);
  sink.int(nmm.lock);
  sink.int(nmm.freed ? 1 : 0);
  const listeners = g.listeners;
  for (let i = 0; i < listeners.size; i++) sink.int(listenerCode(listeners.get(i)!));
  const nesting = g.srcuNesting;
  for (let i = 0; i < nesting.size; i++) sink.int(nesting.get(i)!);
  const queues = g.queues;
  for (let i = 0; i < queues.size; i++) {
    const code = queueCode(queues.get(i)!);
    for (let j = 0; j < code.length; j++) sink.int(code[j]!);
  }
  const faults = g.faults;
  sink.int(faults.size);
  for (let i = 0; i < faults.size; i++) {
    const f = faults.get(i)!;
    sink.string(f.property);
    sink.string(f.message);
    sink.string(f.object);
  }
}

function decodeListener(code: number): Listener {
  return makeListener({
    freed: (code & 1) !== 0,
    link: ((code >>> 1) & 3) as Link,
    maps: (code & 8) !== 0,
    registered: (code & 16) !== 0,
    holdsModule: (code & 32) !== 0,
    releases: (code >>> 6) & 63,
    next: ((code >>> 12) & 255) - 1,
    users: code >>> 20,
  });
}

function decodeQueue(source: DecodeSource): List<Callback> {
  const size = source.int();
  const entries: Callback[] = [];
  for (let i = 0; i < size; i++) {
    const code = source.int();
    entries.push(
      makeCallback({
        kind: (code & 3) as CallbackKind,
        running: (code & 4) !== 0,
        listener: ((code >>> 3) & 0x1fff) - 1,
        owner: (code >>> 16) - 1,
        waitMask: source.int(),
      }),
    );
  }
  return ImmutableList(entries);
}

/** Rebuilds a kernel state of `shape` from what `encodeKernel` wrote. */
export function decodeKernel(shape: KernelShape, source: DecodeSource): KernelState {
  const users = source.int();
  const count = source.int();
  const flags = source.int();
  const mm = makeMm({ users, count, freed: (flags & 1) !== 0, page: ((flags >>> 1) & 3) as Page });
  const nmm = makeNotifierMm({ first: source.int(), lock: source.int(), freed: source.int() !== 0 });
  const listeners = ImmutableList(Array.from({ length: shape.listeners }, () => decodeListener(source.int())));
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
    srcuNesting,
    queues,
    moduleLoaded: (flags & 8) !== 0,
    faults: ImmutableList(faults),
  });
}
