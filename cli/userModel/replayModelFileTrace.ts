/**
 * Replays a trace saved from a model file on the model rebuilt from that file. Actions are values
 * the file cannot hold, so each step is found among the actions enabled in the model by what the
 * trace shows of it (thread, function, statement) and by the state it leads to; the first step or
 * state the model does not reproduce is a TraceMismatch, as for a scenario's trace.
 */
import type { ReplayedLasso } from '../render/replayOpening.js';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { InputError } from '../../model/InputError.js';
import { capText } from '../../model/safeText.js';
import type { Model } from '../../model/Model.js';
import type { Property } from '../../model/Property.js';
import type { Violation } from '../../checker/Outcome.js';
import type { Trace, TraceStep } from '../../checker/Trace.js';
import { renderSteps, type RenderedStep } from '../../checker/renderSteps.js';
import { propertiesOf } from '../../checker/modelContract.js';
import {
  difference,
  lassoOf,
  savedInitialState,
  savedLasso,
  savedViolations,
  TraceMismatch,
} from '../formats/replaySavedTrace.js';
import type { SavedStep, SavedTrace } from '../formats/readItfTrace.js';
import type { StateVars } from '../formats/stateVars.js';
import { loadModelFile, type LoadedModel } from './loadModelFile.js';
import { stateView, threadLocations, viewModel } from './modelView.js';
import { restricted } from './UserModelRun.js';

/** A saved trace replayed on its model file. */
export interface ReplayedModelTrace {
  readonly loaded: LoadedModel;
  readonly trace: Trace<unknown, unknown>;
  readonly steps: readonly RenderedStep[];
  /** The properties violated at the last state, or along a lasso (empty when it violates none). */
  readonly violations: readonly Violation[];
  /** A lasso's loop start, and whether its loop is weakly fair. */
  readonly lasso?: ReplayedLasso;
}

const name = (text: string) => capText(text, 200);

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * The path of the model file the trace names, as replay looks for it: from the trace file's
 * directory as the trace recorded it (`fromTrace`, written with `--out`); else the path as given
 * (`file`), from the working directory; else `file` from the trace file's directory. Shown as
 * given when that is the same file. A file found in none of these places is refused, naming them.
 */
export function traceModelPath(saved: SavedTrace): string {
  if (saved.origin.kind !== 'modelFile')
    throw new InputError('the trace was written for a kernel scenario', saved.file);
  const file = saved.origin.file;
  const dir = dirname(saved.file);
  const places = [
    ...(saved.modelFromTrace === undefined ? [] : [normalize(join(dir, saved.modelFromTrace))]),
    file,
    ...(isAbsolute(file) ? [] : [normalize(join(dir, file))]),
  ].filter((p, i, all) => all.indexOf(p) === i);
  const found = places.find((p) => existsSync(p));
  if (found === undefined)
    throw new InputError(
      `the trace was written for the model file ${name(file)} (#meta.mmucheck.model.file), which is not there: looked for ${places.map(name).join(', ')}; restore it, or run replay from the directory it was checked in`,
      saved.file,
    );
  return found !== file && sameFile(found, file) ? file : found;
}

/** Loads the model file the trace names (see traceModelPath); a file that is not there is refused, naming it. */
export async function loadTraceModel(saved: SavedTrace): Promise<LoadedModel> {
  return loadModelFile(traceModelPath(saved));
}

/** The properties the trace was checked for, in the model's order; an id the model lacks is a mismatch. */
function checkedProperties(loaded: LoadedModel, ids: readonly string[], file: string): readonly Property<unknown>[] {
  const all = propertiesOf(loaded.model);
  const missing = ids.find((id) => !all.some((p) => p.id === id));
  if (missing !== undefined) throw new TraceMismatch(0, `the model has no property ${name(missing)}`, file);
  return all.filter((p) => ids.includes(p.id));
}

function varsOf(model: Model<unknown, unknown>, state: unknown): StateVars {
  return { view: stateView(model, state), threads: threadLocations(model, state) };
}

/** Does the rendered step show what the file says of it? */
function shows(step: RenderedStep, saved: SavedStep): boolean {
  return (
    step.thread === saved.thread &&
    (saved.fn === undefined || saved.fn === step.fn) &&
    (saved.code === undefined || saved.code === step.code)
  );
}

/** The step from `state` that the file's step `n` stands for, and the state it leads to. */
function takeStep(
  model: Model<unknown, unknown>,
  saved: SavedTrace,
  state: unknown,
  n: number,
): TraceStep<unknown, unknown> {
  const s = saved.steps[n - 1]!;
  const viewer = viewModel(model);
  const candidates = model.actions(state).map((action) => {
    const next = model.nextState(state, action);
    const [step] = renderSteps(viewer, { initial: state, steps: [{ action, state: next }] });
    return { action, state: next, step: step! };
  });
  const matching = candidates.filter((c) => shows(c.step, s));
  if (matching.length === 0) {
    const enabled = candidates.map((c) => `${c.step.thread ? `${c.step.thread}: ` : ''}${c.step.code}`).join('; ');
    const said = `${s.thread ? `${s.thread}: ` : ''}${s.fn ? `${s.fn}: ` : ''}${s.code ?? '?'}`;
    throw new TraceMismatch(
      n,
      `the file's step ${name(said)} is not enabled in the model (enabled: ${name(enabled || 'none')})`,
      saved.file,
    );
  }
  const found = matching.find((c) => difference(saved.states[n]!, varsOf(model, c.state)) === undefined);
  if (found === undefined) {
    const diff = difference(saved.states[n]!, varsOf(model, matching[0]!.state));
    throw new TraceMismatch(n, `after ${name(s.thread || 'the')} step, ${diff}`, saved.file);
  }
  return { action: found.action, state: found.state };
}

/** Replays `saved` on `loaded`; throws TraceMismatch at the first difference. */
export function replayModelFileTrace(saved: SavedTrace, loaded: LoadedModel): ReplayedModelTrace {
  const ids = saved.origin.kind === 'modelFile' ? saved.origin.properties : [];
  const model = restricted(loaded.model, checkedProperties(loaded, ids, saved.file));
  const initial = savedInitialState(saved, model.initStates(), (state) => varsOf(model, state));
  const steps: TraceStep<unknown, unknown>[] = [];
  let state: unknown = initial;
  for (let n = 1; n < saved.states.length; n++) {
    const step = takeStep(model, saved, state, n);
    steps.push(step);
    state = step.state;
  }
  const trace = savedLasso(model, { initial, steps }, saved, (s) => varsOf(model, s));
  const violations = savedViolations(model, trace, saved);
  return { loaded, trace, steps: renderSteps(viewModel(model), trace), violations, ...lassoOf(model, trace) };
}
