/**
 * The SRCU entry points the model's threads call (synchronize_srcu, srcu_barrier,
 * mmu_notifier_synchronize) and the worker that invokes queued callbacks in FIFO order.
 */
import { step, call, choice } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import { CallbackKind } from '../state/Callback.js';
import { fault, invokeCoreCallbackOn, invokeOn, listenerName } from '../faults.js';
import { synchronizeIsGracePeriod } from '../versions.js';
import {
  pendingCallbacks,
  queueBarrierMarkers,
  queueGracePeriodMarker,
  readyHeadKind,
  waitsForMarker,
} from '../srcu.js';

/** `synchronize_srcu(&srcu)`: queue a marker behind a grace period, then wait for the worker to fire it. */
export function synchronizeSrcuProc(env: KernelEnv): ProcDef<KernelMem> {
  // Both steps are __synchronize_srcu's: classic SRCU queues the wakeme_after_rcu head on its batch
  // queue, Tree SRCU through __call_srcu; then it waits for the completion.
  const fn = '__synchronize_srcu';
  const queue =
    env.srcu === 'classic'
      ? 'rcu_batch_queue(&sp->batch_queue, head)'
      : '__call_srcu(ssp, &rcu.head, wakeme_after_rcu, do_norm)';
  return {
    name: 'synchronize_srcu',
    body: [
      step(fn, `${queue}  /* synchronize_srcu(&srcu) */`, {
        kind: 'wait',
        run: (x) => queueGracePeriodMarker(env, x.shared, x.tid, CallbackKind.Sync),
      }),
      step(fn, 'wait_for_completion(&rcu.completion)', {
        kind: 'wait',
        guard: (m, _f, tid) => !waitsForMarker(m, tid),
      }),
    ],
  };
}

/** Names the driver callbacks in a bitmask. */
function describeCallbacks(env: KernelEnv, mask: number): string {
  const names: string[] = [];
  for (let l = 0; mask >> l; l++) if ((mask >> l) & 1) names.push(`destroy(${listenerName(env, l)})`);
  return names.join(', ');
}

/**
 * `srcu_barrier(&srcu)`. Classic SRCU: it is synchronize_srcu, and FIFO order makes it wait for
 * everything queued earlier. Tree SRCU: a marker behind every non-empty CPU queue (only the
 * caller's CPU in the buggy variant). The frame's local remembers what was pending at the call.
 */
export function srcuBarrierProc(env: KernelEnv): ProcDef<KernelMem> {
  const fn = 'srcu_barrier';
  const classic = env.srcu === 'classic';
  return {
    name: fn,
    body: [
      step(
        fn,
        classic
          ? 'synchronize_srcu(sp)  /* FIFO: waits for every callback queued before */'
          : 'for_each_possible_cpu(cpu)  /* rcu_segcblist_entrain(&sdp->srcu_cblist, &sdp->srcu_barrier_head) */',
        {
          kind: 'wait',
          run: (x) => {
            x.local = pendingCallbacks(x.shared);
            if (classic) queueGracePeriodMarker(env, x.shared, x.tid, CallbackKind.Barrier);
            else queueBarrierMarkers(env, x.shared, x.tid);
          },
        },
      ),
      // Classic: the wait is synchronize_srcu's, in __synchronize_srcu.
      step(
        classic ? '__synchronize_srcu' : fn,
        classic ? 'wait_for_completion(&rcu.completion)' : 'wait_for_completion(&ssp->srcu_barrier_completion)',
        {
          kind: 'wait',
          guard: (m, _f, tid) => !waitsForMarker(m, tid),
          run: (x) => {
            const missed = x.local & pendingCallbacks(x.shared);
            if (missed === 0) return;
            fault(
              env,
              x.shared,
              'barrier-waits-for-queued',
              `srcu_barrier returns while ${describeCallbacks(env, missed)}, queued before it was called, has not completed`,
              'queues',
            );
          },
        },
      ),
    ],
  };
}

/** `mmu_notifier_synchronize()`: srcu_barrier on the mmu_notifier SRCU (the seed), synchronize_srcu from v5.4 (§5). */
export function notifierSynchronizeProc(env: KernelEnv): ProcDef<KernelMem> {
  const fn = 'mmu_notifier_synchronize';
  return { name: fn, body: [call(synchronizeIsGracePeriod(env.version(fn)) ? 'synchronize_srcu' : 'srcu_barrier')] };
}

/** The procedure name of a behaviour's SRCU callback. */
export function destroyProcName(env: KernelEnv, l: number): string {
  return `${env.behaviours[l]}:destroy`;
}

/** Grace-period check of the entry the worker is about to fire (holds by construction of the contract). */
function checkGracePeriod(env: KernelEnv, m: KernelMem, q: number): void {
  if (m.queueSize(q) === 0 || m.waitMask(q, 0) === 0) return;
  fault(
    env,
    m,
    'grace-period',
    'an SRCU callback runs while a read-side critical section active when it was queued is still active',
    'queues',
  );
}

/** The SRCU worker of queue `arg`: fires markers and invokes callbacks, one at a time, in order. */
export function srcuWorkerProc(env: KernelEnv): ProcDef<KernelMem> {
  const fn = 'srcu_invoke_callbacks';
  // The invocation statement of classic SRCU's srcu_invoke_callbacks, and of Tree SRCU's.
  const invoke = env.srcu === 'classic' ? 'head->func(head)' : 'rhp->func(rhp)';
  return {
    name: 'srcu_worker',
    body: [
      choice(
        step<KernelMem>(
          fn,
          `${invoke}  /* ${env.srcu === 'classic' ? 'wakeme_after_rcu' : 'wakeme_after_rcu or srcu_barrier_cb'}: complete() */`,
          {
            kind: 'release',
            guard: (m, f) => readyHeadKind(m, f.arg) > CallbackKind.Destroy,
            run: (x) => {
              checkGracePeriod(env, x.shared, x.arg);
              x.shared.shift(x.arg);
              x.repeat();
            },
          },
        ),
        step<KernelMem>(fn, invoke, {
          kind: 'call',
          guard: (m, f) => readyHeadKind(m, f.arg) === CallbackKind.Destroy,
          run: (x) => {
            const m = x.shared;
            const l = m.cbListener(x.arg, 0);
            const what = `the SRCU callback ${destroyProcName(env, l)}`;
            // v5.4's mmu_notifier_free_rcu is core code: module code runs only when it calls free_notifier.
            const invoke = env.scripts[l]!.api === 'get-put' ? invokeCoreCallbackOn : invokeOn;
            checkGracePeriod(env, m, x.arg);
            invoke(env, m, l, what);
            m.setRunning(x.arg, 0, true);
            x.call(destroyProcName(env, l), l);
            x.repeat();
          },
        }),
      ),
    ],
  };
}

/** When a callback returns, the worker takes it off the head of its queue. */
export function callbackReturned(m: KernelMem, l: number): KernelMem {
  for (let q = 0; q < m.queueCount; q++) {
    if (m.queueSize(q) > 0 && m.running(q, 0) && m.cbListener(q, 0) === l) {
      m.shift(q);
      break;
    }
  }
  return m;
}
