/** A kernel scenario's finished run: its outcome with the trace rendered and the steps that set the violation up. */
import type { Outcome } from '../../checker/Outcome.js';
import { renderSteps, viewOf, type RenderedStep } from '../../checker/renderSteps.js';
import type { KernelModel, KernelModelState } from '../../properties/buildKernelModel.js';
import { explainViolation, type StepReference } from '../../model/kernel/explainViolation.js';
import type { Scenario } from '../../model/kernel/Scenario.js';

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

/** Renders the trace of a finished run and finds the steps that set its violation up. */
export function finishRun(
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
