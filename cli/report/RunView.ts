/**
 * One view of a finished run, the same for a kernel scenario and a model file: what every report
 * format reads (text, json, itf, sarif, dot, html, explain). A format that takes a RunView works
 * for both. What only one kind of run has is empty for the other (a scenario's set-up references
 * and expected verdict, a model file's witnesses) or sits in `origin`; what both have in their
 * own form the view gives ready-made (the text header, the JSON report's `scenario`/`model`).
 */
import type { Model } from '../../model/Model.js';
import type { IncompleteReason, Outcome, Violation } from '../../checker/Outcome.js';
import type { Trace } from '../../checker/Trace.js';
import type { RenderedStep } from '../../model/RenderedStep.js';
import type { StepReference } from '../../model/kernel/explainViolation.js';
import type { Expectation, Scenario } from '../../model/kernel/Scenario.js';
import type { Property } from '../../model/Property.js';
import type { StateView } from '../../model/ActionView.js';
import type { TraceThread } from '../render/TraceView.js';
import type { StateVars } from '../formats/stateVars.js';
import type { CoverageTable } from '../render/coverageReport.js';

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
  readonly kind: Property<unknown>['kind'];
}

/** A witness of a `sometimes` property, rendered. */
export interface RenderedWitness {
  readonly propertyId: string;
  readonly propertyName: string;
  /** The view of the trace's initial state. */
  readonly initial: StateView;
  readonly steps: readonly RenderedStep[];
}

/** What a scenario file expects, and whether the run matched it (undefined when the run is undecided). */
export interface RunExpectation {
  readonly expect: Expectation;
  readonly matches: boolean | undefined;
}

/**
 * What a simulation (`simulate`) adds to its run's report: how the walks went, which walk found the
 * violation, and how far its trace was shortened, which decides what the counterexample may be called.
 */
export interface SimulationNote {
  /** The text report's lines after the header. */
  readonly lines: readonly string[];
  /** What the counterexample is, in every format: `shortest counterexample`, `shortened counterexample` or `the walk's counterexample`. */
  readonly counterexample: string;
  /** The text report's statistics line (walks and steps rather than a search's levels). */
  readonly stats: string;
  /** The JSON report's `simulation` field. */
  readonly json: Readonly<Record<string, unknown>>;
}

/** One violated property of a run that went on after its first violation (`check --continue`). */
export interface ViolationEntry {
  readonly violation: Violation;
  /** The run as if it had ended with this property's counterexample, its violation first (no `continued` of its own). */
  readonly view: RunView;
  /** Which counterexample it is, from 0 in the order found: properties violated at one state share one. */
  readonly counterexample: number;
}

/** What a run that went on after its first violation found: every violated property, in the order found. */
export interface ContinuedView {
  /** One per violated property; the first is the run's own violation. */
  readonly entries: readonly ViolationEntry[];
  /** Why the search for more stopped before covering the space: the properties not listed are then not proven. */
  readonly incomplete?: IncompleteReason;
  readonly runs: number;
  readonly distinctInAllRuns: number;
  readonly elapsedMsInAllRuns: number;
}

/** A finished run as the report formats see it. */
export interface RunView {
  /** The model as checked (with the properties checked), for a format that explores it again (`--graph`). */
  readonly model: Model<unknown, unknown>;
  /**
   * The model whose `describe` and `actionView` name a state's fields and a step, as traces and
   * model errors show them (a model file's own `describe` may be missing or partial).
   */
  readonly viewer: Model<unknown, unknown>;
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
  /** Witnesses of the `sometimes` properties of an ok run. */
  readonly witnesses: readonly RenderedWitness[];
  /** The scenario file's expected verdict; undefined when it states none (a model file never does). */
  readonly expectation?: RunExpectation;
  /** Thread name → the step after which it had finished, for a column layout's lifelines. */
  readonly finishedAt?: ReadonlyMap<string, number>;
  /**
   * The fairness the liveness properties were judged under, --fairness or the model's own (`weak`,
   * `weak (t1: none)`); undefined when the run checks no liveness property.
   */
  readonly fairness?: string;
  /** The text reports' header: what was checked (the scenario with its kernel versions, or the model file). */
  readonly header: readonly string[];
  /** The JSON report's `scenario` and `model` fields: the one that describes the run, the other null. */
  readonly subject: { readonly scenario: unknown; readonly model: unknown };
  /** The command that reproduces the run. */
  readonly command: string;
  /** Set for a run of `check --continue` that found a violation: every property found violated, each with its view. */
  readonly continued?: ContinuedView;
  /** Set for a run of `simulate`: its walks, and what its counterexample is (a check's is a shortest one). */
  readonly simulation?: SimulationNote;
  /** Statement coverage, with `check --coverage`: the text and JSON reports show it, the other formats do not. */
  readonly coverage?: CoverageTable;
  /** The trace's first state, or the model's first initial state when there is no trace. */
  readonly initial: unknown;
  /** The position of `initial` among the model's initial states. */
  readonly initialState: number;
  /** A state's variables: the named view and where each thread stands. */
  stateVars(state: unknown): StateVars;
}

/** What the run's counterexample is: a check's is a shortest one; a simulation's says how it was shortened. */
export function counterexampleName(run: RunView): string {
  return run.simulation?.counterexample ?? 'shortest counterexample';
}

/** The ids of the properties checked, in the order reports list them: the scenario's, or the model's. */
export function checkedIds(run: RunView): readonly string[] {
  return run.origin.kind === 'scenario' ? run.origin.scenario.properties : run.origin.properties;
}

/** Every violated property of `run` with its view: the continued run's entries, else its own violations at its one counterexample. */
export function violationEntries(run: RunView): readonly ViolationEntry[] {
  if (run.continued !== undefined) return run.continued.entries;
  const o = run.outcome;
  return o.kind === 'violation' ? o.violations.map((violation) => ({ violation, view: run, counterexample: 0 })) : [];
}
