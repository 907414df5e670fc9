/**
 * Reference counting with a lookup table: an object sits in a table with one reference, the
 * table's. Its owner drops that reference with `kref_put()`; the release function (run by whoever
 * drops the count to zero) removes it from the table under the table lock and frees it. A second
 * thread looks the object up under the table lock and takes a reference of its own.
 *
 * Broken: the lookup takes its reference with a plain `kref_get()`. Between the owner's decrement
 * to zero and the release function taking the table lock, the object is still in the table with a
 * count of zero; the lookup finds it and increments 0 to 1, "resurrecting" an object whose release
 * is already under way. The owner then frees it and the lookup uses freed memory (the kernel's
 * refcount_t warns about exactly this: "addition on 0; use-after-free").
 *
 * Correct: the lookup uses `kref_get_unless_zero()`, which fails on a zero count, and treats the
 * object as gone. The proof idea: the count goes from 0 back up only through a successful get, and
 * `kref_get_unless_zero()` never succeeds on 0, so once the count reaches 0 it stays 0, exactly one
 * thread runs the release, and no thread that holds a reference can see the object freed. The
 * `sometimes` property `lookup-backs-off` shows the race window is real in the correct model too.
 *
 * Pinned in test/examples/teaching.test.ts: with `kref_get_unless_zero()` 36 distinct states
 * (depth 10) and every property holds; with `kref_get()` a use-after-free in 10 steps.
 */
import {
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
export interface KrefVars {
  readonly refcount: number;
  readonly inTable: boolean;
  readonly freed: boolean;
  /** The table lock's owner (a thread index), or -1. */
  readonly lock: number;
  /** Ghost: the lookup found the object with a count of zero and gave up. */
  readonly backedOff: boolean;
  /** Why a step touched freed memory, or ''. */
  readonly fault: string;
}
type Shared = RecordOf<KrefVars>;
const Shared = Record<KrefVars>({ refcount: 1, inTable: true, freed: false, lock: -1, backedOff: false, fault: '' });

/** `g` after `who` touched the object: a fault if it was freed. */
function touch(g: Shared, who: string, what: string): Shared {
  return g.freed && g.fault === '' ? g.set('fault', `${who} ${what} after it was freed`) : g;
}

const NAMES = ['owner', 'lookup'];

/** The lookup's frame local: 0 while it holds `obj`, NULL_OBJ once the lookup failed. */
const NULL_OBJ = 1;

const lock = (fn: string) =>
  step<Shared>(fn, 'spin_lock(&table_lock)', {
    kind: 'acquire',
    guard: (g) => g.lock === -1,
    run: (x) => x.update((g) => g.set('lock', x.tid)),
  });
const unlock = (fn: string) =>
  step<Shared>(fn, 'spin_unlock(&table_lock)', { kind: 'release', run: (x) => x.update((g) => g.set('lock', -1)) });

/** `kref_put(&obj->ref, release)`: the decrement, and the release when it reached zero. */
const kref_put: StepDef<Shared> = step('kref_put', 'if (refcount_dec_and_test(&obj->ref)) release(obj)', {
  run: (x) => {
    x.update((g) => touch(g, NAMES[x.tid]!, 'drops a reference').set('refcount', g.refcount - 1));
    if (x.shared.refcount === 0) x.call('release', -1);
  },
});

const release = {
  name: 'release',
  body: [
    lock('release'),
    step<Shared>('release', 'list_del(&obj->node)', {
      run: (x) => x.update((g) => touch(g, 'release', 'unlinks the object').set('inTable', false)),
    }),
    unlock('release'),
    step<Shared>('release', 'kfree(obj)', {
      kind: 'free',
      run: (x) => x.update((g) => touch(g, 'release', 'frees the object').set('freed', true)),
    }),
  ],
};

/** The lookup's `get` step: plain `kref_get()`, or `kref_get_unless_zero()`. */
function get(unlessZero: boolean): StepDef<Shared> {
  if (!unlessZero) {
    return step('lookup', 'kref_get(&obj->ref)', {
      run: (x) => x.update((g) => touch(g, 'lookup', 'takes a reference').set('refcount', g.refcount + 1)),
    });
  }
  return step('lookup', 'if (!kref_get_unless_zero(&obj->ref)) obj = NULL', {
    run: (x) => {
      x.update((g) => touch(g, 'lookup', 'takes a reference'));
      if (x.shared.refcount === 0) {
        x.update((g) => g.set('backedOff', true));
        x.local = NULL_OBJ;
      } else x.update((g) => g.set('refcount', g.refcount + 1));
    },
  });
}

/** The lookup thread: find the object under the table lock, take a reference, use it, drop it. */
function lookup(unlessZero: boolean) {
  return {
    name: 'lookup',
    body: [
      lock('lookup'),
      step<Shared>('lookup', 'obj = find(table)', {
        run: (x) => {
          if (x.shared.inTable) return;
          x.local = NULL_OBJ;
          x.goto('unlock');
        },
      }),
      get(unlessZero),
      label('unlock'),
      step<Shared>('lookup', 'spin_unlock(&table_lock); if (!obj) return', {
        kind: 'release',
        run: (x) => {
          x.update((g) => g.set('lock', -1));
          if (x.local === NULL_OBJ) x.ret();
        },
      }),
      step<Shared>('lookup', 'use(obj)', { run: (x) => x.update((g) => touch(g, 'lookup', 'uses the object')) }),
      kref_put,
    ],
  };
}

/** The owner and the lookup; `unlessZero` picks the lookup's get. */
export function kref(unlessZero: boolean): ProgramModel<Shared> {
  return new ProgramModel<Shared>({
    procs: [{ name: 'owner', body: [kref_put] }, lookup(unlessZero), release],
    threads: NAMES.map((name) => ({ name, entry: name })),
    initShared: Shared(),
    properties: [
      always('no-use-after-free', 'no thread touches the object after it is freed', (s) =>
        s.shared.fault === '' ? undefined : s.shared.fault,
      ),
      sometimes('lookup-gets', 'the lookup can take a reference', (s) => s.shared.refcount === 2),
      sometimes('lookup-backs-off', 'the lookup can find the object dying and back off', (s) => s.shared.backedOff),
      eventually('freed', 'every run ends with the object freed', (s) => s.shared.freed),
    ],
  });
}

export const name = 'kref';
export const description =
  'a table lookup takes a reference with kref_get_unless_zero() while the owner drops the last one';
export const model = kref(true);
