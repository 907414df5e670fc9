/**
 * Turns a driver script's hooks into the model's procedure bodies: each statement of the
 * vocabulary becomes its step (or its call of a kernel procedure), with the hook's C function as
 * the step's function and the driver's C as its statement.
 */
import { call } from '../../program/Step.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import { touchListener, touchMm } from '../faults.js';
import { callSrcu } from '../srcu.js';
import { bugOnMmdrop, kfreeListener, kstep, mmdrop, type KBody, type KStep } from '../procs/common.js';
import { statementText, type DriverHook, type DriverScript, type StatementOp } from './DriverScript.js';

/** The body item of statement `op` in function `fn` of `script`. */
function statement(env: KernelEnv, script: DriverScript, fn: string, op: StatementOp): KBody[number] {
  const code = statementText(script, op);
  switch (op) {
    case 'mmgrab':
    case 'atomic_inc_mm_count':
      return kstep(fn, code, {
        run: (x) => {
          touchMm(env, x.shared, `${fn}: ${code}`);
          x.shared.mmCount = x.shared.mmCount + 1;
        },
      });
    case 'mmdrop':
      return mmdrop(env, fn);
    case 'bug_on_mmdrop':
      return bugOnMmdrop(env, fn);
    case 'kfree':
      return kfreeListener(env, fn, code);
    case 'mmu_notifier_call_srcu':
      return kstep(fn, code, {
        kind: 'queue',
        run: (x) => {
          touchListener(env, x.shared, x.arg, `${fn}: mmu_notifier_call_srcu`);
          callSrcu(env, x.shared, x.tid, x.arg);
        },
      });
    case 'zap_sptes':
      return kstep(fn, code, {
        run: (x) => {
          touchListener(env, x.shared, x.arg, `${fn}: zap`);
          x.shared.setMaps(x.arg, false);
        },
      });
    case 'mmu_notifier_unregister':
    case 'mmu_notifier_unregister_no_release':
    case 'mmu_notifier_put':
    case 'mmu_notifier_synchronize':
    case 'synchronize_srcu':
      return call<KernelMem>(op);
  }
}

/** The body of `hook` of `script` (empty when the driver does not implement it). */
export function hookBody(env: KernelEnv, script: DriverScript, hook: DriverHook): KBody {
  const fn = script.functions[hook] ?? `${script.name}_${hook}`;
  return (script.hooks[hook] ?? []).map((op) => statement(env, script, fn, op));
}

export type { KStep };
