/**
 * Replays a saved trace against the model rebuilt from its scenario: each step must be enabled and
 * each state must match the saved one, variable by variable. The first difference is reported as a
 * mismatch naming the step (0 for the initial state) and the field.
 */
import type { ReplayedLasso } from '../render/replayOpening.js';
import { loopFairness } from './loopFairness.js';
import type { Model } from '../../model/Model.js';
import { InputError } from '../../model/InputError.js';
import { QUOTE_MAX_CHARS, capText } from '../../model/safeText.js';
import { buildKernelModel, type KernelModel, type KernelModelState } from '../../properties/buildKernelModel.js';
import { explainViolation, type StepReference } from '../../model/kernel/explainViolation.js';
import { renderSteps, viewOf, type RenderedStep } from '../../checker/renderSteps.js';
import type { Trace, TraceStep } from '../../checker/Trace.js';
import type { Violation } from '../../checker/Outcome.js';
import type { SavedState, SavedTrace } from './readItfTrace.js';
import { stateVars, type StateVars } from './stateVars.js';
import { violationsAtEnd } from './violationsAtEnd.js';
import { encoderOf } from '../../checker/search/SearchForm.js';
import { fingerprint } from '../../checker/fingerprint.js';
import { loopState } from '../render/loopMarks.js';

/** A saved trace that the model does not reproduce, at `step` (0: the initial state). */
export class TraceMismatch extends InputError {
  constructor(
    readonly step: number,
    readonly why: string,
    file: string,
  ) {
    super(`trace does not match the model at step ${step}: ${why}`, file);
    this.name = 'TraceMismatch';
  }
}

/** A saved trace replayed on the model. */
export interface ReplayedTrace {
  readonly model: KernelModel;
  readonly trace: Trace<KernelModelState, number>;
  readonly steps: readonly RenderedStep[];
  /** The properties violated at the last state, or along a lasso (empty when it violates none). */
  readonly violations: readonly Violation[];
  /** A lasso's loop start, and whether its loop is weakly fair. */
  readonly lasso?: ReplayedLasso;
  readonly references: readonly StepReference[];
}

/** A value from the file or the model, quoted (and capped: the file's values may be of any length). */
const show = (v: unknown) => capText(JSON.stringify(v) ?? 'nothing', QUOTE_MAX_CHARS);
/** A name or statement from the file, escaped and capped (a kernel statement is shorter). */
const name = (text: string) => capText(text, 200);

/**
 * The properties the replayed trace violates at its last state; the file's word that it ends in a
 * violation the model does not find there is a mismatch.
 */
export function savedViolations<S, A>(
  model: Model<S, A>,
  trace: Trace<S, A>,
  saved: { readonly violations: readonly string[]; readonly file: string },
): Violation[] {
  const violations = violationsAtEnd(model, trace);
  const missing = saved.violations.find((id) => !violations.some((v) => v.propertyId === id));
  if (missing)
    throw new TraceMismatch(
      trace.steps.length,
      `the file says the trace ends in a violation of ${name(missing)}, but ${name(missing)} holds at the model's last state`,
      saved.file,
    );
  return violations;
}

/**
 * `trace` as the lasso the file says it is: its last state must be the state its loop begins at,
 * by the model's canonical encoding (fingerprints of the encodings, as the checker compares
 * states); a file whose loop does not close is refused. A trace the file calls no lasso is returned as it is.
 */
export function savedLasso<S, A>(
  model: Model<S, A>,
  trace: Trace<S, A>,
  saved: SavedTrace,
  varsOf: (state: S) => StateVars,
): Trace<S, A> {
  const start = saved.cycleStart;
  if (start === undefined) return trace;
  const states = [trace.initial, ...trace.steps.map((s) => s.state)];
  const last = states[states.length - 1]!;
  const encode = encoderOf(model);
  const [a, b] = [fingerprint(states[start]!, encode), fingerprint(last, encode)];
  if (a.hi !== b.hi || a.lo !== b.lo) {
    const diff =
      difference(saved.states[start]!, varsOf(last)) ?? 'they differ in a part of the state the trace does not show';
    throw new TraceMismatch(
      trace.steps.length,
      `the file says the trace loops back to ${loopState(start)} (loop ${start}), but the last state is not that state: ${diff.replace(' in the file but ', ' there but ').replace(' in the model', ' at the end')}`,
      saved.file,
    );
  }
  return { ...trace, cycleStart: start };
}

