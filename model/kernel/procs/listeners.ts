/**
 * The driver behaviours of docs/kernel-model.md §4 and §5: each one's `->release` body, its SRCU callback
 * and its teardown thread. `->release` itself (the flush of the secondary MMU) is the invoking step.
 */
import { step, call } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import type { Behaviour } from '../Scenario.js';
import { TEARDOWN_BEHAVIOURS } from '../Scenario.js';
import { fault, touchListener, touchMm } from '../faults.js';
import { callSrcu } from '../srcu.js';
import { bugOnMmdrop, kfreeListener, mmdrop, type KBody } from './common.js';
import { callbackReturned } from './srcuProcs.js';
import { freeRcuBody } from './getPut.js';

/** The driver no longer holds the module for listener `l`. */
function releaseModule(m: KernelMem, l: number): KernelMem {
  m.setHoldsModule(l, false);
  return m;
}

/** `mmu_notifier_call_srcu(&obj->rcu, destroy)`: writes the rcu_head inside the object, then call_srcu. */
function callSrcuStep(env: KernelEnv, fn: string, callback: string) {
  const what = `${fn}: mmu_notifier_call_srcu`;
  return step<KernelMem>(fn, `mmu_notifier_call_srcu(&p->rcu, &${callback})`, {
    kind: 'queue',
    run: (x) => {
      touchListener(env, x.shared, x.arg, what);
      callSrcu(env, x.shared, x.tid, x.arg);
    },
  });
}

/** The driver drops its secondary-MMU mappings (sptes) of the mm itself: a call into its own code, not a notifier method. */
function flushSecondaryStep(env: KernelEnv, fn: string) {
  return step<KernelMem>(fn, 'drv_zap_sptes(p)', {
    run: (x) => {
      touchListener(env, x.shared, x.arg, `${fn}: zap`);
      x.shared.setMaps(x.arg, false);
    },
  });
}

interface BehaviourProcs {
  /** The fn name of the driver's release method, for traces. */
  readonly releaseFn: string;
  readonly release: KBody;
  readonly destroyFn: string;
  readonly destroy: KBody;
  readonly teardown?: KBody;
}

function amdkfdLike(env: KernelEnv, pin: boolean): BehaviourProcs {
  const releaseFn = 'kfd_process_notifier_release';
  const destroyFn = 'kfd_process_destroy_delayed';
  return {
    releaseFn,
    release: [
      ...(pin
        ? [
            step<KernelMem>(releaseFn, 'atomic_inc(&mm->mm_count)', {
              run: (x) => {
                touchMm(env, x.shared, `${releaseFn}: atomic_inc`);
                x.shared.mmCount = x.shared.mmCount + 1;
              },
            }),
          ]
        : []),
      call('mmu_notifier_unregister_no_release'),
      callSrcuStep(env, releaseFn, destroyFn),
    ],
    destroyFn,
    destroy: [bugOnMmdrop(env, destroyFn), kfreeListener(env, destroyFn, 'kfree(p)')],
  };
}

function behaviourProcs(env: KernelEnv, b: Behaviour): BehaviourProcs {
  // A C identifier: get-put's teardown is get_put_teardown.
  const teardownFn = `${b.replace(/-/g, '_')}_teardown`;
  switch (b) {
    case 'amdkfd':
      return amdkfdLike(env, true);
    case 'no-mm-pin':
      return amdkfdLike(env, false);
    case 'lazy':
      return {
        releaseFn: 'lazy_release',
        release: [callSrcuStep(env, 'lazy_release', 'lazy_destroy')],
        destroyFn: 'lazy_destroy',
        destroy: [mmdrop(env, 'lazy_destroy'), kfreeListener(env, 'lazy_destroy', 'kfree(obj)')],
      };
    case 'eager-free':
      return {
        releaseFn: 'eager_release',
        release: [kfreeListener(env, 'eager_release', 'kfree(obj)')],
        destroyFn: 'none',
        destroy: [],
      };
    case 'sync-in-release':
      return {
        releaseFn: 'sync_release',
        release: [
          call('mmu_notifier_unregister_no_release'),
          call('synchronize_srcu'),
          kfreeListener(env, 'sync_release', 'kfree(obj)'),
        ],
        destroyFn: 'none',
        destroy: [],
      };
    case 'unlink-then-free':
      return {
        releaseFn: 'unlink_release',
        release: [],
        destroyFn: 'none',
        destroy: [],
        teardown: [call('mmu_notifier_unregister_no_release'), kfreeListener(env, teardownFn, 'kfree(obj)')],
      };
    case 'classic':
      return {
        releaseFn: 'kvm_mmu_notifier_release',
        release: [],
        destroyFn: 'none',
        destroy: [],
        teardown: [call('mmu_notifier_unregister'), kfreeListener(env, 'kvm_destroy_vm', 'kfree(kvm)')],
      };
    case 'get-put':
      return {
        releaseFn: 'get_put_release',
        release: [],
        destroyFn: 'mmu_notifier_free_rcu',
        destroy: freeRcuBody(env, 'get_put_free_notifier'),
        // ->release is not called after a put unlinks the node: the driver drops its sptes itself first.
        teardown: [flushSecondaryStep(env, teardownFn), call('mmu_notifier_put')],
      };
    case 'put-in-release':
      return {
        releaseFn: 'put_release',
        release: [call('mmu_notifier_put')],
        destroyFn: 'mmu_notifier_free_rcu',
        destroy: freeRcuBody(env, 'put_release_free_notifier'),
      };
    case 'deferred':
      return {
        releaseFn: 'deferred_release',
        release: [],
        destroyFn: 'deferred_destroy',
        destroy: [kfreeListener(env, 'deferred_destroy', 'kfree(obj)')],
        teardown: [call('mmu_notifier_unregister_no_release'), callSrcuStep(env, teardownFn, 'deferred_destroy')],
      };
  }
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
    destroy: wrap(p.destroy),
    ...(p.teardown ? { teardown: wrap(p.teardown) } : {}),
  };
}

/** The procedures of every behaviour used by the scenario: `->release`, `:destroy`, `:teardown`. */
export function listenerProcs(env: KernelEnv): ProcDef<KernelMem>[] {
  const used = [...new Set(env.behaviours)];
  return used.flatMap((b) => {
    const p = moduleCode(env, behaviourProcs(env, b));
    const tornDownByThread = TEARDOWN_BEHAVIOURS.has(b);
    const procs: ProcDef<KernelMem>[] = [
      tornDownByThread
        ? { name: `${b}->release`, body: p.release }
        : { name: `${b}->release`, body: p.release, onReturn: (g, f) => releaseModule(g, f.arg) },
      { name: `${b}:destroy`, body: p.destroy, onReturn: (g, f) => callbackReturned(g, f.arg) },
    ];
    if (p.teardown)
      procs.push({ name: `${b}:teardown`, body: p.teardown, onReturn: (g, f) => releaseModule(g, f.arg) });
    return procs;
  });
}
