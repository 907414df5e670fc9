/** An entry of an SRCU callback queue: a driver callback or a marker that wakes a waiting thread. */
import { Record, type RecordOf } from 'immutable';

/** What a queue entry is. */
export const enum CallbackKind {
  /** A driver's callback (destroy) on a listener object: module code. */
  Destroy = 0,
  /** The marker of a synchronize_srcu call: wakes its owner. */
  Sync = 1,
  /** The marker of an srcu_barrier call: wakes its owner. */
  Barrier = 2,
}

export interface CallbackProps {
  readonly kind: CallbackKind;
  /** The listener a destroy callback is about, or -1 for markers. */
  readonly listener: number;
  /** The thread a marker wakes, or -1. */
  readonly owner: number;
  /** Threads whose read-side critical section, active at queueing time, has not ended yet (bitmask). */
  readonly waitMask: number;
  /** The worker is running it: it stays at the head of its queue until it returns. */
  readonly running: boolean;
}

/** An immutable queue entry. */
export type Callback = RecordOf<CallbackProps>;

/** Builds a queue entry. */
export const makeCallback = Record<CallbackProps>(
  { kind: CallbackKind.Destroy, listener: -1, owner: -1, waitMask: 0, running: false },
  'Callback',
);
