/**
 * A driver as data: the statements of each hook it implements, in a vocabulary of what the model
 * knows (docs/drivers.md). A classic driver's script belongs to a listener, an interval driver's to
 * a mirror; the built-in behaviours and mirror drivers are such scripts (builtinDrivers.ts,
 * builtinMirrorDrivers.ts), and a scenario file may carry its own. One parser checks them
 * (parseDriver.ts) and one compiler turns them into the model's procedures (compileStatements.ts).
 */

/** Which subscription a driver serves: a classic `mmu_notifier` listener, or an interval subscription (a mirror). */
export type DriverWorld = 'classic' | 'interval';

/** The hooks a classic driver may implement. */
export const CLASSIC_HOOKS = ['release', 'invalidate_range_start', 'destroy', 'free_notifier', 'teardown'] as const;
/** The hooks an interval (mirror) driver implements: its `->invalidate`, its fault path and its file's release. */
export const MIRROR_HOOKS = ['invalidate', 'fault', 'teardown'] as const;
export type DriverHook = (typeof CLASSIC_HOOKS)[number] | (typeof MIRROR_HOOKS)[number];
export const HOOKS: Readonly<Record<DriverWorld, readonly DriverHook[]>> = {
  classic: CLASSIC_HOOKS,
  interval: MIRROR_HOOKS,
};

/** What the vocabulary says of one statement. */
interface StatementSpec {
  /** The C a driver writes: `{obj}` is the driver object, `{destroy}` its destroy hook's function, `{lock}` its lock's C. */
  readonly c: string;
  readonly worlds: readonly DriverWorld[];
  /** A statement, or a test that only stands as the `if` of a conditional. */
  readonly use: 'statement' | 'condition';
  /** The driver's own code, whose C a script may spell its own way with `"c"`. */
  readonly own?: true;
  /** The only hooks it may stand in, when it may not stand in every one. */
  readonly hooks?: readonly DriverHook[];
  /** A statement that must come earlier in the same hook for this one to mean anything. */
  readonly after?: string;
}

const CLASSIC: readonly DriverWorld[] = ['classic'];
const INTERVAL: readonly DriverWorld[] = ['interval'];
const BOTH: readonly DriverWorld[] = ['classic', 'interval'];

/** The statement vocabulary. */
export const STATEMENTS = {
  /** Pin the mm_struct (a reference the driver drops later with mmdrop). */
  mmgrab: { c: 'mmgrab(mm)', worlds: CLASSIC, use: 'statement' },
  /** The same pin, as drivers of v3.x wrote it. */
  atomic_inc_mm_count: { c: 'atomic_inc(&mm->mm_count)', worlds: CLASSIC, use: 'statement' },
  /** Drop a pin of the mm_struct. */
  mmdrop: { c: 'mmdrop(mm)', worlds: CLASSIC, use: 'statement' },
  /** Check the pin is still held and drop it, as amdkfd does. */
  bug_on_mmdrop: { c: 'BUG_ON(atomic_read(&mm->mm_count) <= 0); mmdrop(mm)', worlds: CLASSIC, use: 'statement' },
  /** Free the driver object (and the notifier or subscription embedded in it). */
  kfree: { c: 'kfree({obj})', worlds: BOTH, use: 'statement' },
  /** Take the driver's own lock (a mutex or a spinlock: both exclude; see docs/drivers.md). */
  lock: { c: '{lock}', worlds: BOTH, use: 'statement' },
  /** Release the driver's own lock. */
  unlock: { c: '{unlock}', worlds: BOTH, use: 'statement' },
  /** Unlink from the notifier list, calling ->release if the mm's exit has not, and wait for SRCU readers. */
  mmu_notifier_unregister: { c: 'mmu_notifier_unregister(&{obj}->mn, mm)', worlds: CLASSIC, use: 'statement' },
  /** Unlink from the notifier list without ->release and without waiting (the seed's function). */
  mmu_notifier_unregister_no_release: {
    c: 'mmu_notifier_unregister_no_release(&{obj}->mn, mm)',
    worlds: CLASSIC,
    use: 'statement',
  },
  /** Queue the driver's destroy hook as an SRCU callback (the seed's function). */
  mmu_notifier_call_srcu: { c: 'mmu_notifier_call_srcu(&{obj}->rcu, &{destroy})', worlds: CLASSIC, use: 'statement' },
  /** Drop a user of a get/put notifier; the last put unlinks it and queues free_notifier (v5.4). */
  mmu_notifier_put: { c: 'mmu_notifier_put(&{obj}->mn)', worlds: CLASSIC, use: 'statement' },
  /** Wait for the mmu_notifier SRCU's callbacks (the seed) or a grace period (from v5.4). */
  mmu_notifier_synchronize: { c: 'mmu_notifier_synchronize()', worlds: CLASSIC, use: 'statement' },
  /** Wait for every SRCU read-side critical section active now. */
  synchronize_srcu: { c: 'synchronize_srcu(&srcu)', worlds: CLASSIC, use: 'statement' },
  /** Drop the driver's own secondary-MMU mappings of the mm. */
  zap_sptes: { c: 'drv_zap_sptes({obj})', worlds: CLASSIC, use: 'statement', own: true },
  /** Drop the module reference the driver took when it set up (`try_module_get` at open or register). */
  module_put: { c: 'module_put(THIS_MODULE)', worlds: CLASSIC, use: 'statement' },
  /** Begin a read of the CPU page tables: wait for a running invalidation, remember the seq. */
  mmu_interval_read_begin: {
    c: 'range->notifier_seq = mmu_interval_read_begin(range->notifier)',
    worlds: INTERVAL,
    use: 'statement',
  },
  /** Record the invalidation's seq in the subscription, so that a reader's read_retry sees it. */
  mmu_interval_set_seq: {
    c: 'mmu_interval_set_seq(mni, cur_seq)',
    worlds: INTERVAL,
    use: 'statement',
    hooks: ['invalidate'],
  },
  /** Remove the subscription, waiting for a running invalidation of it to end. */
  mmu_interval_notifier_remove: {
    c: 'mmu_interval_notifier_remove(&{obj}->notifier)',
    worlds: INTERVAL,
    use: 'statement',
  },
  /** Drop a user of the mm (taken by mmget_not_zero); the last one runs exit_mmap. */
  mmput: { c: 'mmput(mm)', worlds: INTERVAL, use: 'statement' },
  /** Program the device mapping from the pages the last hmm_range_fault read. */
  map: { c: 'drv_map({obj}, range)', worlds: INTERVAL, use: 'statement', own: true, after: 'hmm_range_fault' },
  /** Clear the device mapping. */
  clear_mapping: { c: 'drv_unmap({obj})', worlds: INTERVAL, use: 'statement', own: true },
  /** Test: take a user of the mm unless it has none left (true when it took one). */
  mmget_not_zero: { c: 'mmget_not_zero(mm)', worlds: INTERVAL, use: 'condition' },
  /** Test: read the CPU page tables; true when it returned -EBUSY because an invalidation moved the seq. */
  hmm_range_fault: {
    c: 'hmm_range_fault(range)',
    worlds: INTERVAL,
    use: 'condition',
    after: 'mmu_interval_read_begin',
  },
  /** Test, under the driver's lock: an invalidation has run since read_begin. */
  mmu_interval_read_retry: {
    c: 'mmu_interval_read_retry(range->notifier, range->notifier_seq)',
    worlds: INTERVAL,
    use: 'condition',
    after: 'mmu_interval_read_begin',
  },
  /** Test, without the lock (a hint only): an invalidation has run since read_begin. */
  mmu_interval_check_retry: {
    c: 'mmu_interval_check_retry(range->notifier, range->notifier_seq)',
    worlds: INTERVAL,
    use: 'condition',
    after: 'mmu_interval_read_begin',
  },
} as const satisfies Record<string, StatementSpec>;
export type StatementOp = keyof typeof STATEMENTS;

