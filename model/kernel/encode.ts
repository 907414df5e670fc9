/**
 * The canonical encoding of a kernel state as integers: fixed field order, lists length-prefixed.
 * Sub-values are persistent and shared between a state and its successors, so the encoding of
 * each listener and each queue is cached per value object: a step re-encodes only what it changed.
 */
import type { List } from 'immutable';
import type { EncodeSink } from '../EncodeSink.js';
import type { KernelState } from './state/KernelState.js';
import type { Listener } from './state/Listener.js';
import type { Callback } from './state/Callback.js';

const listenerCodes = new WeakMap<Listener, number>();
const queueCodes = new WeakMap<List<Callback>, Int32Array>();

function listenerCode(l: Listener): number {
  let code = listenerCodes.get(l);
  if (code === undefined) {
    code =
      (l.freed ? 1 : 0) | (l.link << 1) | (l.maps ? 8 : 0) | (l.registered ? 16 : 0) | (l.holdsModule ? 32 : 0) | (l.releases << 6) | ((l.next + 1) << 12);
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
  }
}
