/** The shared state of the kernel model: every object of docs/kernel-model.md §1 plus the faults seen. */
import { List, Record, type RecordOf } from 'immutable';
import { makeMm, type Mm } from './Mm.js';
import { makeNotifierMm, type NotifierMm } from './NotifierMm.js';
import type { Listener } from './Listener.js';
import type { Callback } from './Callback.js';
import type { Fault } from './Fault.js';
import { makeInterval, type Interval } from './Interval.js';
import type { Mirror } from './Mirror.js';

export interface KernelStateProps {
  readonly mm: Mm;
  readonly nmm: NotifierMm;
  readonly listeners: List<Listener>;
  /** The interval half of the notifier state (meaningful only when there are mirrors). */
  readonly interval: Interval;
  /** Interval subscribers and their driver objects (interval-era scenarios only). */
  readonly mirrors: List<Mirror>;
  /** Per thread: how deeply it is nested in mmu_notifier SRCU read-side critical sections. */
  readonly srcuNesting: List<number>;
  /** SRCU callback queues: one for classic SRCU, one per CPU for tree SRCU. */
  readonly queues: List<List<Callback>>;
  /** The driver module's code is still loaded. */
  readonly moduleLoaded: boolean;
  /** Violations recorded by the last step (only for the properties being checked). */
  readonly faults: List<Fault>;
}

/** An immutable kernel state. */
export type KernelState = RecordOf<KernelStateProps>;

/** Builds a kernel state. */
export const makeKernelState = Record<KernelStateProps>(
  {
    mm: makeMm(),
    nmm: makeNotifierMm(),
    listeners: List(),
    interval: makeInterval(),
    mirrors: List(),
    srcuNesting: List(),
    queues: List(),
    moduleLoaded: true,
    faults: List(),
  },
  'KernelState',
);
