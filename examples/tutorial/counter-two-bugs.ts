// Two threads add 1 to a shared counter, each in two steps: read it, then write it back plus one.
// Two invariants fail. `one-at-a-time` fails as soon as both threads have read (2 steps). Every
// lost update passes through such a state first, so `no-lost-update` (4 steps) is found only by a
// search that goes on past the first violation: `mmucheck check examples/tutorial/counter-two-bugs.ts --continue`.
import { ProgramModel, Record, always, deadlockFree, step, type RecordOf } from 'mmucheck';

export const name = 'counter-two-bugs';
export const description = 'two threads add 1 to a shared counter; two invariants fail, the second only past the first';

interface Vars {
  readonly counter: number;
  readonly reading: number; // a ghost variable: how many threads have read and not yet written
  readonly done: number; // a ghost variable: how many threads have finished their increment
}
type Shared = RecordOf<Vars>;
const Shared = Record<Vars>({ counter: 0, reading: 0, done: 0 });

export const model = new ProgramModel<Shared>({
  procs: [
    {
      name: 'increment',
      body: [
        step('increment', 'tmp = counter', {
          run: (x) => {
            x.local = x.shared.counter;
            x.update((g) => g.set('reading', g.reading + 1));
          },
        }),
        step('increment', 'counter = tmp + 1', {
          run: (x) =>
            x.update((g) =>
              g
                .set('counter', x.local + 1)
                .set('reading', g.reading - 1)
                .set('done', g.done + 1),
            ),
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
    always('one-at-a-time', 'no two increments overlap', (s) =>
      s.shared.reading > 1 ? `${s.shared.reading} threads are between their read and their write` : undefined,
    ),
    always('no-lost-update', 'once both threads are done, the counter is 2', (s) =>
      s.shared.done === 2 && s.shared.counter !== 2
        ? `the counter is ${s.shared.counter} after two increments`
        : undefined,
    ),
    deadlockFree('no-deadlock', 'some thread can move until both are done'),
  ],
});
