/**
 * What each statement and test of an interval driver's script is in the model (the vocabulary of
 * model/kernel/drivers/DriverScript.ts): the driver's own steps act on its mirror (the procedure's
 * argument), and the kernel calls it makes keep their kernel function (`mmu_interval_read_begin`,
 * `hmm_range_fault`, `mmu_interval_set_seq`, …) and each version's text.
 */
import { call } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import { IVF, MF, type KernelMem } from '../KernelMem.js';
import { touchMm } from '../faults.js';
import { kstep, type KBody, type KContext } from '../procs/common.js';
import { compileHook, type CompiledTest, type StatementCompiler } from '../drivers/compileStatements.js';
import { statementText, type DriverScript, type StatementOp } from '../drivers/DriverScript.js';
import { inVersion } from './names.js';
import { readBegin } from './intervalApi.js';
import { checkStale, touchMirror } from './intervalFaults.js';

/** The sequence number `mmu_interval_read_begin` left in the frame's local (its low byte). */
const readSeq = (x: KContext) => x.local & 0xff;

/** `mmget_not_zero(mm)`: takes a user of the mm unless none is left. */
function mmgetNotZero(env: KernelEnv, fn: string) {
  return (x: KContext): boolean => {
    const m = x.shared;
    touchMm(env, m, `${fn}: mmget_not_zero`);
    if (m.mmUsers === 0) return false;
    m.mmUsers = m.mmUsers + 1;
    return true;
  };
}

/** The compiler of `script`'s statements and tests. */
export function mirrorStatements(env: KernelEnv, script: DriverScript): StatementCompiler {
  const v = (code: string) => inVersion(env.kernel, code);
  const text = (op: StatementOp, c?: string) => (c !== undefined ? c : `${statementText(script, op)};`);
  return {
    statement(op, fn, c, unique): KBody {
      const code = text(op, c);
      const touch = (x: KContext, what: string) => touchMirror(env, x.shared, x.arg, `${fn}: ${what}`);
      switch (op) {
        case 'lock':
          return [
            kstep(fn, code, {
              kind: 'acquire',
              guard: (m, f) => m.mirror(f.arg, MF.mutex) < 0,
              run: (x) => {
                touch(x, 'mutex_lock');
                x.shared.setMirror(x.arg, MF.mutex, x.tid);
              },
            }),
          ];
        case 'unlock':
          return [
            kstep(fn, code, {
              kind: 'release',
              run: (x) => {
                touch(x, 'mutex_unlock');
                x.shared.setMirror(x.arg, MF.mutex, -1);
              },
            }),
          ];
        case 'mmu_interval_set_seq':
          return [
            kstep('mmu_interval_set_seq', v('WRITE_ONCE(interval_sub->invalidate_seq, cur_seq);'), {
              run: (x) => {
                touchMirror(env, x.shared, x.arg, 'mmu_interval_set_seq');
                x.shared.setMirror(x.arg, MF.seq, x.shared.iv(IVF.seq));
              },
            }),
          ];
        case 'clear_mapping':
          return [
            kstep(fn, code, {
              run: (x) => {
                touch(x, code);
                x.shared.setMirror(x.arg, MF.mapping, -1);
              },
            }),
          ];
        case 'map':
          return [
            kstep(fn, code, {
              run: (x) => {
                const m = x.shared;
                touch(x, code);
                m.setMirror(x.arg, MF.mapping, m.mirror(x.arg, MF.readGen));
                checkStale(env, m, 'the fault path creates it');
              },
            }),
          ];
        case 'kfree':
          return [
            kstep(fn, code, {
              kind: 'free',
              run: (x) => {
                touch(x, 'kfree');
                x.shared.setMirror(x.arg, MF.freed, 1);
              },
            }),
          ];
        case 'mmu_interval_read_begin':
          return readBegin(env, unique);
        case 'mmput':
        case 'mmu_interval_notifier_remove':
          return [call<KernelMem>(op)];
        default:
          throw new Error(`${op}: not a statement of an interval driver (parseStatements refuses it)`);
      }
    },
    test(op, fn): CompiledTest {
      const c = statementText(script, op);
      switch (op) {
        case 'mmget_not_zero':
          return { fn, c, decide: mmgetNotZero(env, fn), after: [] };
        case 'mmu_interval_read_retry':
        case 'mmu_interval_check_retry':
          return {
            fn,
            c,
            decide: (x) => {
              touchMirror(env, x.shared, x.arg, op);
              return x.shared.mirror(x.arg, MF.seq) !== readSeq(x);
            },
            after: [],
          };
        case 'hmm_range_fault':
          // The walk first checks mmu_interval_check_retry and returns -EBUSY when the seq moved;
          // otherwise it reads the page, whose generation a later `map` programs.
          return {
            fn: 'hmm_range_fault',
            c,
            kernelCode: v('if (mmu_interval_check_retry(range->notifier, range->notifier_seq))'),
            decide: (x) => {
              touchMirror(env, x.shared, x.arg, 'mmu_interval_check_retry');
              return x.shared.mirror(x.arg, MF.seq) !== readSeq(x);
            },
            after: [
              kstep(
                'hmm_range_fault',
                'ret = walk_page_range(mm, hmm_vma_walk.last, range->end, &hmm_walk_ops, &hmm_vma_walk);',
                {
                  run: (x) => {
                    touchMm(env, x.shared, 'hmm_range_fault: walk_page_range');
                    x.shared.setMirror(x.arg, MF.readGen, x.shared.iv(IVF.gen));
                  },
                },
              ),
            ],
          };
        default:
          throw new Error(`${op}: not a test of an interval driver (parseStatements refuses it)`);
      }
    },
  };
}

/** The procedures of every mirror driver of the scenario (each once): `<driver>:invalidate`, `:fault`, `:teardown`. */
export function mirrorDriverProcs(env: KernelEnv, scripts: readonly DriverScript[]): ProcDef<KernelMem>[] {
  const used = [...new Map(scripts.map((s) => [s.name, s])).values()];
  return used.flatMap((script) => {
    const world = mirrorStatements(env, script);
    return (['invalidate', 'fault', 'teardown'] as const).map((hook) => ({
      name: `${script.name}:${hook}`,
      body: compileHook(script, hook, world),
    }));
  });
}
