/** `mmu_notifier_unregister(mn, mm)` in each kernel version's statement order (docs/kernel-model.md §3). */
import { step, call, choice, label } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import { touchListener, touchNotifierMm } from '../faults.js';
import { hlistDelInitRcu, hlistDelRcu } from '../hlist.js';
import { srcuReadLock } from '../srcu.js';
import { Link } from '../state/Listener.js';
import { unregisterVariant } from '../versions.js';
import {
  bugOnMmCount,
  bugOnMmdrop,
  spinLock,
  spinUnlock,
  srcuLock,
  srcuUnlock,
  type KBody,
  type KStep,
} from './common.js';
import { invokeRelease } from './notifier.js';

const FN = 'mmu_notifier_unregister';
const UNHASHED = `${FN}: hlist_unhashed`;

/** The unlink of the driver's own unregister: it ends the listener's registration. */
function unlinkStep(env: KernelEnv, init: boolean): KStep {
  const del = init ? hlistDelInitRcu : hlistDelRcu;
  return step(FN, init ? 'hlist_del_init_rcu(&mn->hlist)' : 'hlist_del_rcu(&mn->hlist)', {
    run: (x) => {
      del(env, x.shared, x.arg);
      x.shared.setRegistered(x.arg, false);
    },
  });
}

const releaseStep = (env: KernelEnv): KStep =>
  step(FN, 'if (mn->ops->release) mn->ops->release(mn, mm)', {
    kind: 'call',
    run: (x) => invokeRelease(env, x, x.arg),
  });

/** v3.8 and v3.10 on: if hashed (tested without the lock), `->release` under SRCU, then unlink under the lock. */
function releaseThenUnlink(env: KernelEnv, init: boolean): KBody {
  return [
    step(FN, 'if (!hlist_unhashed(&mn->hlist))', {
      run: (x) => {
        touchListener(env, x.shared, x.arg, UNHASHED);
        if (x.shared.link(x.arg) === Link.Unhashed) x.goto('sync');
      },
    }),
    srcuLock(FN),
    releaseStep(env),
    srcuUnlock(FN),
    spinLock(env, FN),
    unlinkStep(env, init),
    spinUnlock(env, FN),
  ];
}

/** v3.9: the hashed test, the SRCU read lock and `hlist_del_rcu` under the lock, then `->release`. */
function unlinkThenRelease(env: KernelEnv): KBody {
  const hashed = (m: KernelMem, l: number) => m.link(l) !== Link.Unhashed;
  return [
    spinLock(env, FN),
    choice(
      step<KernelMem>(
        FN,
        'if (!hlist_unhashed(&mn->hlist)) { int id; id = srcu_read_lock(&srcu); /* the block goes on below */ }',
        {
          kind: 'srcu-lock',
          guard: (g, f) => hashed(g, f.arg),
          run: (x) => {
            touchListener(env, x.shared, x.arg, UNHASHED);
            srcuReadLock(x.shared, x.tid);
          },
        },
      ),
      step<KernelMem>(FN, 'else spin_unlock(&mm->mmu_notifier_mm->lock)', {
        kind: 'release',
        guard: (g, f) => !hashed(g, f.arg),
        run: (x) => {
          touchListener(env, x.shared, x.arg, UNHASHED);
          touchNotifierMm(env, x.shared, `${FN}: spin_unlock`);
          x.shared.lock = -1;
          x.goto('sync');
        },
      }),
    ),
    unlinkStep(env, false),
    spinUnlock(env, FN),
    releaseStep(env),
    srcuUnlock(FN),
  ];
}

/** `mmu_notifier_unregister` in the variant of the scenario's version: then `synchronize_srcu`, BUG check, mmdrop. */
export function unregisterProc(env: KernelEnv): ProcDef<KernelMem> {
  const variant = unregisterVariant(env.version(FN));
  const body =
    variant === 'del-rcu-then-release'
      ? unlinkThenRelease(env)
      : releaseThenUnlink(env, variant === 'release-then-del-init-rcu');
  return {
    name: FN,
    body: [bugOnMmCount(env, FN), ...body, label('sync'), call('synchronize_srcu'), bugOnMmdrop(env, FN)],
  };
}
