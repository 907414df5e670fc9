/** The mmu_notifier_mm: the head of the notifier hlist and its spinlock. */
import { Record, type RecordOf } from 'immutable';

export interface NotifierMmProps {
  /** The first listener on the list (hlist head's `first`), or -1 when the list is empty. */
  readonly first: number;
  /** The thread holding the spinlock, or -1 when it is free. */
  readonly lock: number;
  readonly freed: boolean;
}

/** An immutable mmu_notifier_mm. */
export type NotifierMm = RecordOf<NotifierMmProps>;

/** Builds an mmu_notifier_mm. */
export const makeNotifierMm = Record<NotifierMmProps>({ first: -1, lock: -1, freed: false }, 'NotifierMm');
