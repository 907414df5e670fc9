/**
 * The threads of an interval-era scenario: invalidator tasks and mirror driver tasks, each a task of
 * the process holding an `mm_users` reference that its exit (`mmput`) drops; and every procedure of
 * that world (docs/interval-notifiers.md §I8.1).
 */
import { call } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import { IVF, type KernelMem } from '../KernelMem.js';
import type { MirrorOp } from '../Scenario.js';
import { kstep, type KBody } from '../procs/common.js';
import { invalidation, rangeEndProc, rangeStartProc } from './invalidation.js';
import { intervalMmdropFreeProc, intervalMmputProc, taskExitProc } from './exit.js';
import { insertProc, removeProc } from './intervalApi.js';
import { mirrorDriverProcs } from './mirrorStatements.js';

/** The entry procedure of a mirror task running `ops`. */
export function mirrorEntry(ops: readonly MirrorOp[]): string {
  return `mirror:${ops.join('+')}`;
}

/** A task that changes the page once (`zap_page_range_single`, as `madvise(MADV_DONTNEED)` does) and exits. */
function invalidatorProc(env: KernelEnv): ProcDef<KernelMem> {
  return { name: 'invalidator', body: [...invalidation(env, 'zap_page_range_single'), call<KernelMem>('do_exit')] };
}

/**
 * The release of a mirror's driver file (`__fput` calling `f_op->release`, which is the driver's
 * teardown): at once for a `close`, or, for a release at exit, once every task of the process has
 * passed its `exit_mm` — `exit_files` comes after it, so the last file reference is dropped after
 * `exit_mmap` has finished (when a task's exit ran it).
 */
function release(env: KernelEnv, atExit: boolean): KBody {
  return [
    kstep('__fput', 'if (file->f_op->release) file->f_op->release(inode, file);', {
      kind: 'call',
      ...(atExit ? { guard: (m: KernelMem) => m.iv(IVF.tasks) === 0 } : {}),
      run: (x) => x.call(`${env.mirrors[x.arg]}:teardown`, x.arg),
    }),
  ];
}

/**
 * A mirror's driver task: its `ops` in order — insert (`mmu_interval_notifier_insert` from the
 * driver's open), a device fault, and the file's release by `close` — then its exit (`mmput`). A
 * release at exit runs after the task (and the rest of the process) has exited.
 */
function mirrorTaskProc(env: KernelEnv, ops: readonly MirrorOp[]): ProcDef<KernelMem> {
  const driver = (f: { arg: number }) => env.mirrors[f.arg]!;
  const body: KBody = [];
  for (const op of ops) {
    if (op === 'insert') body.push(call('mmu_interval_notifier_insert'));
    else if (op === 'fault') body.push(call((f) => `${driver(f)}:fault`));
    else if (op === 'teardown') body.push(...release(env, false));
  }
  body.push(call('do_exit'));
  if (ops.includes('teardown-at-exit')) body.push(...release(env, true));
  return { name: mirrorEntry(ops), body };
}

/** Every procedure of the interval world for `env`, with one mirror task procedure per distinct op list. */
export function intervalProcedures(env: KernelEnv, opLists: readonly (readonly MirrorOp[])[]): ProcDef<KernelMem>[] {
  const distinct = new Map(opLists.map((ops) => [mirrorEntry(ops), ops]));
  return [
    intervalMmputProc(env),
    taskExitProc(),
    intervalMmdropFreeProc(env),
    rangeStartProc(env),
    rangeEndProc(env),
    insertProc(env),
    removeProc(env),
    invalidatorProc(env),
    ...mirrorDriverProcs(env, env.mirrorScripts),
    ...[...distinct.values()].map((ops) => mirrorTaskProc(env, ops)),
  ];
}
