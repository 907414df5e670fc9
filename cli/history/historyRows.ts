/** The rows of a history table: every kernel version the model knows, with the SRCU implementations it ran with. */
import { KERNEL_VERSIONS, type KernelVersion, type Scenario, type SrcuImpl } from '../../model/kernel/Scenario.js';
import { atLeast } from '../../model/kernel/versions.js';
import { isIntervalEra, isIntervalWorld } from '../../model/kernel/era.js';

/** One row: a kernel version (of every versioned function) and an SRCU implementation. */
export interface HistoryRowSpec {
  readonly kernel: KernelVersion;
  readonly srcu: SrcuImpl;
}

/**
 * The rows for `scenario`. With `srcus`, every version with each of them. Otherwise each version
 * with the SRCU it shipped with: classic SRCU everywhere (it is also how a small srcu_struct behaves
 * from 5.19), and Tree SRCU (4.12 on) for the v3.17 variant (v3.17–v5.3) and v5.4 — the scenario's
 * own tree variant if it names one.
 */
export function historyRows(scenario: Scenario, srcus?: readonly SrcuImpl[]): HistoryRowSpec[] {
  const tree: SrcuImpl = scenario.srcu === 'classic' ? 'tree' : scenario.srcu;
  // A scenario of classic listeners runs on every version; one with interval subscriptions from
  // v5.5 only, and, since it uses no SRCU, with one row per version.
  if (isIntervalWorld(scenario))
    return KERNEL_VERSIONS.filter(isIntervalEra).map((kernel) => ({ kernel, srcu: srcus?.[0] ?? scenario.srcu }));
  return KERNEL_VERSIONS.flatMap((kernel) => {
    const impls: readonly SrcuImpl[] = srcus ?? (atLeast(kernel, 'v3.17') ? ['classic', tree] : ['classic']);
    return impls.map((srcu) => ({ kernel, srcu }));
  });
}
