/** What the kernel model's steps know about the scenario they run in: threads, CPUs, versions, checks. */
import type { KernelPropertyId } from './PropertyId.js';
import type { ThreadSpec } from '../program/ThreadSpec.js';
import type { KernelVersion, MirrorOp, Scenario, SrcuImpl, VersionedFunction } from './Scenario.js';
import { modelListeners } from './modelListeners.js';
import type { DriverScript } from './drivers/DriverScript.js';
import { parseMutationId, type Mutation } from './mutation/Mutation.js';

/** The fixed context of one kernel model, read by every step. */
export interface KernelEnv {
  readonly srcu: SrcuImpl;
  /** Number of SRCU callback queues: 1 for classic, one per CPU for tree SRCU. */
  readonly queues: number;
  /** Per thread: its name and CPU. */
  readonly threadNames: readonly string[];
  readonly threadCpus: readonly number[];
  /** Per listener object of the model (get threads' spares included): its driver's name (its ops). */
  readonly behaviours: readonly string[];
  /** Per listener object of the model: its driver script. */
  readonly scripts: readonly DriverScript[];
  /** The scenario is of the interval world (v5.5 on, with mirrors) rather than of classic listeners. */
  readonly interval: boolean;
  /** Per mirror: its driver. */
  readonly mirrors: readonly string[];
  /** Each mirror's driver script. */
  readonly mirrorScripts: readonly DriverScript[];
  /** The op lists of the scenario's mirror tasks. */
  readonly mirrorOps: readonly (readonly MirrorOp[])[];
  /** Per thread: the spare listener object of a get thread, or -1. */
  readonly spareOfThread: readonly number[];
  /** The property ids being checked: steps record faults only for these. */
  readonly checks: ReadonlySet<KernelPropertyId>;
  /** The variant of each versioned function. */
  readonly version: (fn: VersionedFunction) => KernelVersion;
  /** The scenario's kernel version: the source the statements of the other kernel functions are quoted from. */
  readonly kernel: KernelVersion;
  /** The statement the scenario's `mutant` deletes or moves, if any. */
  readonly mutation?: Mutation;
}

/** Builds the environment of a scenario once its threads are laid out. */
export function makeKernelEnv(scenario: Scenario, threads: readonly ThreadSpec[]): KernelEnv {
  return {
    srcu: scenario.srcu,
    queues: scenario.srcu === 'classic' ? 1 : scenario.cpus,
    threadNames: threads.map((t) => t.name),
    threadCpus: threads.map((t) => t.cpu ?? 0),
    behaviours: modelListeners(scenario).map((l) => l.driver.name),
    scripts: modelListeners(scenario).map((l) => l.driver),
    interval: scenario.mirrors.length > 0,
    mirrors: scenario.mirrors.map((m) => m.driver),
    mirrorScripts: scenario.mirrors.map((m) => m.script),
    mirrorOps: scenario.threads.flatMap((t) => (t.kind === 'mirror' ? [t.ops] : [])),
    spareOfThread: threads.map((t) => (t.entry === 'get_thread' ? t.arg! : -1)),
    checks: new Set(scenario.properties),
    version: (fn) => scenario.functions[fn] ?? scenario.kernel,
    kernel: scenario.kernel,
    ...(scenario.mutant === undefined ? {} : { mutation: parseMutationId(scenario.mutant)! }),
  };
}
