/** What the kernel model's steps know about the scenario they run in: threads, CPUs, versions, checks. */
import type { Behaviour, KernelVersion, Scenario, SrcuImpl, VersionedFunction } from './Scenario.js';

/** The fixed context of one kernel model, read by every step. */
export interface KernelEnv {
  readonly srcu: SrcuImpl;
  /** Number of SRCU callback queues: 1 for classic, one per CPU for tree SRCU. */
  readonly queues: number;
  /** Per thread: its name and CPU. */
  readonly threadNames: readonly string[];
  readonly threadCpus: readonly number[];
  /** Per listener: its behaviour. */
  readonly behaviours: readonly Behaviour[];
  /** The property ids being checked: steps record faults only for these. */
  readonly checks: ReadonlySet<string>;
  /** The variant of each versioned function. */
  readonly version: (fn: VersionedFunction) => KernelVersion;
}

/** Builds the environment of a scenario once its threads are laid out. */
export function makeKernelEnv(scenario: Scenario, threadNames: readonly string[], threadCpus: readonly number[]): KernelEnv {
  return {
    srcu: scenario.srcu,
    queues: scenario.srcu === 'classic' ? 1 : scenario.cpus,
    threadNames,
    threadCpus,
    behaviours: scenario.listeners.map((l) => l.behaviour),
    checks: new Set(scenario.properties),
    version: (fn) => scenario.functions[fn] ?? scenario.kernel,
  };
}
