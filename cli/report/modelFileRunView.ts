/** The run view of a model file's run: no scenario, no set-up references; names and values from the file. */
import { is } from 'immutable';
import { restricted, type UserModelRun } from '../userModel/UserModelRun.js';
import { stateView, threadLocations } from '../userModel/modelView.js';
import type { RunView } from './RunView.js';

/** The model's first initial state, or undefined when it has none (or initStates() throws: a model error). */
function firstInitial(run: UserModelRun): { initial: unknown; index: number } {
  const trace = run.trace;
  let inits: readonly unknown[] = [];
  try {
    inits = run.loaded.model.initStates();
  } catch {
    // the outcome is the model error that says so
  }
  const initial = trace?.initial ?? inits[0];
  return {
    initial,
    index: Math.max(
      0,
      inits.findIndex((s) => is(s, initial)),
    ),
  };
}

/** What the formats read of `run`. */
export function modelFileRunView(run: UserModelRun): RunView {
  const { initial, index } = firstInitial(run);
  const model = run.loaded.model;
  return {
    model: restricted(model, run.properties),
    name: run.loaded.name,
    ...(run.loaded.description === undefined ? {} : { description: run.loaded.description }),
    origin: { kind: 'modelFile', file: run.loaded.file, properties: run.properties.map((p) => p.id) },
    threads: (run.threads ?? []).map((t) => ({ name: t.name })),
    properties: run.properties.map((p) => ({ id: p.id, name: p.name })),
    outcome: run.outcome,
    trace: run.trace,
    steps: run.steps,
    references: [],
    command: run.command,
    initial,
    initialState: index,
    stateVars: (state) => ({ view: stateView(model, state), threads: threadLocations(model, state) }),
  };
}
