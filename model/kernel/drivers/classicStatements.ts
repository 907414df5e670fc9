/**
 * What each statement of a classic driver's script is in the model: its step (or its call of a
 * kernel procedure), with the hook's C function as the step's function and the driver's C as its
 * statement. The statement's argument is the listener.
 */
import { call } from '../../program/Step.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import { fault, listenerName, touchListener, touchMm } from '../faults.js';
import { callSrcu } from '../srcu.js';
import { bugOnMmdrop, kfreeListener, kstep, mmdrop, type KBody } from '../procs/common.js';
import type { StatementCompiler } from './compileStatements.js';
import { statementText, type DriverScript, type StatementOp } from './DriverScript.js';

/** The compiler of `script`'s statements. */
export function classicStatements(env: KernelEnv, script: DriverScript): StatementCompiler {
  return {
    statement: (op, fn, c) => statement(env, script, fn, op, c),
    test: (op) => {
      throw new Error(`${op}: a classic driver has no tests (parseStatements refuses them)`);
    },
  };
}

function statement(env: KernelEnv, script: DriverScript, fn: string, op: StatementOp, c?: string): KBody {
  const code = statementText(script, op, c);
  switch (op) {
    case 'mmgrab':
    case 'atomic_inc_mm_count':
      return [
        kstep(fn, code, {
          run: (x) => {
            touchMm(env, x.shared, `${fn}: ${code}`);
            x.shared.mmCount = x.shared.mmCount + 1;
          },
        }),
      ];
    case 'mmdrop':
      return [mmdrop(env, fn)];
    case 'bug_on_mmdrop':
      return [bugOnMmdrop(env, fn)];
    case 'kfree':
      return [kfreeListener(env, fn, code)];
    case 'mmu_notifier_call_srcu':
      return [
        kstep(fn, code, {
          kind: 'queue',
          run: (x) => {
            touchListener(env, x.shared, x.arg, `${fn}: mmu_notifier_call_srcu`);
            callSrcu(env, x.shared, x.tid, x.arg);
          },
        }),
      ];
    case 'zap_sptes':
      return [
        kstep(fn, code, {
          run: (x) => {
            touchListener(env, x.shared, x.arg, `${fn}: zap`);
            x.shared.setMaps(x.arg, false);
          },
        }),
      ];
    case 'lock':
      return [
        kstep(fn, code, {
          kind: 'acquire',
          guard: (m, f) => m.driverLock(f.arg) < 0,
          run: (x) => {
            touchListener(env, x.shared, x.arg, `${fn}: ${code}`);
            x.shared.setDriverLock(x.arg, x.tid);
          },
        }),
      ];
    case 'unlock':
      return [
        kstep(fn, code, {
          kind: 'release',
          run: (x) => {
            touchListener(env, x.shared, x.arg, `${fn}: ${code}`);
            x.shared.setDriverLock(x.arg, -1);
          },
        }),
      ];
    case 'module_put':
      return [
        kstep(fn, code, {
          run: (x) => {
            const m = x.shared;
            if (!m.holdsModule(x.arg))
              fault(
                env,
                m,
                'no-bug-on',
                `${fn}: module_put drops a module reference ${listenerName(env, x.arg)}'s driver no longer holds: the module's count underflows (WARN_ON in module_put)`,
                'module',
              );
            m.setHoldsModule(x.arg, false);
          },
        }),
      ];
    case 'mmu_notifier_unregister':
    case 'mmu_notifier_unregister_no_release':
    case 'mmu_notifier_put':
    case 'mmu_notifier_synchronize':
    case 'synchronize_srcu':
      return [call<KernelMem>(op)];
    default:
      throw new Error(`${op}: not a statement of a classic driver (parseStatements refuses it)`);
  }
}
