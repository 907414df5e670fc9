/**
 * A test-and-set spin lock starves a thread, even when every thread is scheduled fairly.
 *
 * Two threads loop forever: a non-critical section, then `while (test_and_set(&lock)) ;`, the
 * critical section, and `lock = 0`. Mutual exclusion holds. But nothing orders the waiters: a
 * thread that spins while the other holds the lock, and is scheduled only then, fails every
 * test-and-set it makes, however often it runs. Weak fairness (a thread that can always move
 * eventually moves) does not help, since the spinning thread *does* move: its failed test-and-set
 * is a step. The lasso counterexample shows it: t1 takes the lock, t0 spins and fails, t1 leaves
 * and comes back, forever. Peterson's algorithm (peterson.ts) and ticket locks are starvation-free
 * under the same fairness, because a waiter there is served in turn.
 *
 * Granularity: each statement is one atomic step; the failed test-and-set leaves the state as it
 * was (a self-loop); `wants` and `inCs` are ghost variables (which thread waits, which is inside).
 *
 * Pinned in test/examples/teaching.test.ts: mutual exclusion holds, and `t0-gets-the-lock` fails
 * with a lasso (its stem and loop lengths are pinned there) under weak and under strong fairness.
 */
import { List, ProgramModel, Record, always, leadsTo, step, label, type RecordOf } from 'mmucheck';

/** The shared variables. */
export interface SpinlockVars {
  readonly lock: boolean;
  /** Ghost: which threads are spinning for the lock. */
  readonly wants: List<boolean>;
  /** Ghost: which threads hold the lock. */
  readonly inCs: List<boolean>;
}
type Shared = RecordOf<SpinlockVars>;
const Shared = Record<SpinlockVars>({
  lock: false,
  wants: List([false, false]),
  inCs: List([false, false]),
});

/** Two threads taking a test-and-set spin lock in a loop. */
export function spinlockStarvation(): ProgramModel<Shared> {
  return new ProgramModel<Shared>({
    procs: [
      {
        name: 'worker',
        body: [
          label('again'),
          step('noncritical_section', '/* non-critical section */', {
            run: (x) => x.update((g) => g.setIn(['wants', x.tid], true)),
          }),
          label('spin'),
          step('spin_lock', 'while (test_and_set(&lock)) ;', {
            run: (x) => {
              if (x.shared.lock) {
                x.goto('spin'); // the test-and-set failed: try again, the state unchanged
                return;
              }
              x.update((g) => g.set('lock', true).setIn(['wants', x.tid], false).setIn(['inCs', x.tid], true));
            },
          }),
          step('critical_section', '/* critical section */'),
          step('spin_unlock', 'lock = 0', {
            run: (x) => {
              x.update((g) => g.set('lock', false).setIn(['inCs', x.tid], false));
              x.goto('again');
            },
          }),
        ],
      },
    ],
    threads: [
      { name: 't0', entry: 'worker' },
      { name: 't1', entry: 'worker' },
    ],
    initShared: Shared(),
    properties: [
      always('mutual-exclusion', 'at most one thread holds the lock', (s) =>
        s.shared.inCs.every((inside) => inside) ? 'both threads hold the lock' : undefined,
      ),
      leadsTo(
        't0-gets-the-lock',
        't0, once it spins for the lock, eventually gets it',
        (s) => s.shared.wants.get(0) === true,
        (s) => s.shared.inCs.get(0) === true,
      ),
    ],
  });
}

export const name = 'spinlock-starvation';
export const description = 'A test-and-set spin lock starves a waiter, even under fair scheduling';
export const model = spinlockStarvation();
