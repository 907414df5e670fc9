/** The run view of a model file's run: no scenario, no set-up references; names and values from the file. */
import { is } from 'immutable';
import type { Outcome } from '../../checker/Outcome.js';
import { renderSteps } from '../../checker/renderSteps.js';
import type { Model } from '../../model/Model.js';
import { describeFairness, NO_FAIRNESS } from '../../model/Fairness.js';
import { isLiveness } from '../../model/Property.js';
import { escapeText as t } from '../../model/safeText.js';
import { restricted, type UserModelRun } from '../userModel/UserModelRun.js';
import { modelHeader } from '../userModel/modelHeader.js';
import { programThreads, stateView, threadLocations, viewModel } from '../userModel/modelView.js';
import type { RenderedWitness, RunView } from './RunView.js';

/** The model's first initial state, or undefined when it has none (or initStates() throws: a model error). */
function firstInitial(model: Model<unknown, unknown>, traced: unknown): { initial: unknown; index: number } {
  let inits: readonly unknown[] = [];
  try {
    inits = model.initStates();
  } catch {
    // the outcome is the model error that says so
  }
  const initial = traced ?? inits[0];
  return {
    initial,
    index: Math.max(
      0,
      inits.findIndex((s) => is(s, initial)),
    ),
  };
}

/** The witnesses of an ok run's `sometimes` properties, rendered. */
function witnessesOf(o: Outcome<unknown, unknown>, model: Model<unknown, unknown>): RenderedWitness[] {
  const viewer = viewModel(model);
  return (o.kind === 'ok' ? (o.witnesses ?? []) : []).map((w) => ({
    propertyId: w.propertyId,
    propertyName: w.propertyName,
    initial: stateView(model, w.trace.initial),
    steps: renderSteps(viewer, w.trace),
  }));
}

/**
 * The fairness the run's liveness properties were judged under, as the header and the JSON report
 * show it: --fairness when given, else the model's own; undefined when no liveness property is checked.
 */
function fairnessOf(run: UserModelRun): string | undefined {
  if (!run.properties.some(isLiveness)) return undefined;
  if (run.fairness !== undefined) return run.fairness;
  try {
    return describeFairness(run.loaded.model.fairness?.() ?? NO_FAIRNESS);
  } catch {
    return undefined; // a model whose fairness() throws: the check reports that as a model error
  }
}

/** The header's fairness line, when the run checks liveness properties. */
function fairnessLine(fairness: string | undefined, run: UserModelRun): string[] {
  if (fairness === undefined) return [];
  return [`fairness   ${t(fairness)}${run.fairness === undefined ? '' : ' (--fairness)'}`];
}

/** What the formats read of `run`. */
export function modelFileRunView(run: UserModelRun): RunView {
  const { loaded, outcome: o } = run;
  const model = loaded.model;
  const viewer = viewModel(model);
  const trace = o.kind === 'violation' || o.kind === 'modelError' ? o.trace : undefined;
  const { initial, index } = firstInitial(model, trace?.initial);
  const threads = programThreads(model);
  const fairness = fairnessOf(run);
  return {
    model: restricted(model, run.properties),
    viewer,
    name: loaded.name,
    ...(loaded.description === undefined ? {} : { description: loaded.description }),
    origin: { kind: 'modelFile', file: loaded.file, properties: run.properties.map((p) => p.id) },
    threads: (threads ?? []).map((t) => ({ name: t.name })),
    properties: run.properties.map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
    outcome: o,
    trace,
    steps: trace === undefined ? [] : renderSteps(viewer, trace),
    references: [],
    witnesses: witnessesOf(o, model),
    ...(fairness === undefined ? {} : { fairness }),
    header: [...modelHeader(loaded, threads, run.properties), ...fairnessLine(fairness, run)],
    subject: {
      scenario: null,
      model: {
        name: loaded.name,
        description: loaded.description ?? null,
        file: loaded.file,
        threads: threads?.map((t) => ({ name: t.name, cpu: t.cpu ?? null, daemon: t.daemon === true })) ?? null,
        properties: run.properties.map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
      },
    },
    command: run.command,
    initial,
    initialState: index,
    stateVars: (state) => ({ view: stateView(model, state), threads: threadLocations(model, state) }),
  };
}
