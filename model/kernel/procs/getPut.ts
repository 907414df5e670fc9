/**
 * The v5.4 get/put API (kernel-model.md §5): mmu_notifier_put with its user count and SRCU-deferred
 * free, mmu_notifier_free_rcu, and the driver thread that gets a notifier, puts it and drops its mm.
 */
import { step, call, choice, label } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelState } from '../state/KernelState.js';
import { fault, invokeOn, touchListener, touchMm, touchNotifierMm } from '../faults.js';
import { hlistAddHead, hlistDelInitRcu } from '../hlist.js';
import { callSrcu } from '../srcu.js';
import { kfreeListener, mmdrop, spinLock, spinUnlock, type KBody } from './common.js';

/** `mmu_notifier_put(mn)`: under the lock, drop a user; the last one unlinks the node and queues its free. */
export function putProc(env: KernelEnv): ProcDef<KernelState> {
  const fn = 'mmu_notifier_put';
  const users = (g: KernelState, l: number) => g.listeners.get(l)!.users;
  return {
    name: fn,
    body: [
      spinLock(env, fn),
      choice(
        step<KernelState>(fn, 'if (WARN_ON(!mn->users) || --mn->users) goto out_unlock', {
          guard: (g, f) => users(g, f.arg) !== 1,
          run: (x) => {
            x.update((g) => touchListener(env, g, x.arg, `${fn}: --mn->users`).setIn(['listeners', x.arg, 'users'], Math.max(0, users(g, x.arg) - 1)));
            x.goto('out_unlock');
          },
        }),
        step<KernelState>(fn, 'hlist_del_init_rcu(&mn->hlist)  /* --mn->users == 0 */', {
          guard: (g, f) => users(g, f.arg) === 1,
          run: (x) =>
            x.update((g) => {
              g = touchListener(env, g, x.arg, `${fn}: --mn->users`).setIn(['listeners', x.arg, 'users'], 0);
              return hlistDelInitRcu(env, g, x.arg).setIn(['listeners', x.arg, 'registered'], false);
            }),
        }),
      ),
      spinUnlock(env, fn),
      step(fn, 'call_srcu(&srcu, &mn->rcu, mmu_notifier_free_rcu)', {
        kind: 'queue',
        run: (x) => {
          x.update((g) => callSrcu(env, touchListener(env, g, x.arg, `${fn}: call_srcu`), x.tid, x.arg));
          x.ret();
        },
      }),
      label('out_unlock'),
      spinUnlock(env, fn),
    ],
  };
}

/** `mmu_notifier_free_rcu` (core code, the SRCU callback of a put): the driver's `free_notifier` (module code), then `mmdrop`. */
export function freeRcuBody(env: KernelEnv, freeFn: string): KBody {
  const fn = 'mmu_notifier_free_rcu';
  return [
    step(fn, 'mm = mn->mm; mn->ops->free_notifier(mn)', { kind: 'call', run: (x) => x.update((g) => invokeOn(env, g, x.arg, 'the driver method free_notifier')) }),
    kfreeListener(env, freeFn, 'kfree(obj)'),
    mmdrop(env, fn),
  ];
}

/** The first node on the list with the ops (behaviour) of listener `l`, touching every node the walk reads. */
function findOps(env: KernelEnv, g: KernelState, l: number): { g: KernelState; found: number } {
  const ops = env.behaviours[l];
  for (let n = g.nmm.first, seen = 0; n >= 0 && seen <= g.listeners.size; n = g.listeners.get(n)!.next, seen++) {
    g = touchListener(env, g, n, 'find_get_mmu_notifier: reading mn->ops');
    if (env.behaviours[n] === ops) return { g, found: n };
  }
  return { g, found: -1 };
}

/** `__mmu_notifier_register(mn, mm)` of a freshly allocated node (v5.4): BUG check, mmgrab, publish under the lock. */
function registerBody(env: KernelEnv): KBody {
  const fn = '__mmu_notifier_register';
  return [
    step(fn, 'BUG_ON(atomic_read(&mm->mm_users) <= 0)', {
      kind: 'check',
      run: (x) =>
        x.update((g) => {
          g = touchMm(env, g, `${fn}: BUG_ON`);
          return g.mm.freed || g.mm.users > 0 ? g : fault(env, g, 'no-bug-on', `${fn}: BUG_ON(atomic_read(&mm->mm_users) <= 0) fires: mm_users is ${g.mm.users}`, 'mm.users');
        }),
    }),
    step(fn, 'mn->users = 1; mmgrab(mm)', {
      run: (x) => x.update((g) => touchMm(env, g, `${fn}: mmgrab`).setIn(['mm', 'count'], g.mm.count + 1).setIn(['listeners', x.local, 'users'], 1)),
    }),
    spinLock(env, fn),
    step(fn, 'hlist_add_head_rcu(&mn->hlist, &mm->mmu_notifier_mm->list)', {
      run: (x) => x.update((g) => hlistAddHead(env, g, x.local).setIn(['listeners', x.local, 'registered'], true)),
    }),
    spinUnlock(env, fn),
  ];
}

/** Under the lock: take a user of the first node with the thread's ops, or unlock and go allocate one. */
function findGet(env: KernelEnv, find: string) {
  return choice<KernelState>(
    step<KernelState>(find, 'hlist_for_each_entry_rcu(mn, &mm->mmu_notifier_mm->list, hlist) if (mn->ops == ops) mn->users++', {
      guard: (g, f) => findOps(env, g, f.arg).found >= 0,
      run: (x) => {
        const { g, found } = findOps(env, x.shared, x.arg);
        x.local = found;
        x.update(() => g.setIn(['listeners', found, 'users'], g.listeners.get(found)!.users + 1));
      },
    }),
    step<KernelState>(find, 'spin_unlock(&mm->mmu_notifier_mm->lock); return NULL  /* no node with these ops */', {
      kind: 'release',
      guard: (g, f) => findOps(env, g, f.arg).found < 0,
      run: (x) => {
        x.update((g) => touchNotifierMm(env, findOps(env, g, x.arg).g, `${find}: spin_unlock`).setIn(['nmm', 'lock'], -1));
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
export function getThreadProc(env: KernelEnv): ProcDef<KernelState> {
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
          x.update((g) => g.setIn(['listeners', x.arg, 'freed'], false));
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
export function driverPutProc(env: KernelEnv): ProcDef<KernelState> {
  return {
    name: 'driver_put',
    body: [call('mmu_notifier_put')],
    onReturn: (g, _f, tid) => g.setIn(['listeners', env.spareOfThread[tid]!, 'holdsModule'], false),
  };
}
