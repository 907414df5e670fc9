/** The canonical encoding of a kernel state as integers: fixed field order, lists length-prefixed. */
import type { EncodeSink } from '../EncodeSink.js';
import type { KernelState } from './state/KernelState.js';

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
  for (const l of g.listeners) {
    sink.int((l.freed ? 1 : 0) | (l.link << 1) | (l.maps ? 8 : 0) | (l.registered ? 16 : 0) | (l.holdsModule ? 32 : 0) | (l.releases << 6));
    sink.int(l.next);
  }
  for (const d of g.srcuNesting) sink.int(d);
  for (const q of g.queues) {
    sink.int(q.size);
    for (const cb of q) {
      sink.int(cb.kind | (cb.running ? 4 : 0) | ((cb.listener + 1) << 3) | ((cb.owner + 1) << 16));
      sink.int(cb.waitMask);
    }
  }
  sink.int(g.faults.size);
  for (const f of g.faults) {
    sink.string(f.property);
    sink.string(f.message);
  }
}
