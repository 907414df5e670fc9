/** A property violation recorded by the step that committed it. */
import { Record, type RecordOf } from 'immutable';

export interface FaultProps {
  /** The id of the violated property. */
  readonly property: string;
  /** What went wrong, in kernel terms. */
  readonly message: string;
  /** The state-view field of the object involved (e.g. `listener0`), so a trace can point at the step that freed it. */
  readonly object: string;
}

/** An immutable fault. */
export type Fault = RecordOf<FaultProps>;

/** Builds a fault. */
export const makeFault = Record<FaultProps>({ property: '', message: '', object: '' }, 'Fault');
