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

/** Verdict (the primary property of a violation), shortest length and counts: what a script and its built-in twin share. */
export function verdictSummary(o: Outcome<unknown, unknown>) {
  const { distinct, generated, depth } = o.stats;
  if (o.kind === 'violation')
    return { verdict: o.violations[0]!.propertyId, length: o.trace.steps.length, distinct, generated, depth };
  return { verdict: o.kind, distinct, generated, depth };
}
