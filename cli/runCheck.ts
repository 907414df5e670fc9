/** Runs the checker on a scenario and gathers everything a report needs. */
import { check } from '../checker/check.js';
import { checkWithWorkers } from '../checker/checkWithWorkers.js';
import type { CheckOptions } from '../checker/CheckOptions.js';
import type { Outcome } from '../checker/Outcome.js';
import { renderSteps, viewOf, type RenderedStep } from '../checker/renderSteps.js';
import { buildKernelModel, type KernelModel, type KernelModelState } from '../properties/buildKernelModel.js';
import { explainViolation, type StepReference } from '../model/kernel/explainViolation.js';
import type { Scenario } from '../model/kernel/Scenario.js';
import { kernelModelSource } from '../properties/kernelModelSource.js';

/** A finished run of one scenario. */
export interface CheckRun {
  readonly scenario: Scenario;
  readonly model: KernelModel;
  readonly outcome: Outcome<KernelModelState, number>;
  /** The command that reproduces this run. */
  readonly command: string;
  /** The counterexample (or the trace to a model error), rendered. */
  readonly steps: readonly RenderedStep[];
  /** Earlier steps that set the violation up. */
  readonly references: readonly StepReference[];
}

/** Checks `scenario` with `options` in this thread. */
export function runCheck(
  scenario: Scenario,
  options: Partial<CheckOptions>,
  command: string,
  model: KernelModel = buildKernelModel(scenario),
): CheckRun {
  return finishRun(scenario, model, check(model, options), command);
}

/**
 * Checks `scenario` with `workers` threads; the result is the same for any number of them. With
 * `sequentialFirst`, a space that ends within that many states is searched on this thread alone.
 */
export async function runCheckWithWorkers(
  scenario: Scenario,
  options: Partial<CheckOptions>,
  command: string,
  workers: number,
  sequentialFirst = 0,
  model: KernelModel = buildKernelModel(scenario),
): Promise<CheckRun> {
  const outcome = await checkWithWorkers(model, kernelModelSource(scenario), { ...options, workers, sequentialFirst });
  return finishRun(scenario, model, outcome, command);
}

/** Renders the trace of a finished run and finds the steps that set its violation up. */
function finishRun(
  scenario: Scenario,
  model: KernelModel,
  outcome: Outcome<KernelModelState, number>,
  command: string,
): CheckRun {
  const trace =
    outcome.kind === 'violation' ? outcome.trace : outcome.kind === 'modelError' ? outcome.trace : undefined;
  const steps = trace ? renderSteps(model, trace) : [];
  const final = trace ? (trace.steps[trace.steps.length - 1]?.state ?? trace.initial) : undefined;
  const references =
    outcome.kind === 'violation' && final && trace
      ? explainViolation(steps, final.shared, {
          property: outcome.violations[0]?.propertyId,
          message: outcome.violations[0]?.message,
          initial: viewOf(model, trace.initial),
        })
      : [];
  return { scenario, model, outcome, command, steps, references };
}

/** Does the outcome match what the scenario file expects? undefined when it states nothing or the run is undecided. */
export function matchesExpectation(run: CheckRun): boolean | undefined {
  const expect = run.scenario.expect;
  const o = run.outcome;
  if (!expect || o.kind === 'incomplete') return undefined;
  if (expect.verdict === 'ok') return o.kind === 'ok';
  return o.kind === 'violation' && o.violations.some((v) => v.propertyId === expect.property);
}
