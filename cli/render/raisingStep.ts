/**
 * Where a model error was raised: the step being taken (its thread, CPU, function and statement)
 * and the state it was taken in, in full. A trace shows only the fields each step changed, but a
 * modeller debugging a throwing step needs the whole state the step saw.
 */
import type { ModelErrorOutcome } from '../../checker/Outcome.js';
import { viewOf } from '../../checker/renderSteps.js';
import type { StateView } from '../../model/ActionView.js';
import type { Model } from '../../model/Model.js';
import type { Palette } from './colour.js';
import { showValue } from './TraceView.js';
import { escapeText } from '../../model/safeText.js';

/** The step that raised a model error, as reports show it. */
export interface RaisingStep {
  readonly thread: string;
  readonly cpu?: number;
  readonly fn: string;
  readonly code: string;
}

/** The state a model error was raised in (the end of its trace), or undefined when there is no trace. */
function stateOf<S, A>(error: ModelErrorOutcome<S, A>): S | undefined {
  const trace = error.trace;
  return trace === undefined ? undefined : (trace.steps[trace.steps.length - 1]?.state ?? trace.initial);
}

/** What a callback of the model gives, or undefined when it throws too (the report must still print). */
function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The step that raised `error`, or undefined when no step was being taken (a property, `actions()` or `encode` of a state threw). */
export function raisingStep<S, A>(model: Model<S, A>, error: ModelErrorOutcome<S, A>): RaisingStep | undefined {
  const state = stateOf(error);
  const action = error.action;
  if (state === undefined || action === undefined) return undefined;
  const view = attempt(() => model.actionView?.(state, action));
  if (view !== undefined)
    return { thread: view.thread, ...(view.cpu === undefined ? {} : { cpu: view.cpu }), fn: view.fn, code: view.code };
  return { thread: '', fn: '', code: attempt(() => model.formatAction?.(state, action)) ?? String(action) };
}

/** The full view of the state `error` was raised in, or undefined when there is no trace. */
export function raisingState<S, A>(model: Model<S, A>, error: ModelErrorOutcome<S, A>): StateView | undefined {
  const state = stateOf(error);
  return state === undefined ? undefined : attempt(() => viewOf(model, state));
}

/** Report lines: the step that raised the error and every field of the state it was taken in. */
export function raisingStepLines<S, A>(model: Model<S, A>, error: ModelErrorOutcome<S, A>, p: Palette): string[] {
  const view = raisingState(model, error);
  if (view === undefined) return [];
  const step = raisingStep(model, error);
  const n = error.trace!.steps.length;
  const reached = n === 0 ? 'the initial state' : `the state after the ${n} step${n === 1 ? '' : 's'} below`;
  const lines: string[] = [];
  if (step === undefined)
    lines.push('', `Raised while checking ${reached} (a property, its enabled actions or its encoding):`);
  else {
    const who = [escapeText(step.thread), step.cpu === undefined ? '' : `cpu${step.cpu}`, p.bold(escapeText(step.fn))]
      .filter((s) => s !== '')
      .join('  ');
    lines.push(
      '',
      'Raised by the step',
      ...(who === '' ? [] : [`    ${who}`]),
      `    ${escapeText(step.code)}`,
      `taken in ${reached}:`,
    );
  }
  for (const [field, value] of Object.entries(view)) lines.push(`    ${escapeText(field)}: ${showValue(value)}`);
  return lines;
}
