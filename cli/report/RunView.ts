/**
 * One view of a finished run, the same for a kernel scenario and a model file: what every report
 * format reads. A format that takes a RunView works for both; what only one kind of run has
 * (a scenario's set-up references, its kernel versions) sits in `origin` or is empty.
 */
import type { Model } from '../../model/Model.js';
import type { Outcome } from '../../checker/Outcome.js';
import type { Trace } from '../../checker/Trace.js';
import type { RenderedStep } from '../../model/RenderedStep.js';
import type { StepReference } from '../../model/kernel/explainViolation.js';
import type { Scenario } from '../../model/kernel/Scenario.js';
import type { TraceThread } from '../render/TraceView.js';
import type { StateVars } from '../formats/stateVars.js';

/** Where a run's model comes from, as a saved trace records it to rebuild the model. */
export type RunOrigin =
  | { readonly kind: 'scenario'; readonly scenario: Scenario }
  | {
      readonly kind: 'modelFile';
      /** The model file, as the user gave it. */
      readonly file: string;
      /** The property ids checked (the model's own, or those chosen with --property). */
      readonly properties: readonly string[];
    };

/** A property as reports name it. */
export interface PropertyRef {
  readonly id: string;
  readonly name: string;
}

/** A finished run as the report formats see it. */
export interface RunView {
  /** The model as checked (with the properties checked), for a format that explores it again (`--graph`). */
  readonly model: Model<unknown, unknown>;
  /** The scenario's or the model's name. */
  readonly name: string;
  readonly description?: string;
  readonly origin: RunOrigin;
  /** Every thread of the model, in model order; none for a model without threads. */
  readonly threads: readonly TraceThread[];
  /** The properties checked, in reporting order. */
  readonly properties: readonly PropertyRef[];
  readonly outcome: Outcome<unknown, unknown>;
  /** The counterexample (or the trace to a model error), if any. */
  readonly trace: Trace<unknown, unknown> | undefined;
  /** `trace`, rendered. */
  readonly steps: readonly RenderedStep[];
  /** Earlier steps that set the violation up (a model file has none). */
  readonly references: readonly StepReference[];
  /** The command that reproduces the run. */
  readonly command: string;
  /** The trace's first state, or the model's first initial state when there is no trace. */
  readonly initial: unknown;
  /** The position of `initial` among the model's initial states. */
  readonly initialState: number;
  /** A state's variables: the named view and where each thread stands. */
  stateVars(state: unknown): StateVars;
}