/** The spec of `op`, seen through the common shape. */
export function statementSpec(op: StatementOp): StatementSpec {
  return STATEMENTS[op];
}

/**
 * One statement of a hook, as validated: a statement of the vocabulary, a label, a conditional
 * whose branch may end by going back to a label or returning, a goto or a return (the last two only
 * as the last statement of a branch). `at` is where it stands, from the script's `hooks`.
 */
export type ScriptStatement =
  | { readonly type: 'op'; readonly op: StatementOp; readonly c?: string; readonly at: string }
  | { readonly type: 'label'; readonly name: string; readonly at: string }
  | {
      readonly type: 'if';
      readonly cond: StatementOp;
      readonly negated: boolean;
      readonly body: readonly ScriptStatement[];
      readonly at: string;
    }
  | { readonly type: 'goto'; readonly label: string; readonly at: string }
  | { readonly type: 'return'; readonly at: string };

/** A driver script, validated. */
export interface DriverScript {
  /** Its ops' identity: listeners with the same name share ops (mmu_notifier_get finds them). */
  readonly name: string;
  readonly world: DriverWorld;
  /** `register`: registered before the scenario starts; `get-put`: the v5.4 API, freed by the last put. Classic only. */
  readonly api: 'register' | 'get-put';
  /** The C name of the driver object in its statements. */
  readonly object: string;
  /** The kind of the driver's own lock, for its C. */
  readonly lock: 'mutex' | 'spinlock';
  /** The C function of each hook it implements. */
  readonly functions: Readonly<Partial<Record<DriverHook, string>>>;
  /** The statements of each hook it implements. */
  readonly hooks: Readonly<Partial<Record<DriverHook, readonly ScriptStatement[]>>>;
}

/** The C of the driver's lock and unlock. */
function lockText(script: DriverScript, op: 'lock' | 'unlock'): string {
  return script.lock === 'mutex' ? `mutex_${op}(&${script.object}->mutex)` : `spin_${op}(&${script.object}->lock)`;
}

/** The C text of `op` in `script` (`c`: the script's own spelling of a statement of its own). */
export function statementText(script: DriverScript, op: StatementOp, c?: string): string {
  if (c !== undefined) return c;
  return STATEMENTS[op].c
    .replace('{obj}', script.object)
    .replace('{destroy}', script.functions.destroy ?? '?')
    .replace('{lock}', lockText(script, 'lock'))
    .replace('{unlock}', lockText(script, 'unlock'));
}

/** Every statement of `statements`, branches included, in order. */
export function* allStatements(statements: readonly ScriptStatement[]): Generator<ScriptStatement> {
  for (const s of statements) {
    yield s;
    if (s.type === 'if') yield* allStatements(s.body);
  }
}

/** Whether any hook of `script` uses `op`, as a statement or a test. */
export function usesOp(script: DriverScript, op: StatementOp): boolean {
  return Object.values(script.hooks).some((hook) =>
    [...allStatements(hook ?? [])].some((s) => (s.type === 'op' && s.op === op) || (s.type === 'if' && s.cond === op)),
  );
}
