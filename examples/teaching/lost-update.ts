/**
 * The lost update: two threads each add 1 to a shared counter twice, every `counter++` being a
 * load and a store (`tmp = counter; counter = tmp + 1`). Interleaved, an increment can overwrite
 * another's: the counter can end anywhere from 2 to 4, never 4 guaranteed. The locked fix takes a
 * spin lock around each increment.
 *
 * The proof idea for the fix: the lock makes each load-store pair atomic with respect to the other
 * thread (no store of the other thread falls between them), so each increment reads the value the
 * previous one wrote, and four increments from 0 end at 4. Without the lock, the counterexample
 * shows the two loads reading the same value.
 *
 * The property is an `eventually` one: every run that ends (every thread finished) passes a state
 * where the counter is 4, which, since the counter never exceeds 4, means it ends at 4.
 *
 * Pinned in test/examples/teaching.test.ts: without the lock, `ends-at-four` fails in 8 steps and
 * the counter can end at 2 (its lowest); with it, 45 distinct states (depth 16) and everything
 * holds.
 */
import {
  ProgramModel,
  Record,
  call,
  deadlockFree,
  eventually,
  sometimes,
  step,
  type RecordOf,
  type StepDef,
} from 'mmucheck';

/** The shared variables. */
export interface CounterVars {
  readonly counter: number;
  readonly locked: boolean;
  /** Ghost: increments completed, by both threads together. */
  readonly done: number;
}
type Shared = RecordOf<CounterVars>;
const Shared = Record<CounterVars>({ counter: 0, locked: false, done: 0 });

/** Two threads incrementing the counter twice each; with `locked`, under a spin lock. */
export function lostUpdate(locked: boolean): ProgramModel<Shared> {
  const lock: StepDef<Shared>[] = locked
    ? [
        step('increment', 'spin_lock(&lock)', {
          kind: 'acquire',
          guard: (g) => !g.locked,
          run: (x) => x.update((g) => g.set('locked', true)),
        }),
      ]
    : [];
  const unlock: StepDef<Shared>[] = locked
    ? [
        step('increment', 'spin_unlock(&lock)', {
          kind: 'release',
          run: (x) => x.update((g) => g.set('locked', false)),
        }),
      ]
    : [];
  return new ProgramModel<Shared>({
    procs: [
      {
        name: 'worker',
        body: [call('increment'), call('increment')],
      },
      {
        name: 'increment',
        body: [
          ...lock,
          step('increment', 'tmp = counter', { run: (x) => void (x.local = x.shared.counter) }),
          step('increment', 'counter = tmp + 1', {
            run: (x) => x.update((g) => g.set('counter', x.local + 1).set('done', g.done + 1)),
          }),
          ...unlock,
        ],
      },
    ],
    threads: [
      { name: 't0', entry: 'worker' },
      { name: 't1', entry: 'worker' },
    ],
    initShared: Shared(),
    properties: [
      eventually('ends-at-four', 'every run ends with the counter at 4', (s) => s.shared.counter === 4),
      deadlockFree('no-deadlock', 'some thread can move until both are done'),
      sometimes('all-done', 'both threads can finish all their increments', (s) => s.shared.done === 4),
    ],
  });
}

export const name = 'lost-update';
export const description = 'two threads add 1 to a shared counter twice each, without a lock';
export const model = lostUpdate(false);
