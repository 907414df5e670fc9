/**
 * A classic listener's driver as data: the statements of each hook it implements, in a vocabulary
 * of what the model knows (docs/drivers.md). The built-in behaviours are such scripts
 * (builtinDrivers.ts), and a scenario file may carry its own; one compiler turns either into the
 * model's procedures (compileDriver.ts), so there is one way a driver is described.
 */

/** The hooks a classic driver may implement. */
export const DRIVER_HOOKS = ['release', 'destroy', 'free_notifier', 'teardown'] as const;
export type DriverHook = (typeof DRIVER_HOOKS)[number];

/**
 * The statement vocabulary, each with the C a driver writes for it: `{obj}` is the driver object,
 * `{destroy}` the function of its `destroy` hook.
 */
export const STATEMENTS = {
  /** Pin the mm_struct (a reference the driver drops later with mmdrop). */
  mmgrab: 'mmgrab(mm)',
  /** The same pin, as drivers of v3.x wrote it. */
  atomic_inc_mm_count: 'atomic_inc(&mm->mm_count)',
  /** Drop a pin of the mm_struct. */
  mmdrop: 'mmdrop(mm)',
  /** Check the pin is still held and drop it, as amdkfd does. */
  bug_on_mmdrop: 'BUG_ON(atomic_read(&mm->mm_count) <= 0); mmdrop(mm)',
  /** Free the driver object (and the mmu_notifier embedded in it). */
  kfree: 'kfree({obj})',
  /** Unlink from the notifier list, calling ->release if the mm's exit has not, and wait for SRCU readers. */
  mmu_notifier_unregister: 'mmu_notifier_unregister(&{obj}->mn, mm)',
  /** Unlink from the notifier list without ->release and without waiting (the seed's function). */
  mmu_notifier_unregister_no_release: 'mmu_notifier_unregister_no_release(&{obj}->mn, mm)',
  /** Queue the driver's destroy hook as an SRCU callback (the seed's function). */
  mmu_notifier_call_srcu: 'mmu_notifier_call_srcu(&{obj}->rcu, &{destroy})',
  /** Drop a user of a get/put notifier; the last put unlinks it and queues free_notifier (v5.4). */
  mmu_notifier_put: 'mmu_notifier_put(&{obj}->mn)',
  /** Wait for the mmu_notifier SRCU's callbacks (the seed) or a grace period (from v5.4). */
  mmu_notifier_synchronize: 'mmu_notifier_synchronize()',
  /** Wait for every SRCU read-side critical section active now. */
  synchronize_srcu: 'synchronize_srcu(&srcu)',
  /** Drop the driver's own secondary-MMU mappings of the mm. */
  zap_sptes: 'drv_zap_sptes({obj})',
} as const;
export type StatementOp = keyof typeof STATEMENTS;

/** A driver script, validated. */
export interface DriverScript {
  /** Its ops' identity: listeners with the same name share ops (mmu_notifier_get finds them). */
  readonly name: string;
  /** `register`: registered before the scenario starts; `get-put`: the v5.4 API, freed by the last put. */
  readonly api: 'register' | 'get-put';
  /** The C name of the driver object in its statements. */
  readonly object: string;
  /** The C function of each hook it implements. */
  readonly functions: Readonly<Partial<Record<DriverHook, string>>>;
  /** The statements of each hook it implements. */
  readonly hooks: Readonly<Partial<Record<DriverHook, readonly StatementOp[]>>>;
}

/** The C text of `op` in `script`. */
export function statementText(script: DriverScript, op: StatementOp): string {
  return STATEMENTS[op].replace('{obj}', script.object).replace('{destroy}', script.functions.destroy ?? '?');
}
