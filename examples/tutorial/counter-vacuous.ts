// The locked counter with one slip: the increment no longer counts itself in `done`.
import { ProgramModel, Record, always, deadlockFree, eventually, sometimes, step, type RecordOf } from 'mmucheck';

export const name = 'counter-vacuous';
export const description = 'two threads add 1 to a shared counter under a lock, with a slip in the ghost variable';

interface Vars {
  readonly counter: number;
  readonly locked: boolean;
  readonly done: number; // a ghost variable: how many threads have finished their increment
}
type Shared = RecordOf<Vars>;
const Shared = Record<Vars>({ counter: 0, locked: false, done: 0 });

export const model = new ProgramModel<Shared>({
  procs: [
    {
      name: 'increment',
      body: [
        step('increment', 'spin_lock(&lock)', {
          guard: (g) => !g.locked, // a disabled step is how a thread waits
          run: (x) => x.update((g) => g.set('locked', true)),
        }),
        step('increment', 'tmp = counter', {
          run: (x) => {
            x.local = x.shared.counter;
          },
        }),
        step('increment', 'counter = tmp + 1', {
          run: (x) => x.update((g) => g.set('counter', x.local + 1)), // forgot: .set('done', g.done + 1)
        }),
        step('increment', 'spin_unlock(&lock)', {
          run: (x) => x.update((g) => g.set('locked', false)),
        }),
      ],
    },
  ],
  threads: [
    { name: 't0', entry: 'increment' },
    { name: 't1', entry: 'increment' },
  ],
  initShared: Shared(),
  properties: [
    always('no-lost-update', 'once both threads are done, the counter is 2', (s) =>
      s.shared.done === 2 && s.shared.counter !== 2
        ? `the counter is ${s.shared.counter} after two increments`
        : undefined,
    ),
    deadlockFree('no-deadlock', 'some thread can move until both are done'),
    sometimes('both-done', 'both threads can finish their increment', (s) => s.shared.done === 2),
    eventually('ends-at-two', 'every run ends with the counter at 2', (s) => s.shared.counter === 2),
  ],
});
