/**
 * Dining philosophers: n philosophers around a table, a fork between each two neighbours. Each
 * philosopher loops: take one fork, take the other, eat, put them down (second first).
 *
 * With every philosopher taking the left fork first, all of them can hold their left fork and wait
 * for the right one forever: a deadlock, found after n steps. The fix orders the forks: every
 * philosopher takes the lower-numbered of its two forks first, which for all but the last is the
 * left one. The proof idea: a cycle of philosophers each waiting for a fork held by the next would
 * need each to hold a lower-numbered fork than the one it waits for, all the way round the table,
 * and the numbers cannot increase around a cycle. No cycle of waiting, no deadlock.
 *
 * The reachable states can be counted by hand, which checks the checker: a state is the position
 * of each philosopher (wants its first fork, holds the first and wants the second, eats, holds the
 * first after putting the second down). With ordered forks every assignment in which no fork is
 * held twice is reachable; with left forks first all but one are: everybody holding its first fork
 * after eating (the last to put its second fork down ate with its neighbour's first fork, which
 * the neighbour can only have taken afterwards). Counting the assignments directly (in the test)
 * gives 35, 118, 392 and 1,297 states for n = 3 to 6 with left forks first, and 24, 79, 261 and
 * 862 with ordered forks; the checker finds exactly these. These are counts at this granularity
 * (one step per fork taken or put down); other tools' counts for their dining-philosopher models
 * depend on their own encodings and were not compared.
 *
 * Pinned in test/examples/teaching.test.ts for n = 3 to 6: the deadlock after n steps, the distinct
 * states and depth of both versions (n = 5: 392 states with left forks first, 261 and depth 12
 * with ordered forks, where everything holds).
 */
import {
  List,
  ProgramModel,
  Record,
  always,
  deadlockFree,
  sometimes,
  step,
  label,
  type Property,
  type ProgramState,
  type RecordOf,
} from 'mmucheck';

/** The shared variables. */
export interface TableVars {
  /** Who holds each fork, or -1. */
  readonly forks: List<number>;
  /** Ghost: who is eating. */
  readonly eating: List<boolean>;
}
type Table = RecordOf<TableVars>;

/** The forks philosopher `i` of `n` takes, in order: left (fork i) then right, or the lower-numbered first when `ordered`. */
export function forkOrder(i: number, n: number, ordered: boolean): readonly [number, number] {
  const left = i;
  const right = (i + 1) % n;
  return ordered && right < left ? [right, left] : [left, right];
}

function properties(n: number): Property<ProgramState<Table>>[] {
  const props: Property<ProgramState<Table>>[] = [
    deadlockFree('no-deadlock', 'some philosopher can always move'),
    always('neighbours-apart', 'no two neighbours eat at once', (s) => {
      const i = s.shared.eating.findIndex((e, j) => e && s.shared.eating.get((j + 1) % n) === true);
      return i < 0 ? undefined : `philosophers ${i} and ${(i + 1) % n} both eat`;
    }),
    sometimes('p0-eats', 'philosopher 0 can eat', (s) => s.shared.eating.get(0) === true),
  ];
  if (n >= 4)
    props.push(sometimes('two-eat', 'two philosophers can eat at once', (s) => s.shared.eating.count((e) => e) >= 2));
  return props;
}

/** The table of `n` philosophers (2 to 16); with `ordered`, forks are taken lower-numbered first. */
export function philosophers(n: number, ordered = false): ProgramModel<Table> {
  if (!Number.isInteger(n) || n < 2 || n > 16) throw new RangeError(`philosophers: n must be 2 to 16, got ${n}`);
  const forkOf = (tid: number, which: 0 | 1) => forkOrder(tid, n, ordered)[which];
  const take = (which: 0 | 1) =>
    step<Table>('philosopher', `take(fork ${which === 0 ? 'first' : 'second'})`, {
      kind: 'acquire',
      guard: (g, _f, tid) => g.forks.get(forkOf(tid, which)) === -1,
      run: (x) =>
        x.update((g) => {
          const taken = g.forks.set(forkOf(x.tid, which), x.tid);
          return which === 1 ? g.set('forks', taken).setIn(['eating', x.tid], true) : g.set('forks', taken);
        }),
    });
  return new ProgramModel<Table>({
    procs: [
      {
        name: 'philosopher',
        body: [
          label('think'),
          take(0),
          take(1),
          step('philosopher', 'eat(); put(fork second)', {
            kind: 'release',
            run: (x) => x.update((g) => g.setIn(['forks', forkOf(x.tid, 1)], -1).setIn(['eating', x.tid], false)),
          }),
          step('philosopher', 'put(fork first)', {
            kind: 'release',
            run: (x) => {
              x.update((g) => g.setIn(['forks', forkOf(x.tid, 0)], -1));
              x.goto('think');
            },
          }),
        ],
      },
    ],
    threads: Array.from({ length: n }, (_v, i) => ({ name: `p${i}`, entry: 'philosopher' })),
    initShared: Record<TableVars>({
      forks: List(Array.from({ length: n }, () => -1)),
      eating: List(Array.from({ length: n }, () => false)),
    })(),
    describeShared: (g) =>
      Object.fromEntries([
        ...g.forks.map((owner, f) => [`fork${f}`, owner < 0 ? 'free' : `p${owner}`]),
        ...g.eating.map((e, i) => [`p${i}.eating`, e]),
      ]),
    properties: properties(n),
  });
}

export const name = 'philosophers';
export const description = 'five dining philosophers, each taking the left fork first';
export const model = philosophers(5);