/** What a replayed trace says of its lasso: nothing for a trace that is none. */
export function lassoOf<S, A>(model: Model<S, A>, trace: Trace<S, A>): { lasso?: ReplayedLasso } {
  if (trace.cycleStart === undefined) return {};
  return { lasso: { cycleStart: trace.cycleStart, fairness: loopFairness(model, trace) } };
}

/** The first difference between the saved variables and the model's, in words; undefined when they match. */
export function difference(saved: SavedState, actual: StateVars): string | undefined {
  for (const [field, value] of Object.entries(actual.view)) {
    if (!(field in saved.view)) return `the model has the field ${field} (${show(value)}), the file does not`;
    if (saved.view[field] !== value)
      return `${field} is ${show(saved.view[field])} in the file but ${show(value)} in the model`;
  }
  const unknown = Object.keys(saved.view).find((f) => !(f in actual.view));
  if (unknown) return `the file has a field ${name(unknown)} that the model does not`;
  for (const [thread, at] of Object.entries(actual.threads)) {
    if (saved.threads[thread] !== at)
      return `thread ${thread} is at ${show(saved.threads[thread] ?? null)} in the file but at ${show(at)} in the model`;
  }
  const extra = Object.keys(saved.threads).find((t) => !(t in actual.threads));
  return extra ? `the file has a thread ${name(extra)} that the model does not` : undefined;
}

function takeStep(model: KernelModel, saved: SavedTrace, state: KernelModelState, n: number): number {
  const s = saved.steps[n - 1]!;
  const names = model.spec.threads.map((t) => t.name);
  const tid = names.indexOf(s.thread);
  if (tid < 0)
    throw new TraceMismatch(n, `the model has no thread ${name(s.thread)} (it has ${names.join(', ')})`, saved.file);
  const enabled = model.actions(state);
  if (!enabled.includes(tid)) {
    const movers = enabled.map((t) => names[t]).join(', ') || 'none';
    throw new TraceMismatch(
      n,
      `${s.thread} cannot move here: it waits in ${model.location(state, tid)} (threads that can move: ${movers})`,
      saved.file,
    );
  }
  const view = model.actionView(state, tid);
  if ((s.code !== undefined && s.code !== view.code) || (s.fn !== undefined && s.fn !== view.fn)) {
    throw new TraceMismatch(
      n,
      `the file says ${s.thread} runs ${name(s.fn ?? '?')}: ${name(s.code ?? '?')}, but its next step in the model is ${view.fn}: ${view.code}`,
      saved.file,
    );
  }
  return tid;
}

/**
 * The initial state the trace starts from, among the model's `inits`; throws TraceMismatch when
 * it does not exist or its variables (`varsOf`) differ from the saved ones.
 */
export function savedInitialState<S>(saved: SavedTrace, inits: readonly S[], varsOf: (state: S) => StateVars): S {
  const initial = inits[saved.initialState];
  if (initial === undefined)
    throw new TraceMismatch(
      0,
      `initial state ${saved.initialState} does not exist (the model has ${inits.length})`,
      saved.file,
    );
  const first = difference(saved.states[0]!, varsOf(initial));
  if (first) throw new TraceMismatch(0, `in the initial state, ${first}`, saved.file);
  return initial;
}

/** Replays `saved` on the model of its scenario; throws TraceMismatch at the first difference. */
export function replaySavedTrace(saved: SavedTrace): ReplayedTrace {
  if (saved.origin.kind !== 'scenario')
    throw new InputError('the trace was written for a model file, not a kernel scenario', saved.file);
  const model = buildKernelModel(saved.origin.scenario);
  const initial = savedInitialState(saved, model.initStates(), (state) => stateVars(model, state));
  const steps: TraceStep<KernelModelState, number>[] = [];
  let state = initial;
  for (let n = 1; n < saved.states.length; n++) {
    const tid = takeStep(model, saved, state, n);
    state = model.nextState(state, tid);
    const diff = difference(saved.states[n]!, stateVars(model, state));
    if (diff) throw new TraceMismatch(n, `after ${saved.steps[n - 1]!.thread}'s step, ${diff}`, saved.file);
    steps.push({ action: tid, state });
  }
  const trace = savedLasso(model, { initial, steps }, saved, (s) => stateVars(model, s));
  const violations = savedViolations(model, trace, saved);
  const rendered = renderSteps(model, trace);
  const references = violations.length
    ? explainViolation(rendered, state.shared, {
        property: violations[0]?.propertyId,
        message: violations[0]?.message,
        initial: viewOf(model, initial),
      })
    : [];
  return { model, trace, steps: rendered, violations, references, ...lassoOf(model, trace) };
}
