/** Runs the checker on a loaded model file and gathers everything its reports need. */
import { check } from '../../checker/check.js';
import type { CheckOptions } from '../../checker/CheckOptions.js';
import type { IncompleteOutcome, Outcome } from '../../checker/Outcome.js';
import { propertiesOf } from '../../checker/modelContract.js';
import { renderSteps, type RenderedStep } from '../../checker/renderSteps.js';
import type { Trace } from '../../checker/Trace.js';
import type { StateView } from '../../model/ActionView.js';
import type { Model } from '../../model/Model.js';
import type { Property } from '../../model/Property.js';
import type { ThreadSpec } from '../../model/program/ThreadSpec.js';
import type { LoadedModel } from './loadModelFile.js';
import { programThreads, stateView, viewModel } from './modelView.js';

/** A witness of a `sometimes` property, rendered. */
export interface RenderedWitness {
  readonly propertyId: string;
  readonly propertyName: string;
  /** The view of the trace's initial state. */
  readonly initial: StateView;
  readonly steps: readonly RenderedStep[];
}

/** A finished run of a model file. */
export interface UserModelRun {
  readonly loaded: LoadedModel;
  /** The program model's threads, or undefined for a plain model. */
  readonly threads: readonly ThreadSpec[] | undefined;
  /** The properties checked, in the model's order. */
  readonly properties: readonly Property<unknown>[];
  readonly outcome: Outcome<unknown, unknown>;
  /** The counterexample (or the trace to a model error), if any. */
  readonly trace: Trace<unknown, unknown> | undefined;
  /** The view of the initial state of the counterexample (or trace to a model error), if any. */
  readonly initial: StateView | undefined;
  /** The counterexample (or the trace to a model error), rendered. */
  readonly steps: readonly RenderedStep[];
  readonly witnesses: readonly RenderedWitness[];
  /** The command that reproduces this run. */
  readonly command: string;
}

/** The model's properties for the report; none when properties() throws or breaks the contract (the outcome is then a model error). */
function propertiesOrNone(model: Model<unknown, unknown>): readonly Property<unknown>[] {
  try {
    return propertiesOf(model);
  } catch {
    return [];
  }
}

/** `model` checking only `properties` (a subset of its own). */
export function restricted(
  model: Model<unknown, unknown>,
  properties: readonly Property<unknown>[],
): Model<unknown, unknown> {
  return Object.assign(Object.create(model) as Model<unknown, unknown>, { properties: () => properties });
}

/** Checks `loaded` with `options`, for `properties` (a subset of its own, in its order) when given. */
export function checkModelFile(
  loaded: LoadedModel,
  selected: readonly Property<unknown>[] | undefined,
  options: Partial<CheckOptions>,
  command: string,
): UserModelRun {
  const model = selected === undefined ? loaded.model : restricted(loaded.model, selected);
  const outcome = check(model, options);
  const properties = selected ?? propertiesOrNone(loaded.model);
  const viewer = viewModel(loaded.model);
  const trace = outcome.kind === 'violation' || outcome.kind === 'modelError' ? outcome.trace : undefined;
  const witnesses = outcome.kind === 'ok' ? (outcome.witnesses ?? []) : [];
  return {
    loaded,
    threads: programThreads(loaded.model),
    properties,
    outcome,
    trace,
    initial: trace === undefined ? undefined : stateView(loaded.model, trace.initial),
    steps: trace === undefined ? [] : renderSteps(viewer, trace),
    witnesses: witnesses.map((w) => ({
      propertyId: w.propertyId,
      propertyName: w.propertyName,
      initial: stateView(loaded.model, w.trace.initial),
      steps: renderSteps(viewer, w.trace),
    })),
    command,
  };
}

/** A run of `loaded` that ended with `outcome` before a verdict: what a report of it needs. */
export function incompleteModelRun(
  loaded: LoadedModel,
  properties: readonly Property<unknown>[],
  outcome: IncompleteOutcome,
  command: string,
): UserModelRun {
  return {
    loaded,
    threads: programThreads(loaded.model),
    properties,
    outcome,
    trace: undefined,
    initial: undefined,
    steps: [],
    witnesses: [],
    command,
  };
}
