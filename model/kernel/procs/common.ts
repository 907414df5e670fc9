/** Steps that many kernel functions share: spinlock, SRCU read lock, reference drops, frees, list walks. */
import { call, step, label, type BodyItem, type StepDef } from '../../program/Step.js';
import type { StepContext } from '../../program/StepContext.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import type { KernelVersion } from '../Scenario.js';
import { fault, touchListener, touchMm, touchNotifierMm, invokeOn } from '../faults.js';
import { srcuReadLock, srcuReadUnlock } from '../srcu.js';

/** A step of the kernel model. */
export type KStep = StepDef<KernelMem>;
/** An item of a kernel procedure body. */
export type KBody = BodyItem<KernelMem>[];
/** The context of a kernel step: `x.shared` is the state being built, changed in place. */
export type KContext = StepContext<KernelMem>;

/** A step of the kernel model (`step` with its shared state fixed to the kernel's packed memory). */
export function kstep(fn: string, code: string, def: Omit<KStep, 'type' | 'fn' | 'code'> = {}): KStep {
  return step<KernelMem>(fn, code, def);
}

/** What a lock or unlock step of the notifier struct's spinlock may add: a guard of its own, and what it does after. */
export interface LockStepOptions {
  readonly guard?: KStep['guard'];
  readonly after?: (x: KContext) => void;
}

/**
 * `code` takes the notifier struct's spinlock (`mm->mmu_notifier_mm->lock`, from v5.5
 * `subscriptions->lock`): it waits while another thread holds it (and while `guard` fails).
 */
export function notifierLockStep(env: KernelEnv, fn: string, code: string, o: LockStepOptions = {}): KStep {
  const what = `${fn}: spin_lock`;
  const extra = o.guard;
  const after = o.after;
  return step(fn, code, {
    kind: 'acquire',
    guard: extra ? (m, f, tid) => m.lock < 0 && extra(m, f, tid) : (m) => m.lock < 0,
    run: (x) => {
      touchNotifierMm(env, x.shared, what);
      x.shared.lock = x.tid;
      if (after !== undefined) after(x);
    },
  });
}

/** `code` releases the notifier struct's spinlock; `guard`, if given, says when the step may run. */
export function notifierUnlockStep(env: KernelEnv, fn: string, code: string, o: LockStepOptions = {}): KStep {
  const what = `${fn}: spin_unlock`;
  const after = o.after;
  return step(fn, code, {
    kind: 'release',
    ...(o.guard ? { guard: o.guard } : {}),
    run: (x) => {
      touchNotifierMm(env, x.shared, what);
      x.shared.lock = -1;
      if (after !== undefined) after(x);
    },
  });
}

/** Continues at label `label`, if given. */
const goingTo = (label?: string): LockStepOptions => (label === undefined ? {} : { after: (x) => x.goto(label) });

/** `spin_lock(&mm->mmu_notifier_mm->lock)`: waits while another thread holds it; then continues at label `then`, if given. */
export function spinLock(env: KernelEnv, fn: string, then?: string): KStep {
  return notifierLockStep(env, fn, 'spin_lock(&mm->mmu_notifier_mm->lock)', goingTo(then));
}

/** `spin_unlock(&mm->mmu_notifier_mm->lock)`; then continues at label `then`, if given. */
export function spinUnlock(env: KernelEnv, fn: string, guard?: KStep['guard'], then?: string): KStep {
  return notifierUnlockStep(env, fn, 'spin_unlock(&mm->mmu_notifier_mm->lock)', {
    ...goingTo(then),
    ...(guard ? { guard } : {}),
  });
}

/** `id = srcu_read_lock(&srcu)`. */
export function srcuLock(fn: string): KStep {
  return step(fn, 'id = srcu_read_lock(&srcu)', { kind: 'srcu-lock', run: (x) => srcuReadLock(x.shared, x.tid) });
}

/** `srcu_read_unlock(&srcu, id)`. */
export function srcuUnlock(fn: string): KStep {
  return step(fn, 'srcu_read_unlock(&srcu, id)', { kind: 'srcu-unlock', run: (x) => srcuReadUnlock(x.shared, x.tid) });
}

/** Decrements mm_count and enters __mmdrop when it reaches zero. */
function dropMm(env: KernelEnv, x: KContext, what: string): void {
  const m = x.shared;
  touchMm(env, m, what);
  m.mmCount = m.mmCount - 1;
  if (m.mmCount === 0) x.call('__mmdrop', -1);
}

/** `mmdrop(mm)` as one step of function `fn`. */
export function mmdrop(env: KernelEnv, fn: string): KStep {
  const what = `${fn}: mmdrop`;
  return step(fn, 'mmdrop(mm)', { run: (x) => dropMm(env, x, what) });
}

