/**
 * The outcome of a search that found a state violating a property: every property the state
 * violates, the shortest trace to it, and the statistics the search had at the start of its level.
 * One function for every search, so a violation reads the same whichever search found it.
 */
import type { Model } from '../model/Model.js';
import type { Outcome } from './Outcome.js';
import type { PropertyChecker } from './PropertyChecker.js';
import { rebuildTrace, type TraceSource } from './rebuildTrace.js';
import type { Stats } from './Stats.js';

/** The violation at `state`, stored as `id`. */
export function violationOutcome<S, A>(
  model: Model<S, A>,
  props: PropertyChecker<S>,
  source: TraceSource<S>,
  state: S,
  id: number,
  stats: Stats,
): Outcome<S, A> {
  const actionCount = props.watchesDeadlock ? model.actions(state).length : -1;
  const deadlocked = props.isDeadlock(state, actionCount);
  const violations = props.violationsAt(state, deadlocked);
  const trace = rebuildTrace(model, source, id, state);
  return { kind: 'violation', violations, trace, stats };
}
