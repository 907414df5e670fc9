/**
 * The access checks of the interval world (docs/interval-notifiers.md §I7): a step that reads or
 * writes a freed mirror (driver object and subscription), a callback invoked on one, and the
 * `no-stale-mapping` invariant over the device mappings.
 */
import type { KernelEnv } from '../KernelEnv.js';
import { IVF, MF, type KernelMem } from '../KernelMem.js';
import { fault } from '../faults.js';

/** The readable name of mirror `i`. */
export function mirrorName(env: KernelEnv, i: number): string {
  return `mirror ${i} (${env.mirrors[i] ?? '?'})`;
}

/** The state-view field of mirror `i`. */
export function mirrorField(i: number): string {
  return `mirror${i}`;
}

/** A read or write of mirror `i` (its driver object or its subscription) by `what`. */
export function touchMirror(env: KernelEnv, m: KernelMem, i: number, what: string): void {
  if (m.mirror(i, MF.freed) !== 0)
    fault(env, m, 'no-use-after-free', `${what} accesses ${mirrorName(env, i)}, which is freed`, mirrorField(i));
}

/** Every subscription in the interval tree is touched by a tree operation (exact for up to two nodes, §I3.2). */
export function touchTree(env: KernelEnv, m: KernelMem, what: string): void {
  for (let i = 0; i < m.mirrorCount; i++) if (m.mirror(i, MF.inTree) !== 0) touchMirror(env, m, i, what);
}

/** `interval_sub->ops->invalidate(...)` on mirror `i`: module code called on the subscription. */
export function invokeMirror(env: KernelEnv, m: KernelMem, i: number, what: string): void {
  if (m.mirror(i, MF.freed) !== 0)
    fault(
      env,
      m,
      'no-callback-on-freed',
      `${what} is invoked on ${mirrorName(env, i)}, which is freed`,
      mirrorField(i),
    );
  touchMirror(env, m, i, what);
}

/**
 * `no-stale-mapping` (§I7.1): a subscribed mirror's device mapping made from page generation g is stale
 * once an invalidation that changed the page after generation g has returned from
 * `invalidate_range_end` (g < validFrom). `how` says whether the step created it or let it remain.
 */
export function checkStale(env: KernelEnv, m: KernelMem, how: string): void {
  const validFrom = m.iv(IVF.validFrom);
  for (let i = 0; i < m.mirrorCount; i++) {
    const g = m.mirror(i, MF.mapping);
    if (m.mirror(i, MF.subscribed) === 0 || g < 0 || g >= validFrom) continue;
    fault(
      env,
      m,
      'no-stale-mapping',
      `${mirrorName(env, i)} maps the page as read at generation ${g}, but an invalidation that changed it to generation ${validFrom} has returned from invalidate_range_end (${how})`,
      `${mirrorField(i)}.mapping`,
    );
  }
}
