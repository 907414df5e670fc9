/**
 * Assembles the kernel model of a scenario: its procedures, threads and initial state, with the
 * properties a caller makes for it (properties/buildKernelModel.ts makes the kernel properties).
 */
import { List } from 'immutable';
import { PackedProgram } from '../program/PackedProgram.js';
import { groupsByKey } from '../program/ThreadSymmetry.js';
import { PackedProgramModel } from '../program/PackedProgramModel.js';
import type { ProgramState } from '../program/ProgramState.js';
import type { ProcDef } from '../program/Proc.js';
import type { ThreadSpec } from '../program/ThreadSpec.js';
import { KernelMem } from './KernelMem.js';
import type { KernelShape } from './layout/KernelShape.js';
import { queuesEmpty } from './srcu.js';
import type { Scenario, ThreadConfig } from './Scenario.js';
import { modelListeners } from './modelListeners.js';
import { makeKernelEnv, type KernelEnv } from './KernelEnv.js';
import { layoutThreads } from './layoutThreads.js';
import { makeKernelState, type KernelState } from './state/KernelState.js';
import { makeMm } from './state/Mm.js';
import { makeNotifierMm } from './state/NotifierMm.js';
import { Link, makeListener } from './state/Listener.js';
import { mmdropFreeProc, mmputProc } from './procs/fork.js';
import { notifierReleaseProc, unregisterNoReleaseProc } from './procs/notifier.js';
import { unregisterProc } from './procs/unregister.js';
import { driverPutProc, getThreadProc, putProc } from './procs/getPut.js';
import { notifierSynchronizeProc, srcuBarrierProc, srcuWorkerProc, synchronizeSrcuProc } from './procs/srcuProcs.js';
import { listenerProcs } from './procs/listeners.js';
import { invalidateReaderProc, moduleExitProc, reclaimerProc } from './procs/threads.js';
import { describeKernel } from './describe.js';
import { intervalProcedures } from './interval/intervalThreads.js';
import { classicProcsIn } from './procs/todaysClassicText.js';
import { isIntervalEra } from './era.js';
import { makeInterval } from './state/Interval.js';
import { makeMirror } from './state/Mirror.js';
import { decodeKernel, encodeKernel } from './encode.js';
import type { Property } from '../Property.js';
import { applyMutation } from './mutation/applyMutation.js';

/** The kernel model of one scenario, with the scenario and environment it was built from. */
export interface KernelModel extends PackedProgramModel<KernelState, KernelMem> {
  readonly scenario: Scenario;
  readonly env: KernelEnv;
}

/** The state of the kernel model. */
export type KernelModelState = ProgramState<KernelState>;

/**
 * The initial state: listeners registered in order (so hlist_add_head leaves the last first),
 * each holding an mm_count reference, as does every reader and reclaimer; get/put listeners with
 * one user. One mm_users for the exiting task and one per get thread; get threads' spares unallocated.
 */
function initialState(scenario: Scenario, threadCount: number, queues: number): KernelState {
  if (scenario.mirrors.length > 0) return initialIntervalState(scenario, threadCount, queues);
  const n = scenario.listeners.length;
  const count = (kind: ThreadConfig['kind']) =>
    scenario.threads.reduce((sum, t) => sum + (t.kind === kind && 'count' in t ? t.count : 0), 0);
  const pinned = count('reader') + count('reclaimer');
  const listeners = modelListeners(scenario).map((l, i) =>
    l.spare
      ? makeListener({ freed: true, registered: false, holdsModule: true })
      : makeListener({
          link: Link.Hashed,
          next: i - 1,
          maps: l.maps,
          registered: true,
          holdsModule: true,
          users: l.driver.api === 'get-put' ? 1 : 0,
        }),
  );
  return makeKernelState({
    mm: makeMm({ users: 1 + count('get'), count: 1 + n + pinned }),
    nmm: makeNotifierMm({ first: n - 1 }),
    listeners: List(listeners),
    srcuNesting: List(Array.from({ length: threadCount }, () => 0)),
    queues: List(Array.from({ length: queues }, () => List())),
  });
}

/**
 * The initial state of an interval-era scenario: every task of the process (the exiting one, each
 * invalidator, each mirror task) holds an mm_users; mirrors inserted beforehand are in the tree,
 * inserted while idle (their seq is `invalidate_seq - 1`), each holding an mm_count.
 */
function initialIntervalState(scenario: Scenario, threadCount: number, queues: number): KernelState {
  const tasks = scenario.threads.reduce(
    (n, t) => n + (t.kind === 'invalidator' ? t.count : t.kind === 'exit' || t.kind === 'mirror' ? 1 : 0),
    0,
  );
  const inserted = scenario.mirrors.filter((m) => m.inserted).length;
  const seq = 2;
  return makeKernelState({
    mm: makeMm({ users: tasks, count: 1 + inserted }),
    nmm: makeNotifierMm({ first: -1 }),
    interval: makeInterval({ subs: inserted > 0, hasItree: inserted > 0, seq, tasks }),
    mirrors: List(
      scenario.mirrors.map((m) =>
        m.inserted ? makeMirror({ subscribed: true, inTree: true, seq: seq - 1 }) : makeMirror(),
      ),
    ),
    srcuNesting: List(Array.from({ length: threadCount }, () => 0)),
    queues: List(Array.from({ length: queues }, () => List())),
  });
}