/**
 * `mmdrop` itself (include/linux/sched.h, sched/mm.h from v4.11): the step of a thread whose caller
 * the model does not name, such as the reader's and the reclaimer's drop of the reference they held.
 */
export function mmdropBody(env: KernelEnv): KStep {
  return step('mmdrop', 'if (unlikely(atomic_dec_and_test(&mm->mm_count)))', { run: (x) => dropMm(env, x, 'mmdrop') });
}

/** `BUG_ON(atomic_read(&mm->mm_count) <= 0); mmdrop(mm);` — one step, since the mmdrop follows at once. */
export function bugOnMmdrop(env: KernelEnv, fn: string): KStep {
  const what = `${fn}: BUG_ON/mmdrop`;
  return step(fn, 'BUG_ON(atomic_read(&mm->mm_count) <= 0); mmdrop(mm)', {
    run: (x) => {
      const m = x.shared;
      if (!m.mmFreed && m.mmCount <= 0)
        fault(
          env,
          m,
          'no-bug-on',
          `${fn}: BUG_ON(atomic_read(&mm->mm_count) <= 0) fires: mm_count is ${m.mmCount}`,
          'mm.count',
        );
      dropMm(env, x, what);
    },
  });
}

/** `BUG_ON(atomic_read(&mm->mm_count) <= 0)` as a step of its own. */
export function bugOnMmCount(env: KernelEnv, fn: string): KStep {
  const what = `${fn}: BUG_ON`;
  return step(fn, 'BUG_ON(atomic_read(&mm->mm_count) <= 0)', {
    kind: 'check',
    run: (x) => {
      const m = x.shared;
      touchMm(env, m, what);
      if (!m.mmFreed && m.mmCount <= 0)
        fault(
          env,
          m,
          'no-bug-on',
          `${fn}: BUG_ON(atomic_read(&mm->mm_count) <= 0) fires: mm_count is ${m.mmCount}`,
          'mm.count',
        );
    },
  });
}

/** `kfree(obj)` of the listener object the current procedure is about. */
export function kfreeListener(env: KernelEnv, fn: string, code: string): KStep {
  const what = `${fn}: ${code}`;
  return step(fn, code, {
    kind: 'free',
    run: (x) => {
      touchListener(env, x.shared, x.arg, what);
      x.shared.setFreed(x.arg, true);
    },
  });
}

/** Invokes a notifier method of listener `l`: module code that reads the object and flushes its secondary MMU. */
export function invokeMethod(env: KernelEnv, x: KContext, l: number, what: string): void {
  invokeOn(env, x.shared, l, what);
  x.shared.setMaps(l, false);
}

/**
 * The `hlist_for_each_entry_rcu` head of a walk of the notifier list in `version`: v3.8 passes a
 * separate `struct hlist_node *n` cursor (4 arguments; 3 from v3.9). `list` is the list's
 * expression, which v5.4's range functions reach through `range->mm`.
 */
export function hlistWalkHead(version: KernelVersion, list = '&mm->mmu_notifier_mm->list'): string {
  return version === 'v3.8'
    ? `hlist_for_each_entry_rcu(mn, n, ${list}, hlist)`
    : `hlist_for_each_entry_rcu(mn, ${list}, hlist)`;
}

/**
 * The loop `head` (see hlistWalkHead) calling a method on each node: read the list head, then per
 * node invoke the method and read the node's `next` — both reads are the loop statement's. The
 * cursor is the frame's local; control continues at label `after` when the walk ends. `hook`, when
 * given, names the procedure of the driver's own body of the method, entered after the invocation.
 */
export function walkList(
  env: KernelEnv,
  fn: string,
  head: string,
  methodCode: string,
  invoke: (x: KContext, l: number) => void,
  after: string,
  hook?: (l: number) => string,
): KBody {
  const readHead = `${fn}: reading the list head`;
  const readNext = `${fn}: reading mn->hlist.next`;
  const node = `${after}:node`;
  return [
    step(fn, `${head}  /* mn = first */`, {
      run: (x) => {
        touchNotifierMm(env, x.shared, readHead);
        x.local = x.shared.first;
        if (x.local < 0) x.goto(after);
      },
    }),
    label(node),
    step(fn, methodCode, { kind: 'call', run: (x) => invoke(x, x.local) }),
    ...(hook
      ? [
          call<KernelMem>(
            (f) => hook(f.local),
            (f) => f.local,
          ),
        ]
      : []),
    step(fn, `${head}  /* mn = next */`, {
      run: (x) => {
        touchListener(env, x.shared, x.local, readNext);
        x.local = x.shared.next(x.local);
        x.goto(x.local < 0 ? after : node);
      },
    }),
  ];
}
