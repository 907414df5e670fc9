/** What a kernel property file defines: its id, its short name, and how it is checked. */
import type { KernelEnv } from '../../model/kernel/KernelEnv.js';
import type { KernelPropertyId } from '../../model/kernel/PropertyId.js';
import type { KernelModelState } from '../../model/kernel/kernelProgram.js';
import { always, type Property } from '../../model/Property.js';

/** One kernel property. */
export interface KernelProperty {
  readonly id: KernelPropertyId;
  /** A short sentence that says what holds. */
  readonly name: string;
  /** The checker property for a scenario's model; `allFinished` says whether every thread has finished. */
  make(env: KernelEnv, allFinished: (s: KernelModelState) => boolean): Property<KernelModelState>;
}

/**
 * A property the model's steps raise: a step that breaks it records a fault with its id (only
 * when the property is checked), and the property fails on the state after that step.
 */
export function raisedByFaults(id: KernelPropertyId, name: string): KernelProperty {
  return {
    id,
    name,
    make: () =>
      always<KernelModelState>(id, name, (s) => {
        const faults = s.shared.faults;
        return faults.size === 0 ? undefined : faults.find((f) => f.property === id)?.message; // nearly every state has none
      }),
  };
}
