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

/** The scenario is of the interval world: it has mirrors (from v5.5), not classic listeners. */
export function isIntervalWorld(s: Pick<Scenario, 'mirrors'>): boolean {
  return s.mirrors.length > 0;
}

/** The properties checked when a scenario names none: those of its world. */
export function defaultProperties(s: Pick<Scenario, 'mirrors'>): readonly KernelPropertyId[] {
  const other = isIntervalWorld(s) ? CLASSIC_ONLY : INTERVAL_ONLY;
  return DEFAULT_PROPERTY_IDS.filter((id) => !other.has(id));
}

/** Why `id` cannot be violated by a scenario of the world of `s`, or undefined. */
export function otherWorldProperty(s: Pick<Scenario, 'mirrors'>, id: KernelPropertyId): string | undefined {
  if (isIntervalWorld(s))
    return CLASSIC_ONLY.has(id)
      ? 'a property of classic listeners; the scenario has interval subscriptions'
      : undefined;
  return INTERVAL_ONLY.has(id) ? `a property of interval subscriptions (mirrors, from ${INTERVAL_ERA})` : undefined;
}

/** Where and why the scenario's objects or threads do not belong to its kernel's world, or undefined. */
export function eraMismatch(
  s: Pick<Scenario, 'kernel' | 'listeners' | 'mirrors' | 'threads'>,
): { field: string; message: string } | undefined {
  const kernel = s.kernel;
  if (s.mirrors.length === 0) {
    if (s.listeners.length === 0)
      return isIntervalEra(kernel)
        ? { field: 'mirrors', message: `expected 1 to 4 mirrors, or classic listeners, on ${kernel}` }
        : { field: 'listeners', message: 'expected 1 to 16 entries, got 0' };
    const i = s.threads.findIndex((t) => INTERVAL_THREAD_KINDS.has(t.kind));
    if (i >= 0)
      return {
        field: `threads[${i}].kind`,
        message: `"${s.threads[i]!.kind}" threads belong to the interval-notifier world: a scenario with mirrors (kernel ${INTERVAL_ERA} or later)`,
      };
    if (atLeast(kernel, 'v6.6')) {
      const reader = s.threads.findIndex((t) => t.kind === 'reader' && t.count > 0);
      const reclaimer = s.threads.findIndex((t) => t.kind === 'reclaimer' && t.count > 0);
      if (reader >= 0 && reclaimer >= 0)
        return {
          field: `threads[${reclaimer}].kind`,
          message: `on ${kernel} a listener cannot have both ->invalidate_range_start (which readers call) and ->arch_invalidate_secondary_tlbs (which reclaimers call): __mmu_notifier_register refuses such ops`,
        };
    }
    return undefined;
  }
  if (!isIntervalEra(kernel))
    return {
      field: 'mirrors',
      message: `mmu_interval_notifier exists from ${INTERVAL_ERA}; kernel ${kernel} has classic listeners only`,
    };
  if (s.listeners.length > 0)
    return {
      field: 'listeners',
      message:
        'classic listeners and interval subscriptions (mirrors) in one scenario are not modelled yet; use one or the other',
    };
  const i = s.threads.findIndex((t) => CLASSIC_THREAD_KINDS.has(t.kind));
  if (i >= 0)
    return {
      field: `threads[${i}].kind`,
      message: `"${s.threads[i]!.kind}" threads belong to the classic listeners' world; this scenario has interval subscriptions (mirrors)`,
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
