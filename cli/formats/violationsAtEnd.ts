/**
 * The properties a trace violates, judged as the checker judges them: at its last state for the
 * properties of states, and along the whole run for the liveness properties, whether the run ends
 * there or is a lasso that loops forever.
 */
import { DEADLOCK_MESSAGE } from '../../checker/PropertyChecker.js';
import type { Violation } from '../../checker/Outcome.js';
import type { Trace } from '../../checker/Trace.js';
import type { Model } from '../../model/Model.js';
import { isLiveness, type LivenessProperty } from '../../model/Property.js';
import { loopBack } from '../render/loopMarks.js';

/** Where an obligation arose, in words: `at the initial state`, `after step 3`. */
const at = (i: number) => (i === 0 ? 'at the initial state' : `after step ${i}`);

/**
 * Why the run of `states` violates `p`, or undefined when it does not. `cycleStart` makes it a
 * lasso, whose states from there on repeat forever; without it the run ends at the last state,
 * which is why it is judged only when no action is enabled there (`terminal`).
 */
function livenessMessage<S>(
  p: LivenessProperty<S>,
  states: readonly S[],
  cycleStart: number | undefined,
  terminal: boolean,
): string | undefined {
  if (cycleStart === undefined && !terminal) return undefined;
  const how =
    cycleStart === undefined
      ? 'the trace ends (no action is enabled)'
      : `the run loops forever (${loopBack(cycleStart)})`;
  if (p.kind === 'eventually')
    return states.some((s) => p.holds(s)) ? undefined : `${how} and ${p.name} at none of its states`;
  // leadsTo: the last trigger not answered then or later; a lasso's loop states recur forever, so a
  // response there answers every trigger, and a trigger there is never answered.
  const loop = cycleStart === undefined ? [] : states.slice(cycleStart);
  if (loop.some((s) => p.response(s))) return undefined;
  let owed: number | undefined;
  for (const [i, s] of states.entries()) {
    if (p.response(s)) owed = undefined;
    else if (p.trigger(s) && owed === undefined) owed = i;
  }
  return owed === undefined ? undefined : `${how} and it is triggered ${at(owed)} and never answered after that`;
}

/**
 * Invariants at the last state; deadlock freedom when no thread can move there and the state is not
 * a proper end; `eventually` and `leadsTo` along a trace that ends in such a terminal state, or
 * along a lasso (see livenessMessage). `sometimes` is about the whole search, not one trace, and
 * is not judged here.
 */
export function violationsAtEnd<S, A>(model: Model<S, A>, trace: Trace<S, A>): Violation[] {
  const last = trace.steps[trace.steps.length - 1]?.state ?? trace.initial;
  const terminal = model.actions(last).length === 0;
  const deadlocked = terminal && model.isFinal?.(last) !== true;
  const states = [trace.initial, ...trace.steps.map((s) => s.state)];
  const violations: Violation[] = [];
  const livenessIds = new Set(
    model
      .properties()
      .filter(isLiveness)
      .map((p) => p.id),
  );
  for (const p of model.properties()) {
    let message: string | undefined;
    if (p.kind === 'always') message = p.violation(last);
    else if (p.kind === 'deadlockFree') message = deadlocked ? DEADLOCK_MESSAGE : undefined;
    else if (p.kind === 'eventually' && trace.cycleStart === undefined)
      message = terminal && !states.some((s) => p.holds(s)) ? `the trace ends without ${p.name}` : undefined;
    else if (p.kind === 'eventually' || p.kind === 'leadsTo')
      message = livenessMessage(p, states, trace.cycleStart, terminal);
    if (message !== undefined) violations.push({ propertyId: p.id, propertyName: p.name, message });
  }
  // As the checker judges: liveness only where no state property fails, since a search that finds one ends there.
  const safety = violations.filter((v) => !livenessIds.has(v.propertyId));
  return safety.length > 0 ? safety : violations;
}
