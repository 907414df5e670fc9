/**
 * The built-in drivers of an interval subscription (docs/interval-notifiers.md §I6) as driver
 * scripts: the HMM mirror of lib/test_hmm.c (`correct`) and its broken variants, each one line of
 * the pattern changed. A scenario names one by a mirror's `"driver": "<name>"`; each is written as a
 * scenario file would write it, and read by the same parser.
 */
import { Reader } from '../JsonReader.js';
import { MIRROR_DRIVERS, type MirrorDriver } from '../Scenario.js';
import type { DriverScript } from './DriverScript.js';
import { parseDriver } from './parseDriver.js';

type Statements = readonly unknown[];

/** `{"if": test, "then": body}` (built from entries: an object literal with a `then` key reads as a thenable). */
function branch(test: string, ...body: unknown[]): object {
  return Object.fromEntries([
    ['if', test],
    ['then', body],
  ]);
}

const lock = 'lock';
const unlock = 'unlock';
const setSeq = 'mmu_interval_set_seq';
const update = { do: 'clear_mapping', c: 'dmirror_do_update(dmirror, range->start, range->end);' };
const destroyTable = { do: 'clear_mapping', c: 'xa_destroy(&dmirror->pt);' };
const remove = 'mmu_interval_notifier_remove';
const kfree = 'kfree';
const mmget = branch('!mmget_not_zero', 'return');
const readBegin = 'mmu_interval_read_begin';
const rangeFault = branch('hmm_range_fault', { goto: 'again' });
const readRetry = branch('mmu_interval_read_retry', unlock, { goto: 'again' });
const map = { do: 'map', c: 'ret = dmirror_do_fault(dmirror, range);' };

/** dmirror's three hooks, each as in lib/test_hmm.c. */
const CORRECT = {
  invalidate: [lock, setSeq, update, unlock],
  fault: [mmget, { label: 'again' }, readBegin, rangeFault, lock, readRetry, map, unlock, 'mmput'],
  teardown: [remove, destroyTable, kfree],
} satisfies Record<string, Statements>;

/** Each variant's hooks that differ from CORRECT. */
const VARIANTS: Readonly<Record<MirrorDriver, Partial<Record<keyof typeof CORRECT, Statements>>>> = {
  correct: {},
  // The fault path maps what it read without checking the seq under the mutex.
  'no-read-retry': {
    fault: [mmget, { label: 'again' }, readBegin, rangeFault, lock, map, unlock, 'mmput'],
  },
  'invalidate-unlocked': { invalidate: [setSeq, update] },
  'set-seq-after-unlock': { invalidate: [lock, update, unlock, setSeq] },
  'set-seq-before-lock': { invalidate: [setSeq, lock, update, unlock] },
  'free-without-remove': { teardown: [destroyTable, kfree] },
  'remove-under-driver-lock': { teardown: [lock, remove, unlock, destroyTable, kfree] },
  // The mutex is taken before read_begin and held across the retry loop.
  'read-begin-under-lock': {
    fault: [
      mmget,
      lock,
      { label: 'again' },
      readBegin,
      rangeFault,
      branch('mmu_interval_read_retry', { goto: 'again' }),
      map,
      unlock,
      'mmput',
    ],
  },
  // Drops the mirror from its own callback (e.g. on MMU_NOTIFY_UNMAP): remove waits for this very invalidation.
  'remove-from-invalidate': { invalidate: [lock, setSeq, update, unlock, remove], teardown: [destroyTable, kfree] },
  // An early lib/test_hmm.c posting: without a user of the mm the callback returns at once, unmapping nothing.
  'skip-invalidate-on-exit': {
    invalidate: [branch('!mmget_not_zero', 'return'), lock, setSeq, update, unlock, 'mmput'],
  },
  // The fault path as the HMM documentation prints it, without the final mmput.
  'doc-no-mmput': {
    fault: [mmget, { label: 'again' }, readBegin, rangeFault, lock, readRetry, map, unlock],
  },
};

/** The built-in mirror drivers' scripts, as JSON. */
export const BUILTIN_MIRROR_DRIVER_JSON: Readonly<Record<MirrorDriver, object>> = Object.fromEntries(
  MIRROR_DRIVERS.map((d) => [
    d,
    {
      name: d,
      object: 'dmirror',
      lock: 'mutex',
      functions: {
        invalidate: 'dmirror_interval_invalidate',
        fault: 'dmirror_range_fault',
        teardown: 'dmirror_fops_release',
      },
      hooks: { ...CORRECT, ...VARIANTS[d] },
    },
  ]),
) as Record<MirrorDriver, object>;

/** The built-in mirror drivers' scripts, read once when the module loads. */
export const BUILTIN_MIRROR_DRIVERS = Object.fromEntries(
  MIRROR_DRIVERS.map((d) => [
    d,
    parseDriver(new Reader(`the built-in mirror driver ${d}`), BUILTIN_MIRROR_DRIVER_JSON[d], 'driver', 'interval', []),
  ]),
) as Readonly<Record<MirrorDriver, DriverScript>>;
