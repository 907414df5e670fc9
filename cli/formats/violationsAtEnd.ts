/** The properties a trace violates at its last state, judged as the checker judges a state it reaches. */
import { DEADLOCK_MESSAGE } from '../../checker/PropertyChecker.js';
import type { Violation } from '../../checker/Outcome.js';
import type { Trace } from '../../checker/Trace.js';
import type { Model } from '../../model/Model.js';
import { isLiveness } from '../../model/Property.js';

/**
 * Invariants at the last state; deadlock freedom when no thread can move there and the state is not
 * a proper end; `eventually` when the trace ends in such a terminal state without ever satisfying
 * it. `sometimes` is about the whole search, not one trace, and is not judged here.
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
    else if (p.kind === 'eventually' && terminal && !states.some((s) => p.holds(s)))
      message = `the trace ends without ${p.name}`;
    if (message !== undefined) violations.push({ propertyId: p.id, propertyName: p.name, message });
  }
  // As the checker judges: liveness only where no state property fails, since a search that finds one ends there.
  const safety = violations.filter((v) => !livenessIds.has(v.propertyId));
  return safety.length > 0 ? safety : violations;
}
