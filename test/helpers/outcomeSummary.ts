/** What must be the same between two runs of one model: counts, verdict, reason and the counterexample's actions. */
import type { Outcome } from '../../checker/Outcome.js';

/** The comparable face of an outcome (`queue` too, when `withQueue`). */
export function outcomeSummary(o: Outcome<unknown, unknown>, withQueue = false) {
  return {
    kind: o.kind,
    distinct: o.stats.distinct,
    generated: o.stats.generated,
    depth: o.stats.depth,
    ...(withQueue ? { queue: o.stats.queue } : {}),
    violations: o.kind === 'violation' ? o.violations.map((v) => v.propertyId) : [],
    actions: o.kind === 'violation' ? o.trace.steps.map((s) => s.action) : [],
    reason: o.kind === 'incomplete' ? o.reason : undefined,
  };
}
