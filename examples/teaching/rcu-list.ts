/**
 * An RCU-protected list, A → B → C. Readers walk it inside `rcu_read_lock()`; an updater unlinks B
 * with `list_del_rcu` and frees it. Correct: the free comes after `synchronize_rcu()`. Broken: the
 * free comes before the grace period (the `synchronize_rcu()` after it protects nothing).
 *
 * The proof idea: a reader can reach B only through a pointer it loaded from A (or from the head)
 * inside its read-side critical section. Once B is unlinked, no reader that starts later can load
 * a pointer to it; a reader that loaded one earlier is inside a critical section that began before
 * `synchronize_rcu()` was called, and `synchronize_rcu()` returns only after every such section
 * has ended. So when `kfree(B)` runs, no reader holds B. The `sometimes` property `reader-holds-b`
 * shows the model is not vacuous: a reader can indeed hold B after it was unlinked, and is safe
 * only because the free waits for it.
 *
 * RCU is modelled at the level of its contract (as the kernel model does for SRCU): a grace period
 * waits for the critical sections active when it starts; each pointer load and each use of a node
 * is one step. A reader that touches a freed node records a fault, which `no-use-after-free` reports.
 *
 * Pinned in test/examples/teaching.test.ts: with two readers the correct version has 784 distinct
 * states (depth 20) and every property holds; the broken one reports a use-after-free in 7 steps.
 */
import {
  List,
  ProgramModel,
  Record,
  always,
  eventually,
  label,
  sometimes,
  step,
  type RecordOf,
  type StepDef,
} from 'mmucheck';

/** The shared variables. */
export interface RcuVars {
  /** Each node's next node (-1: none); nodes 0, 1, 2 are A, B, C. */
  readonly next: List<number>;
  readonly freed: List<boolean>;
  readonly head: number;
  /** Per reader: inside its read-side critical section. */
  readonly reading: List<boolean>;
  /** Per reader: its cursor `p` (-1: NULL). */
  readonly p: List<number>;
  /** Why a step touched freed memory, or '' (kept so that the property can report it). */
  readonly fault: string;
}
type Shared = RecordOf<RcuVars>;

const NODE = ['A', 'B', 'C'];
const B = 1;

/** The node at `p`, touched by `who`: a fault if it was freed. */
function touch(g: Shared, p: number, who: string): Shared {
  return g.freed.get(p) === true && g.fault === ''
    ? g.set('fault', `${who} reads node ${NODE[p]} after it was freed`)
    : g;
}

function readerProc(): { name: string; body: (StepDef<Shared> | ReturnType<typeof label>)[] } {
  return {
    name: 'reader',
    body: [
      step('reader', 'rcu_read_lock()', { run: (x) => x.update((g) => g.setIn(['reading', x.arg], true)) }),
      step('reader', 'p = rcu_dereference(head)', { run: (x) => x.update((g) => g.setIn(['p', x.arg], g.head)) }),
      label('walk'),
      step('reader', 'while (p) { use(p->data);', {
        run: (x) => {
          const p = x.shared.p.get(x.arg)!;
          if (p < 0) x.goto('done');
          else x.update((g) => touch(g, p, `reader${x.arg}`));
        },
      }),
      step('reader', 'p = rcu_dereference(p->next); }', {
        run: (x) => {
          const p = x.shared.p.get(x.arg)!;
          x.update((g) => touch(g, p, `reader${x.arg}`).setIn(['p', x.arg], g.next.get(p)!));
          x.goto('walk');
        },
      }),
      label('done'),
      step('reader', 'rcu_read_unlock()', { run: (x) => x.update((g) => g.setIn(['reading', x.arg], false)) }),
    ],
  };
}

const nameOf = (p: number) => NODE[p] ?? 'NULL';

/** The trace view: the links by name, what is freed, and each reader's cursor. */
function describe(g: Shared): { [field: string]: string | boolean } {
  // Plain loops: an Immutable forEach stops at the first callback that returns false.
  const view: { [field: string]: string | boolean } = { head: nameOf(g.head) };
  for (const [i, n] of g.next.entries()) view[`${NODE[i]}.next`] = nameOf(n);
  for (const [i, f] of g.freed.entries()) view[`${NODE[i]}.freed`] = f;
  for (const [i, p] of g.p.entries()) view[`reader${i}.p`] = nameOf(p);
  for (const [i, r] of g.reading.entries()) view[`reader${i}.in-rcu`] = r;
  return view;
}

/** The updater's steps: unlink B, then free it after (or, when `broken`, before) the grace period. */
function updaterBody(broken: boolean): StepDef<Shared>[] {
  const unlink = step<Shared>('updater', 'list_del_rcu(&b->list)  /* A->next = C */', {
    run: (x) => x.update((g) => g.setIn(['next', 0], g.next.get(B)!)),
  });
  const sync: StepDef<Shared>[] = [
    step('synchronize_rcu', 'synchronize_rcu()  /* note the readers inside */', {
      kind: 'wait',
      run: (x) => void (x.local = x.shared.reading.reduce((mask, r, i) => (r ? mask | (1 << i) : mask), 0)),
    }),
    step('synchronize_rcu', '/* ... until each of them has left */', {
      kind: 'wait',
      guard: (g, f) => g.reading.every((r, i) => !r || (f.local & (1 << i)) === 0),
    }),
  ];
  const free = step<Shared>('updater', 'kfree(b)', {
    kind: 'free',
    run: (x) => x.update((g) => g.setIn(['freed', B], true)),
  });
  return broken ? [unlink, free, ...sync] : [unlink, ...sync, free];
}

/** The list with `readers` readers (1 to 4); with `broken`, B is freed before the grace period. */
export function rcuList(readers: number, broken = false): ProgramModel<Shared> {
  const initShared = Record<RcuVars>({
    next: List([1, 2, -1]),
    freed: List([false, false, false]),
    head: 0,
    reading: List(Array.from({ length: readers }, () => false)),
    p: List(Array.from({ length: readers }, () => -1)),
    fault: '',
  })();
  return new ProgramModel<Shared>({
    procs: [readerProc(), { name: 'updater', body: updaterBody(broken) }],
    threads: [
      ...Array.from({ length: readers }, (_v, i) => ({ name: `reader${i}`, entry: 'reader', arg: i })),
      { name: 'updater', entry: 'updater' },
    ],
    initShared,
    describeShared: describe,
    properties: [
      always('no-use-after-free', 'no reader touches a freed node', (s) =>
        s.shared.fault === '' ? undefined : s.shared.fault,
      ),
      sometimes(
        'reader-holds-b',
        'a reader can hold B after it was unlinked',
        (s) => s.shared.next.get(0) !== B && s.shared.p.includes(B),
      ),
      eventually('b-freed', 'every run ends with B freed', (s) => s.shared.freed.get(B) === true),
    ],
  });
}

export const name = 'rcu-list';
export const description =
  'two readers walk an RCU list while an updater unlinks B and frees it after synchronize_rcu()';
export const model = rcuList(2);
