/**
 * What a check job ends with, as plain data that crosses threads: an Outcome without its states
 * (a trace holds the model's values, which need not survive a copy), with the counterexample's
 * length in their place.
 */
import { makeStats } from '../makeStats.js';
import type { IncompleteReason, Outcome, Violation } from '../Outcome.js';
import type { Stats } from '../Stats.js';

export type CheckSummary =
  | { readonly kind: 'ok'; readonly stats: Stats }
  | {
      readonly kind: 'violation';
      readonly violations: readonly Violation[];
      /** Steps of the shortest counterexample. */
      readonly length: number;
      readonly stats: Stats;
    }
  | { readonly kind: 'incomplete'; readonly reason: IncompleteReason; readonly stats: Stats }
  | { readonly kind: 'modelError'; readonly message: string; readonly stats: Stats };

/** The summary of `outcome`. */
export function summarise(outcome: Outcome<unknown, unknown>): CheckSummary {
  const stats = outcome.stats;
  switch (outcome.kind) {
    case 'ok':
      return { kind: 'ok', stats };
    case 'violation':
      return { kind: 'violation', violations: outcome.violations, length: outcome.trace.steps.length, stats };
    case 'incomplete':
      return { kind: 'incomplete', reason: outcome.reason, stats };
    case 'modelError':
      return { kind: 'modelError', message: outcome.message, stats };
  }
}

const NO_STATS = makeStats({ generated: 0, distinct: 0, depth: 0, queue: 0, elapsedMs: 0, storeBytes: 0 });

/** A job that did not run to an outcome of its own: its worker crashed, or the model could not be built. */
export function failedJob(message: string): CheckSummary {
  return { kind: 'modelError', message, stats: NO_STATS };
}

/** A job stopped before it ran (or ended from outside): incomplete, with nothing explored. */
export function stoppedJob(reason: IncompleteReason): CheckSummary {
  return { kind: 'incomplete', reason, stats: NO_STATS };
}
