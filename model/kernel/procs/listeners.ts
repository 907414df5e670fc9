/**
 * The driver behaviours of docs/kernel-model.md §4 and §5: each one's `->release` body, its SRCU callback
 * and its teardown thread. `->release` itself (the flush of the secondary MMU) is the invoking step.
 */
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import { fault } from '../faults.js';
import type { KBody } from './common.js';
import { usesOp, type DriverHook, type DriverScript } from '../drivers/DriverScript.js';
import { compileHook } from '../drivers/compileStatements.js';
import { classicStatements } from '../drivers/classicStatements.js';
import { callbackReturned } from './srcuProcs.js';
import { freeRcuBody } from './getPut.js';

/** The driver no longer holds the module for listener `l`. */
function releaseModule(m: KernelMem, l: number): KernelMem {
  m.setHoldsModule(l, false);
  return m;
}

interface BehaviourProcs {
  readonly release: KBody;
  readonly invalidateRangeStart: KBody;
  readonly destroy: KBody;
  readonly teardown?: KBody;
}

/**
 * A driver's procedure bodies from its script: `->release`, the SRCU callback — its own `destroy`,
 * or, for the get/put API, the core's mmu_notifier_free_rcu calling its `free_notifier` — and its
 * teardown thread, if it has one.
 */
function behaviourProcs(env: KernelEnv, script: DriverScript): BehaviourProcs {
  const world = classicStatements(env, script);
  const hookBody = (hook: DriverHook) => compileHook(script, hook, world);
  const destroy = script.api === 'get-put' ? freeRcuBody(env, hookBody('free_notifier')) : hookBody('destroy');
  return {
    release: hookBody('release'),
    invalidateRangeStart: hookBody('invalidate_range_start'),
    destroy,
    ...(script.hooks.teardown ? { teardown: hookBody('teardown') } : {}),
  };
}

/**
 * Every statement of a driver's own body is module code: a step of `->release`, of a callback
 * already running, or of a teardown thread that runs after the module's code is freed is
 * reported, not only the invocation that entered it. (Calls into core kernel functions such as
 * mmu_notifier_unregister_no_release are not module code and are left as they are.)
 */
function moduleCode(env: KernelEnv, p: BehaviourProcs): BehaviourProcs {
  const wrap = (body: KBody): KBody =>
    body.map((item) => {
      if (item.type !== 'step') return item;
      const run = item.run;
      const message = `${item.fn} runs the driver module's code (${item.code}) after the module was unloaded`;
      return {
        ...item,
        run: (x) => {
          if (!x.shared.moduleLoaded) fault(env, x.shared, 'no-code-after-unload', message, 'module');
          run?.(x);
        },
      };
    });
  return {
    ...p,
    release: wrap(p.release),
    invalidateRangeStart: wrap(p.invalidateRangeStart),
    destroy: wrap(p.destroy),
    ...(p.teardown ? { teardown: wrap(p.teardown) } : {}),
  };
}

/**
 * The procedures of every behaviour used by the scenario: `->release`, `->invalidate_range_start`,
 * `:destroy`, `:teardown`. The driver drops its module reference when its last hook returns
 * (`->release`, or its teardown thread), unless its script says where with `module_put`.
 */
export function listenerProcs(env: KernelEnv): ProcDef<KernelMem>[] {
  const used = [...new Map(env.scripts.map((s) => [s.name, s])).values()];
  return used.flatMap((script) => {
    const b = script.name;
    const p = moduleCode(env, behaviourProcs(env, script));
    const implicitPut = !usesOp(script, 'module_put');
    const dropsOnReturn = (hook: 'release' | 'teardown') =>
      implicitPut && (hook === 'teardown' || script.hooks.teardown === undefined)
        ? { onReturn: (g: KernelMem, f: { arg: number }) => releaseModule(g, f.arg) }
        : {};
    const procs: ProcDef<KernelMem>[] = [
      { name: `${b}->release`, body: p.release, ...dropsOnReturn('release') },
      { name: `${b}->invalidate_range_start`, body: p.invalidateRangeStart },
      { name: `${b}:destroy`, body: p.destroy, onReturn: (g, f) => callbackReturned(g, f.arg) },
    ];
    if (p.teardown) procs.push({ name: `${b}:teardown`, body: p.teardown, ...dropsOnReturn('teardown') });
    return procs;
  });
}

/** Whether some driver of the scenario implements `->invalidate_range_start` (so the walk calls it). */
export function anyInvalidateRangeStart(env: KernelEnv): boolean {
  return env.scripts.some((s) => (s.hooks.invalidate_range_start ?? []).length > 0);
}
