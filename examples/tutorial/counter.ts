// Two threads add 1 to a shared counter, each in two steps: read it, then write it back plus one.
import { ProgramModel, Record, always, deadlockFree, step, type RecordOf } from 'mmucheck';

export const name = 'counter';
export const description = 'two threads add 1 to a shared counter';

interface Vars {
  readonly counter: number;
  readonly done: number; // a ghost variable: how many threads have finished their increment
}
type Shared = RecordOf<Vars>;
const Shared = Record<Vars>({ counter: 0, done: 0 });

export const model = new ProgramModel<Shared>({
  procs: [
    {
      name: 'increment',
      body: [
        step('increment', 'tmp = counter', {
          run: (x) => {
            x.local = x.shared.counter;
          },
        }),
        step('increment', 'counter = tmp + 1', {
          run: (x) => x.update((g) => g.set('counter', x.local + 1).set('done', g.done + 1)),
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
  ],
});
