/** Two threads take two locks in opposite orders: the classic ABBA deadlock, two steps deep. */
import { List, Record, type RecordOf } from 'immutable';
import type { Model } from '../../model/Model.js';
import { deadlockFree } from '../../model/Property.js';

interface LocksProps {
  /** Per thread: 0 wants its first lock, 1 wants its second, 2 holds both, 3 released both. */
  readonly pc: List<number>;
  /** Owner thread of lock A and lock B, or -1. */
  readonly owner: List<number>;
}
type Locks = RecordOf<LocksProps>;
const Locks = Record<LocksProps>({ pc: List([0, 0]), owner: List([-1, -1]) }, 'Locks');

/** A thread's step, named after the lock it touches. */
export type LockStep = 'T0 lock A' | 'T0 lock B' | 'T0 unlock' | 'T1 lock B' | 'T1 lock A' | 'T1 unlock';

// Thread 0 takes A (lock 0) then B (lock 1); thread 1 takes B then A.
const ORDER = [
  [0, 1],
  [1, 0],
];
const NAMES = ['AB', 'BA'];

/** The ABBA model; with `ordered`, both threads take A first and there is no deadlock. */
export function lockOrder(ordered = false): Model<Locks, LockStep> {
  const order = ordered ? [ORDER[0] as number[], ORDER[0] as number[]] : ORDER;
  const lockOf = (thread: number, pc: number): number => (order[thread] as number[])[pc] as number;
  return {
    initStates: () => [Locks()],
    actions: (s) => {
      const steps: LockStep[] = [];
      for (const thread of [0, 1]) {
        const pc = s.pc.get(thread) as number;
        if (pc === 2) steps.push(`T${thread} unlock` as LockStep);
        else if (pc < 2 && s.owner.get(lockOf(thread, pc)) === -1) {
          steps.push(`T${thread} lock ${'AB'[lockOf(thread, pc)]}` as LockStep);
        }
      }
      return steps;
    },
    nextState: (s, step) => {
      const thread = step.startsWith('T0') ? 0 : 1;
      const pc = s.pc.get(thread) as number;
      const owner = pc === 2 ? List([-1, -1]) : s.owner.set(lockOf(thread, pc), thread);
      return s.set('owner', owner).setIn(['pc', thread], pc + 1);
    },
    isFinal: (s) => s.pc.every((pc) => pc === 3),
    properties: () => [
      deadlockFree('deadlock-free', `threads taking locks in orders ${NAMES.join(' and ')} never get stuck`),
    ],
  };
}
