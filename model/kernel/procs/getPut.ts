/**
 * The v5.4 get/put API (docs/kernel-model.md §5): mmu_notifier_put with its user count and SRCU-deferred
 * free, mmu_notifier_free_rcu, and the driver thread that gets a notifier, puts it and drops its mm.
 */
import { step, call, choice, label } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import { fault, invokeOn, touchListener, touchMm, touchNotifierMm } from '../faults.js';
import { hlistAddHead, hlistDelInitRcu } from '../hlist.js';
import { callSrcu } from '../srcu.js';
import { mmdrop, spinLock, spinUnlock, type KBody } from './common.js';

/** `mmu_notifier_put(mn)`: under the lock, drop a user; the last one unlinks the node and queues its free. */
export function putProc(env: KernelEnv): ProcDef<KernelMem> {
  const fn = 'mmu_notifier_put';
  const users = (m: KernelMem, l: number) => m.users(l);
  const decrement = `${fn}: --mn->users`;
  return {
    name: fn,
    body: [
      spinLock(env, fn),
      choice(
        step<KernelMem>(fn, 'if (WARN_ON(!mn->users) || --mn->users) goto out_unlock', {
          guard: (m, f) => users(m, f.arg) !== 1,
          run: (x) => {
            touchListener(env, x.shared, x.arg, decrement);
            x.shared.setUsers(x.arg, Math.max(0, users(x.shared, x.arg) - 1));
            x.goto('out_unlock');
          },
        }),
        step<KernelMem>(fn, 'hlist_del_init_rcu(&mn->hlist)  /* --mn->users == 0 */', {
          guard: (m, f) => users(m, f.arg) === 1,
          run: (x) => {
            touchListener(env, x.shared, x.arg, decrement);
            x.shared.setUsers(x.arg, 0);
            hlistDelInitRcu(env, x.shared, x.arg);
            x.shared.setRegistered(x.arg, false);
          },
        }),
      ),
      spinUnlock(env, fn),
      step(fn, 'call_srcu(&srcu, &mn->rcu, mmu_notifier_free_rcu)', {
        kind: 'queue',
        run: (x) => {
          touchListener(env, x.shared, x.arg, `${fn}: call_srcu`);
          callSrcu(env, x.shared, x.tid, x.arg);
          x.ret();
        },
      }),
      label('out_unlock'),
      spinUnlock(env, fn),
    ],
  };
}

/** `mmu_notifier_free_rcu` (core code, the SRCU callback of a put): the driver's `free_notifier` (module code), then `mmdrop`. */
export function freeRcuBody(env: KernelEnv, freeNotifier: KBody): KBody {
  const fn = 'mmu_notifier_free_rcu';
  return [
    step(fn, 'mn->ops->free_notifier(mn)', {
      kind: 'call',
      run: (x) => invokeOn(env, x.shared, x.arg, 'the driver method free_notifier'),
    }),
    ...freeNotifier,
    mmdrop(env, fn),
  ];
}

/** The first node on the list with the ops (behaviour) of listener `l`, touching every node the walk reads. */
function findOps(env: KernelEnv, m: KernelMem, l: number, touch: boolean): number {
  const ops = env.behaviours[l];
  for (let n = m.first, seen = 0; n >= 0 && seen <= m.listenerCount; n = m.next(n), seen++) {
    if (touch) touchListener(env, m, n, 'find_get_mmu_notifier: reading mn->ops');
    if (env.behaviours[n] === ops) return n;
  }
  return -1;
}

/** `__mmu_notifier_register(mn, mm)` of a freshly allocated node (v5.4): BUG check, mmgrab, publish under the lock. */
function registerBody(env: KernelEnv): KBody {
  const fn = '__mmu_notifier_register';
  return [
    step(fn, 'BUG_ON(atomic_read(&mm->mm_users) <= 0)', {
      kind: 'check',
      run: (x) => {
        const m = x.shared;
        touchMm(env, m, `${fn}: BUG_ON`);
        if (!m.mmFreed && m.mmUsers <= 0)
          fault(
            env,
            m,
            'no-bug-on',
            `${fn}: BUG_ON(atomic_read(&mm->mm_users) <= 0) fires: mm_users is ${m.mmUsers}`,
            'mm.users',
          );
      },
    }),
    step(fn, 'mmgrab(mm)  /* then mn->users = 1 */', {
      run: (x) => {
        touchMm(env, x.shared, `${fn}: mmgrab`);
        x.shared.mmCount = x.shared.mmCount + 1;
        x.shared.setUsers(x.local, 1);
      },
    }),
    spinLock(env, fn),
    step(fn, 'hlist_add_head_rcu(&mn->hlist, &mm->mmu_notifier_mm->list)', {
      run: (x) => {
        hlistAddHead(env, x.shared, x.local);
        x.shared.setRegistered(x.local, true);
      },
    }),
    spinUnlock(env, fn),
  ];
}

/** Under the lock: take a user of the first node with the thread's ops, or unlock and go allocate one. */
function findGet(env: KernelEnv, find: string) {
  return choice<KernelMem>(
    step<KernelMem>(find, 'if (likely(mn->users != UINT_MAX)) mn->users++  /* mn: the first node with these ops */', {
      guard: (m, f) => findOps(env, m, f.arg, false) >= 0,
      run: (x) => {
        const found = findOps(env, x.shared, x.arg, true);
        x.local = found;
        x.shared.setUsers(found, x.shared.users(found) + 1);
      },
    }),
    step<KernelMem>(find, 'spin_unlock(&mm->mmu_notifier_mm->lock)  /* no node with these ops: return NULL */', {
      kind: 'release',
      guard: (m, f) => findOps(env, m, f.arg, false) < 0,
      run: (x) => {
        findOps(env, x.shared, x.arg, true);
        touchNotifierMm(env, x.shared, `${find}: spin_unlock`);
        x.shared.lock = -1;
        x.goto('alloc');
      },
    }),
  );
}

/**
 * A driver thread holding an mm_users reference (an ioctl on the process's mm): `mmu_notifier_get`
 * finds the node with its ops and takes a user, or allocates its spare object and registers it;
 * then it puts what it got and drops its mm_users with `mmput`. Its argument is the spare's index;
 * the frame's local holds the node it got.
 */
export function getThreadProc(env: KernelEnv): ProcDef<KernelMem> {
  const find = 'find_get_mmu_notifier';
  return {
    name: 'get_thread',
    body: [
      spinLock(env, find),
      findGet(env, find),
      spinUnlock(env, find, undefined, 'got'),
      label('alloc'),
      step('mmu_notifier_get_locked', 'mn = ops->alloc_notifier(mm)', {
        run: (x) => {
          x.local = x.arg;
          x.shared.setFreed(x.arg, false);
        },
      }),
      ...registerBody(env),
      label('got'),
      call('driver_put', (f) => f.local),
      call('mmput'),
    ],
  };
}

/** The get thread's `mmu_notifier_put`: the thread holds the module (through its spare) until the put returns. */
export function driverPutProc(env: KernelEnv): ProcDef<KernelMem> {
  return {
    name: 'driver_put',
    body: [call('mmu_notifier_put')],
    onReturn: (m, _f, tid) => {
      m.setHoldsModule(env.spareOfThread[tid]!, false);
      return m;
    },
  };
}
