/**
 * The outcome of a search that covered the whole bounded space without a state violation: `ok`,
 * with a shortest witness for every `sometimes` property, or a violation of the `sometimes`
 * properties that no reachable state satisfied (a vacuous model, usually).
 */
import type { Model } from '../model/Model.js';
import type { Stats } from './Stats.js';
import type { Outcome, Witness } from './Outcome.js';
import type { PropertyChecker } from './PropertyChecker.js';
import type { Trace } from './Trace.js';

/** `witnessIds`: per `sometimes` property, the state id of its witness or -1; `traceTo` rebuilds the trace to a state id. */
export function completeOutcome<S, A>(
  model: Model<S, A>,
  props: PropertyChecker<S>,
  witnessIds: readonly number[],
  traceTo: (id: number) => Trace<S, A>,
  stats: Stats,
): Outcome<S, A> {
  if (props.reachability.length === 0) return { kind: 'ok', stats };
  const found = witnessIds.reduce((mask, id, i) => (id >= 0 ? mask | (1 << i) : mask), 0);
  const missing = props.unwitnessed(found);
  if (missing.length > 0) {
    const trace: Trace<S, A> = { initial: model.initStates()[0] as S, steps: [] };
    return { kind: 'violation', violations: missing, trace, stats };
  }
  const witnesses: Witness<S, A>[] = props.reachability.map((p, i) => ({
    propertyId: p.id,
    propertyName: p.name,
    trace: traceTo(witnessIds[i] as number),
  }));
  return { kind: 'ok', stats, witnesses };
}
