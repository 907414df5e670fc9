/**
 * Two threads each increment a shared counter by a read step and a write step: interleaved, one
 * update is lost. With `atomic`, each increment is a single step and nothing is lost.
 */
import { List, Record, type RecordOf } from 'immutable';
import type { Model } from '../../model/Model.js';
import { always, deadlockFree } from '../../model/Property.js';

interface SharedProps {
  readonly x: number;
  /** Per thread: 0 before reading, 1 after reading, 2 after writing. */
  readonly pc: List<number>;
  /** Per thread: the value it read. */
  readonly tmp: List<number>;
}
/** The shared counter and the threads' program counters and registers. */
export type Shared = RecordOf<SharedProps>;
const Shared = Record<SharedProps>({ x: 0, pc: List([0, 0]), tmp: List([0, 0]) }, 'Shared');

/** One thread's step. */
export interface Step {
  readonly thread: number;
  readonly step: 'Read' | 'Write' | 'Increment';
}

const DONE = 2;

/** The two-thread lost-update model. */
export function lostUpdate(atomic = false): Model<Shared, Step> {
  return {
    initStates: () => [Shared()],
    actions: (s) =>
      [0, 1].filter((t) => s.pc.get(t) !== DONE).map((thread) => ({ thread, step: nextStep(s, thread, atomic) })),
    nextState: (s, { thread, step }) => {
      if (step === 'Increment') return s.set('x', s.x + 1).setIn(['pc', thread], DONE);
      if (step === 'Read') return s.setIn(['tmp', thread], s.x).setIn(['pc', thread], 1);
      return s.set('x', (s.tmp.get(thread) ?? 0) + 1).setIn(['pc', thread], DONE);
    },
    isFinal: (s) => s.pc.every((pc) => pc === DONE),
    formatAction: (_s, a) => `${a.step}(${a.thread})`,
    properties: () => [
      always<Shared>('no-lost-update', 'both increments land', (s) =>
        s.pc.every((pc) => pc === DONE) && s.x !== 2 ? `x is ${s.x} after both threads incremented it` : undefined,
      ),
      deadlockFree('deadlock-free', 'some thread can move until both are done'),
    ],
  };
}

function nextStep(s: Shared, thread: number, atomic: boolean): Step['step'] {
  if (atomic) return 'Increment';
  return s.pc.get(thread) === 0 ? 'Read' : 'Write';
}
