/**
 * The threads of an interval-era scenario: invalidator tasks and mirror driver tasks, each a task of
 * the process holding an `mm_users` reference that its exit (`mmput`) drops; and every procedure of
 * that world (docs/interval-notifiers.md §I8.1).
 */
import { call } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import type { MirrorOp } from '../Scenario.js';
import type { KBody } from '../procs/common.js';
import { invalidation, rangeEndProc, rangeStartProc } from './invalidation.js';
import { intervalMmdropFreeProc, intervalMmputProc } from './exit.js';
import { insertProc, removeProc } from './intervalApi.js';
import { mirrorDriverProcs } from './mirrorDriver.js';

/** The entry procedure of a mirror task running `ops`. */
export function mirrorEntry(ops: readonly MirrorOp[]): string {
  return `mirror:${ops.join('+')}`;
}

/** A task that changes the page once (`zap_page_range_single`, as `madvise(MADV_DONTNEED)` does) and exits. */
function invalidatorProc(env: KernelEnv): ProcDef<KernelMem> {
  return { name: 'invalidator', body: [...invalidation(env, 'zap_page_range_single'), call<KernelMem>('mmput')] };
}

/**
 * A mirror's driver task: its `ops` in order — insert (`mmu_interval_notifier_insert` from the
 * driver's open), a device fault, and the teardown (the file's release), which runs after the task
 * exited and dropped its `mm_users` (a file is released when its last task closes it).
 */
function mirrorTaskProc(env: KernelEnv, ops: readonly MirrorOp[]): ProcDef<KernelMem> {
  const driver = (f: { arg: number }) => env.mirrors[f.arg]!;
  const body: KBody = [];
  for (const op of ops) {
    if (op === 'insert') body.push(call('mmu_interval_notifier_insert'));
    else if (op === 'fault') body.push(call((f) => `${driver(f)}:fault`));
    else
      body.push(
        call('mmput'),
        call((f) => `${driver(f)}:teardown`),
      );
  }
  if (!ops.includes('teardown')) body.push(call('mmput'));
  return { name: mirrorEntry(ops), body };
}

/** Every procedure of the interval world for `env`, with one mirror task procedure per distinct op list. */
export function intervalProcedures(env: KernelEnv, opLists: readonly (readonly MirrorOp[])[]): ProcDef<KernelMem>[] {
  const distinct = new Map(opLists.map((ops) => [mirrorEntry(ops), ops]));
  return [
    intervalMmputProc(env),
    intervalMmdropFreeProc(env),
    rangeStartProc(env),
    rangeEndProc(env),
    insertProc(env),
    removeProc(env),
    invalidatorProc(env),
    ...mirrorDriverProcs(env, env.mirrors),
    ...[...distinct.values()].map((ops) => mirrorTaskProc(env, ops)),
  ];
}
