/**
 * The outcome of a simulation whose walk found something: the walk is taken again on the model's
 * values from its action indices (as a search rebuilds its counterexample), so the trace holds
 * the states every report shows, and the properties are asked again at its last state. A walk that
 * does not replay, or whose last state violates nothing, means the model is not deterministic.
 */
import type { Model } from '../../model/Model.js';
import { propertiesOf } from '../modelContract.js';
import { modelErrorOutcome } from '../modelErrorOutcome.js';
import type { Outcome, Violation } from '../Outcome.js';
import { PropertyChecker } from '../PropertyChecker.js';
import { replay } from '../replay.js';
import type { Stats } from '../Stats.js';
import type { Trace } from '../Trace.js';
import type { FoundWalk } from './WalkBatch.js';

/** Every property violated at the end of `trace`, as a search reports them there, in `properties()` order. */
export function violationsAtEnd<S, A>(model: Model<S, A>, trace: Trace<S, A>): Violation[] {
  const props = new PropertyChecker(model, propertiesOf(model));
  const states = [trace.initial, ...trace.steps.map((s) => s.state)];
  const last = states[states.length - 1] as S;
  const countActions = props.watchesDeadlock || props.terminal.length > 0;
  const actionCount = countActions ? model.actions(last).length : -1;
  const held = props.terminal.length > 0 ? states.reduce((mask, s) => mask | props.terminalAt(s), 0) : 0;
  const unmet = actionCount === 0 ? props.allTerminal & ~held : 0;
  return props.violationsAt(last, props.isDeadlock(last, actionCount), unmet);
}

/** The outcome of the walk `found`, taken again on `model`, with the simulation's `stats`. */
export function walkOutcome<S, A>(model: Model<S, A>, found: FoundWalk, stats: Stats): Outcome<S, A> {
  let trace: Trace<S, A>;
  try {
    trace = replay(model, found.initial, found.path);
  } catch (error) {
    return modelErrorOutcome<S, A>(error, stats, undefined, undefined); // a ReplayError says the model is not deterministic
  }
  const last = trace.steps[trace.steps.length - 1]?.state ?? trace.initial;
  if (found.kind === 'modelError') {
    const action = actionAt(model, last, found.actionIndex ?? -1);
    return modelErrorOutcome(new Error(found.message), stats, action, () => trace);
  }
  const violations = violationsAtEnd(model, trace);
  if (violations.length === 0)
    return modelErrorOutcome(
      nondeterministic(`the last state of walk ${found.walk} violates no property when the walk is taken again`),
      stats,
      undefined,
      () => trace,
    );
  return { kind: 'violation', violations, trace, stats };
}

function nondeterministic(what: string): Error {
  return new Error(
    `the model is not deterministic: ${what}; ` +
      'actions() must list the same actions in the same order for equal states, and nextState() must be pure',
  );
}

function actionAt<S, A>(model: Model<S, A>, state: S, index: number): A | undefined {
  if (index < 0) return undefined;
  try {
    return model.actions(state)[index];
  } catch {
    return undefined; // the error being reported matters more than the action's name
  }
}
