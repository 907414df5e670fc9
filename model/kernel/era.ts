/**
 * The two worlds of the kernel model: the classic listeners of v3.8–v5.4 (the seed's world) and the
 * interval subscriptions of v5.5 on (docs/interval-notifiers.md). A scenario's objects, threads and
 * default properties must belong to its kernel's world; this is checked for scenario files and for
 * `--kernel` alike.
 */
import { DEFAULT_PROPERTY_IDS, type KernelPropertyId } from './PropertyId.js';
import {
  CLASSIC_THREAD_KINDS,
  INTERVAL_ERA,
  INTERVAL_THREAD_KINDS,
  type KernelVersion,
  type Scenario,
} from './Scenario.js';
import { atLeast } from './versions.js';

/** True for a kernel of the interval era. */
export function isIntervalEra(kernel: KernelVersion): boolean {
  return atLeast(kernel, INTERVAL_ERA);
}

/** Properties about objects of the classic world only: their steps do not exist from v5.5. */
const CLASSIC_ONLY: ReadonlySet<KernelPropertyId> = new Set([
  'no-code-after-unload',
  'barrier-waits-for-queued',
  'grace-period',
  'no-null-deref',
  'release-before-pages-freed',
]);

/** Properties about objects of the interval world only. */
const INTERVAL_ONLY: ReadonlySet<KernelPropertyId> = new Set(['no-stale-mapping']);

/** The properties checked when a scenario of `kernel` names none. */
export function defaultProperties(kernel: KernelVersion): readonly KernelPropertyId[] {
  const other = isIntervalEra(kernel) ? CLASSIC_ONLY : INTERVAL_ONLY;
  return DEFAULT_PROPERTY_IDS.filter((id) => !other.has(id));
}

/** Why `id` cannot be violated by any scenario of `kernel`'s world, or undefined. */
export function otherWorldProperty(kernel: KernelVersion, id: KernelPropertyId): string | undefined {
  if (isIntervalEra(kernel))
    return CLASSIC_ONLY.has(id) ? `a property of the classic listeners (up to v5.4); ${kernel} has none` : undefined;
  return INTERVAL_ONLY.has(id) ? `a property of interval subscriptions (from ${INTERVAL_ERA})` : undefined;
}

/** Where and why the scenario's objects or threads do not belong to its kernel's world, or undefined. */
export function eraMismatch(
  s: Pick<Scenario, 'kernel' | 'listeners' | 'mirrors' | 'threads'>,
): { field: string; message: string } | undefined {
  const kernel = s.kernel;
  if (!isIntervalEra(kernel)) {
    if (s.mirrors.length > 0)
      return {
        field: 'mirrors',
        message: `mmu_interval_notifier exists from ${INTERVAL_ERA}; kernel ${kernel} has classic listeners only`,
      };
    if (s.listeners.length === 0) return { field: 'listeners', message: 'expected 1 to 16 entries, got 0' };
    const i = s.threads.findIndex((t) => INTERVAL_THREAD_KINDS.has(t.kind));
    if (i >= 0)
      return {
        field: `threads[${i}].kind`,
        message: `"${s.threads[i]!.kind}" threads belong to the interval-notifier world (kernel ${INTERVAL_ERA} or later)`,
      };
    return undefined;
  }
  if (s.listeners.length > 0)
    return {
      field: 'listeners',
      message: `classic listeners are modelled up to v5.4; on ${kernel} the model has interval subscriptions only ("mirrors")`,
    };
  if (s.mirrors.length === 0) return { field: 'mirrors', message: `expected 1 to 4 mirrors on ${kernel}` };
  const i = s.threads.findIndex((t) => CLASSIC_THREAD_KINDS.has(t.kind));
  if (i >= 0)
    return {
      field: `threads[${i}].kind`,
      message: `"${s.threads[i]!.kind}" threads belong to the classic world (up to v5.4); kernel ${kernel} has interval subscriptions`,
    };
  const seen = new Map<number, number>();
  for (const [j, t] of s.threads.entries()) {
    if (t.kind !== 'mirror') continue;
    if (seen.has(t.mirror))
      return {
        field: `threads[${j}].mirror`,
        message: `mirror ${t.mirror} already has a task (threads[${seen.get(t.mirror)}])`,
      };
    seen.set(t.mirror, j);
  }
  return undefined;
}