/**
 * Every procedure of the kernel model in environment `env` (the listener procedures of its
 * behaviours only), with the scenario's mutation applied when it has one.
 */
export function kernelProcedures(env: KernelEnv): ProcDef<KernelMem>[] {
  const procs = unmutatedProcedures(env);
  return env.mutation ? applyMutation(procs, env.mutation) : procs;
}

/** The procedures as the scenario's kernel has them, before any mutation: what mutations are numbered against. */
export function unmutatedProcedures(env: KernelEnv): ProcDef<KernelMem>[] {
  if (env.interval) return intervalProcedures(env, env.mirrorOps);
  const procs = classicProcedures(env);
  return isIntervalEra(env.kernel) ? classicProcsIn(env.kernel, procs) : procs;
}

/** The procedures of the classic world, with the statements of v5.4 and earlier. */
function classicProcedures(env: KernelEnv): ProcDef<KernelMem>[] {
  return [
    mmputProc(env),
    mmdropFreeProc(env),
    notifierReleaseProc(env),
    unregisterProc(env),
    unregisterNoReleaseProc(env),
    synchronizeSrcuProc(env),
    srcuBarrierProc(env),
    notifierSynchronizeProc(env),
    putProc(env),
    getThreadProc(env),
    driverPutProc(env),
    srcuWorkerProc(env),
    invalidateReaderProc(env),
    reclaimerProc(env),
    moduleExitProc(env, true),
    moduleExitProc(env, false),
    ...listenerProcs(env),
  ];
}

/**
 * Which loaded states the checker must look at with the properties: those carrying a fault, the
 * deadlocks (no thread can move and the state is no proper end), and, for `no-leak`, every state
 * where all threads have finished. Every other state satisfies every kernel property.
 */
function mayViolate(env: KernelEnv): (runner: PackedProgram<KernelMem>) => boolean {
  const deadlock = env.checks.has('no-deadlock');
  const leak = env.checks.has('no-leak');
  return (runner) =>
    runner.mem.hasFaults ||
    (deadlock && runner.enabledCount === 0 && !runner.isFinal()) ||
    (leak && runner.allFinished());
}

/** A runner of the scenario's procedures over memory of its own. */
function runnerOf(env: KernelEnv, threads: readonly ThreadSpec[], shape: KernelShape): () => PackedProgram<KernelMem> {
  const symmetricThreads = interchangeableThreads(threads);
  return () =>
    new PackedProgram({
      procs: kernelProcedures(env),
      threads,
      mem: new KernelMem(shape),
      finalShared: queuesEmpty,
      symmetricThreads,
    });
}

/**
 * Threads that differ only in their names: the same entry procedure, argument, CPU and daemon flag.
 * They run the same code, and the kernel state names a thread only where KernelMem renumbers it
 * (locks, SRCU nesting, markers and wait sets, the interval world's sets and mutexes), so any two of
 * them can be exchanged (readers, reclaimers, invalidators of one CPU). Get threads and teardown
 * threads each have a listener of their own, SRCU workers a queue: none of them is in a group.
 */
function interchangeableThreads(threads: readonly ThreadSpec[]): number[][] {
  return groupsByKey(threads, (t) => JSON.stringify([t.entry, t.arg ?? -1, t.cpu ?? 0, t.daemon === true]));
}

/** Makes the properties of a kernel model: `allFinished` says whether every thread of a state has finished. */
export type KernelPropertiesOf = (
  env: KernelEnv,
  allFinished: (s: KernelModelState) => boolean,
) => Property<KernelModelState>[];

/** Builds the model of `scenario` with the properties `propertiesOf` makes. */
export function buildKernelProgram(scenario: Scenario, propertiesOf: KernelPropertiesOf): KernelModel {
  const threads = layoutThreads(scenario);
  if (threads.length > 30)
    throw new Error(`scenario ${scenario.name} has ${threads.length} threads; at most 30 are supported`);
  const env = makeKernelEnv(scenario, threads);
  // A mutation that names no statement of this model is refused here, before any search.
  if (env.mutation) kernelProcedures(env);
  const shape: KernelShape = {
    listeners: env.behaviours.length,
    mirrors: env.mirrors.length,
    threads: threads.length,
    queues: env.queues,
  };
  let model: PackedProgramModel<KernelState, KernelMem> | undefined;
  const allFinished = (s: KernelModelState) => model!.allFinished(s);
  model = new PackedProgramModel<KernelState, KernelMem>({
    threads,
    runner: runnerOf(env, threads, shape),
    initShared: initialState(scenario, threads.length, env.queues),
    properties: propertiesOf(env, allFinished),
    finalShared: (g) => g.queues.every((q) => q.isEmpty()),
    mayViolate: mayViolate(env),
    encodeShared: encodeKernel,
    decodeShared: (source) => decodeKernel(shape, source),
    describeShared: (g) => describeKernel(env, g),
  });
  return Object.assign(model, { scenario, env });
}
