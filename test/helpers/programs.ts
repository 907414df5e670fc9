/**
 * Tiny programs written with the program kit, and a walker that runs them along chosen threads, so
 * kit tests read as "this thread takes these steps" without looking inside a state.
 */
import { List, Record, type RecordOf } from 'immutable';
import { ProgramModel, type ProgramSpec, type ThreadSpec } from '../../model/program/ProgramModel.js';
import type { ProgramState } from '../../model/program/ProgramState.js';
import type { ProcDef } from '../../model/program/Proc.js';
import { step } from '../../model/program/Step.js';
import { always, deadlockFree, type Property } from '../../model/Property.js';

/** The shared variables of the tiny programs: two counters, a flag, a lock owner and a log of events. */
export interface VarsProps {
  readonly x: number;
  readonly y: number;
  readonly flag: boolean;
  /** The thread holding the lock, or -1. */
  readonly lock: number;
  /** What happened, in order: steps and returns append to it when a test wants to see the order. */
  readonly log: List<string>;
}
/** The shared state of a tiny program. */
export type Vars = RecordOf<VarsProps>;
/** Builds shared states. */
export const Vars = Record<VarsProps>({ x: 0, y: 0, flag: false, lock: -1, log: List() }, 'Vars');

/** A state of a tiny program. */
export type TinyState = ProgramState<Vars>;

/** The deadlock-freedom property the tiny programs check unless told otherwise. */
export const noDeadlock: Property<TinyState> = deadlockFree(
  'no-deadlock',
  'some thread can move until every thread has finished',
);

/** A program over `Vars` with the given procedures and threads (no-deadlock checked by default). */
export function tinyProgram(
  procs: readonly ProcDef<Vars>[],
  threads: readonly ThreadSpec[],
  extra: Partial<ProgramSpec<Vars>> = {},
): ProgramModel<Vars> {
  return new ProgramModel<Vars>({ procs, threads, initShared: Vars(), properties: [noDeadlock], ...extra });
}

/** A step that appends `name` to the log: the simplest observable step. */
export function note(fn: string, name: string): ReturnType<typeof step<Vars>> {
  return step<Vars>(fn, name, { run: (x) => x.update((g) => g.set('log', g.log.push(name))) });
}

/** One thread's step as the walker saw it: `thread fn: code`. */
export type Taken = string;

/**
 * Runs `model` from its initial state, each time moving the first thread of `order` that is enabled
 * (the order is tried again from its start after every step), until no thread of `order` can move.
 * Returns the steps taken and the state reached.
 */
export function runThreads<G>(
  model: ProgramModel<G>,
  order: readonly number[],
  limit = 100,
): { taken: Taken[]; state: ProgramState<G> } {
  let state = model.initStates()[0]!;
  const taken: Taken[] = [];
  for (let n = 0; n < limit; n++) {
    const enabled = model.actions(state);
    const tid = order.find((t) => enabled.includes(t));
    if (tid === undefined) return { taken, state };
    const v = model.actionView(state, tid);
    taken.push(`${v.thread} ${v.fn}: ${v.code}`);
    state = model.nextState(state, tid);
  }
  throw new Error(`the program ran for more than ${limit} steps`);
}

/** Two threads each adding one to `x` with a read step and a write step (the lost update, in the kit). */
export function lostUpdateProgram(): ProgramModel<Vars> {
  const inc: ProcDef<Vars> = {
    name: 'inc',
    body: [
      step('inc', 'tmp = x', { run: (c) => (c.local = c.shared.x) }),
      step('inc', 'x = tmp + 1', { run: (c) => c.update((g) => g.set('x', c.local + 1)) }),
    ],
  };
  // The property asks the model whether both threads finished, so it is built after the model.
  let model: ProgramModel<Vars> | undefined;
  const lost = always<TinyState>('no-lost-update', 'both increments land', (s) =>
    model!.allFinished(s) && s.shared.x !== 2 ? `x is ${s.shared.x} after both threads added one` : undefined,
  );
  model = tinyProgram(
    [inc],
    [
      { name: 'T0', entry: 'inc' },
      { name: 'T1', entry: 'inc' },
    ],
    { properties: [lost, noDeadlock] },
  );
  return model;
}

/**
 * `threads` threads each taking a spinlock, adding one to `x` in its critical section and releasing
 * the lock: a guard on the lock is how a thread waits. Thread i runs on CPU i mod 2; `encodeShared`
 * replaces the generic encoding of the shared state.
 */
export function spinlockProgram(threads: number, encodeShared?: ProgramSpec<Vars>['encodeShared']): ProgramModel<Vars> {
  const fn = 'locked_inc';
  const body: ProcDef<Vars> = {
    name: fn,
    body: [
      step(fn, 'spin_lock(&lock)', {
        kind: 'acquire',
        guard: (g) => g.lock < 0,
        run: (c) => c.update((g) => g.set('lock', c.tid)),
      }),
      step(fn, 'x++', { run: (c) => c.update((g) => g.set('x', g.x + 1)) }),
      step(fn, 'spin_unlock(&lock)', { kind: 'release', run: (c) => c.update((g) => g.set('lock', -1)) }),
    ],
  };
  const names = Array.from({ length: threads }, (_v, i): ThreadSpec => ({ name: `T${i}`, entry: fn, cpu: i % 2 }));
  return tinyProgram([body], names, {
    properties: [
      always<TinyState>('mutual-exclusion', 'x only grows under the lock', (s) =>
        s.shared.x > threads ? `x is ${s.shared.x}` : undefined,
      ),
      noDeadlock,
    ],
    ...(encodeShared ? { encodeShared } : {}),
  });
}
