/**
 * The machine-readable report (`--format json`), one JSON object, of a kernel scenario's run or a
 * model file's: the same fields for both, `scenario` or `model` describing what was checked (the
 * other null). Its fields are documented in the README; `formatVersion` changes when they change
 * incompatibly.
 */
import { viewOf } from '../../checker/renderSteps.js';
import { raisingStep } from './raisingStep.js';
import { checkedIds, type RunView } from '../report/RunView.js';
import type { Outcome } from '../../checker/Outcome.js';

/** `verdict`, `property`, `violations` and `reason` of `o`. */
function verdictJson(o: Outcome<unknown, unknown>) {
  return {
    verdict: o.kind === 'modelError' ? 'model-error' : o.kind,
    property: o.kind === 'violation' ? o.violations[0]!.propertyId : null,
    violations:
      o.kind === 'violation'
        ? o.violations.map((v) => ({
            property: v.propertyId,
            name: v.propertyName,
            message: v.message,
            // a `sometimes` property that no reachable state satisfies: a violation without a trace
            noWitness: v.noWitness === true,
          }))
        : [],
    reason: o.kind === 'incomplete' ? o.reason : null,
  };
}

/** The report of one run as a plain JSON value. */
export function jsonReport(run: RunView): unknown {
  const o = run.outcome;
  return {
    formatVersion: 1,
    tool: 'mmucheck',
    scenario: run.subject.scenario,
    model: run.subject.model,
    properties: checkedIds(run),
    ...verdictJson(o),
    // only a run that checks liveness properties says under which fairness it judged them
    ...(run.fairness === undefined ? {} : { fairness: run.fairness }),
    error: o.kind === 'modelError' ? { message: o.message, step: raisingStep(run.viewer, o) ?? null } : null,
    stats: o.stats,
    initial: run.trace === undefined ? null : viewOf(run.viewer, run.trace.initial),
    trace: o.kind === 'violation' || run.steps.length > 0 ? run.steps : null,
    // a lasso: the trace's last state is the state after step cycleStart (0: the initial state) again
    ...(run.trace?.cycleStart === undefined ? {} : { cycleStart: run.trace.cycleStart }),
    references: run.references,
    witnesses:
      o.kind === 'ok'
        ? run.witnesses.map((w) => ({
            property: w.propertyId,
            name: w.propertyName,
            initial: w.initial,
            trace: w.steps,
          }))
        : null,
    expected: run.expectation?.expect ?? null,
    matchesExpected: run.expectation?.matches ?? null,
    reproduce: run.command,
    ...(run.simulation === undefined ? {} : { simulation: run.simulation.json }),
  };
}
