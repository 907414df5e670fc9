/**
 * Every violated property from searches that stop at their first violating state: run again without
 * the properties found violated, until a run ends another way (what is left holds, a bound stops
 * it, the model errs) or no property is left. A property first violated at depth L in a run has no
 * shorter violating trace anywhere in the reachable graph: that run expanded every state above
 * depth L — those that violate the properties it no longer checks included, as TLC's `-continue`
 * does — and met no violation of it. Its trace is a shortest one, the one a run checking it alone
 * finds. `history` decides its cells so, and `check --continue` reports every violation so.
 */
import type { Violation } from './Outcome.js';

/** How a run ended, as far as the reruns need to know: its kind, and the properties it found violated. */
export interface RunEnd {
  readonly kind: string;
  readonly violations?: readonly Violation[];
}

/** Runs `runOnce` on `properties`, then again on those not found violated, until a run decides all it checked; returns every run's end, in order. */
export async function rerunWithoutViolated<R extends RunEnd>(
  properties: readonly string[],
  runOnce: (open: readonly string[]) => Promise<R>,
): Promise<R[]> {
  const ends: R[] = [];
  let open = properties;
  while (open.length > 0) {
    const end = await runOnce(open);
    ends.push(end);
    const violations = end.kind === 'violation' ? (end.violations ?? []) : [];
    // Holds, incomplete or a model error decides every property of the run. So does a `sometimes`
    // property without a witness: only a search that covered the whole space finds none, and the
    // properties it checked besides held on every state of it.
    if (violations.length === 0 || violations.every((v) => v.noWitness === true)) break;
    const violated = new Set(violations.map((v) => v.propertyId));
    const left = open.filter((id) => !violated.has(id));
    // Every violation names a property the run checked, so the runs end.
    if (left.length === open.length) throw new Error(`a run decided none of ${open.join(', ')}`);
    open = left;
  }
  return ends;
}
