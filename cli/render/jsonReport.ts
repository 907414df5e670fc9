/**
 * The machine-readable report (`--format json`), one JSON object, of a kernel scenario's run or a
 * model file's: the same fields for both, `scenario` or `model` describing what was checked (the
 * other null). Its fields are documented in the README; `formatVersion` changes when they change
 * incompatibly.
 */
import { viewOf } from '../../checker/renderSteps.js';
import { raisingStep } from './raisingStep.js';
import { checkedIds, type RunView, type ViolationEntry } from '../report/RunView.js';
import type { Outcome } from '../../checker/Outcome.js';
import { coverageJson } from './coverageReport.js';

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

/** A property's violation with its own trace: an entry of `continued.violations`. */
function entryJson(e: ViolationEntry) {
  const v = e.violation;
  return {
    property: v.propertyId,
    name: v.propertyName,
    message: v.message,
    noWitness: v.noWitness === true,
    counterexample: e.counterexample,
    length: e.view.steps.length,
    initial: e.view.trace === undefined ? null : viewOf(e.view.viewer, e.view.trace.initial),
    trace: e.view.steps,
    references: e.view.references,
  };
}

/** `continued` of a run of `check --continue` that found a violation: every violated property with its trace; null otherwise. */
function continuedJson(run: RunView) {
  const c = run.continued;
  if (c === undefined) return null;
  return {
    runs: c.runs,
    distinctInAllRuns: c.distinctInAllRuns,
    elapsedMsInAllRuns: c.elapsedMsInAllRuns,
    incomplete: c.incomplete ?? null,
    violations: c.entries.map(entryJson),
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
    continued: continuedJson(run),
    ...(run.simulation === undefined ? {} : { simulation: run.simulation.json }),
    ...(run.coverage === undefined ? {} : coverageJson(run.coverage)),
  };
}
