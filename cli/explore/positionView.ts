/**
 * What the page shows at one position of a path: the steps taken so far (who moved, the function
 * and statement, the fields each changed), each thread's next step — the actions it can take, or
 * why it cannot move —, the state's named view with the fields the last step changed, and every
 * property's status at this state. Built from the model interface alone (actionView, describe,
 * properties), so kernel scenarios and model files get the same page.
 */
import { diffViews, viewOf, type FieldChange } from '../../checker/renderSteps.js';
import type { ActionView, StateView } from '../../model/ActionView.js';
import type { Model } from '../../model/Model.js';
import { propertiesOf } from '../../checker/modelContract.js';
import { kernelSourceFile } from '../formats/kernelSourceFile.js';
import { explainStatement } from '../render/kernelGlossary.js';
import type { ExploreTarget } from './exploreTarget.js';
import { isDeadlock, propertyStatuses, type PropertyStatus } from './propertyStatus.js';
import type { Replayed } from './replayPath.js';
import { threadLensOf } from './threadLens.js';
import { waitReason } from './waitReason.js';

/** A statement as the page shows it. */
export interface StatementView {
  readonly fn: string;
  readonly code: string;
  readonly kind?: string;
  /** What the statement does, in kernel terms (kernel scenarios only; '' when the glossary has nothing). */
  readonly explains?: string;
  /** The kernel source file of the function, when the model knows it. */
  readonly file?: string;
}

/** One step of the path. */
export interface PathStepView extends StatementView {
  readonly step: number;
  readonly action: number;
  readonly thread: string;
  readonly changes: readonly FieldChange[];
}

/** An action a thread can take here: its index in the state's enabled actions, and its statement. */
export interface OptionView extends StatementView {
  readonly action: number;
}

/** A thread at this position. */
export interface ThreadView {
  readonly name: string;
  readonly cpu?: number;
  readonly status: 'enabled' | 'blocked' | 'done';
  readonly options: readonly OptionView[];
  /** Where a thread that cannot move stands, and why it cannot. */
  readonly pending?: readonly StatementView[];
  readonly location?: string;
  readonly reason?: string;
}

/** Everything the page shows at one position. */
export interface PositionView {
  readonly init: number;
  readonly path: readonly number[];
  /** The step the rest describes: the state after it (0: the initial state). */
  readonly at: number;
  readonly steps: readonly PathStepView[];
  readonly threads: readonly ThreadView[];
  readonly view: StateView;
  readonly changed: readonly string[];
  readonly properties: readonly PropertyStatus[];
  readonly enabled: number;
  readonly deadlock: boolean;
  readonly final: boolean;
  /** False for a state outside the model's bounded space (the checker neither checks nor expands it). */
  readonly withinBoundary: boolean;
}

/**
 * The named view of `state`: the model's own; for a program model without one (a model file's
 * `describeShared` is optional), each field of its shared state, so the page still shows the state.
 */
function namedView(model: Model<unknown, unknown>, state: unknown): StateView {
  const view = viewOf(model, state);
  if (Object.keys(view).length > 0) return view;
  const shared = (state as { shared?: { toJSON?: () => unknown } } | undefined)?.shared;
  const fields = typeof shared?.toJSON === 'function' ? shared.toJSON() : undefined;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return view;
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(fields))
    out[k] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  return out;
}

/** A statement of `target`, with the kernel glossary's words and file where it has them. */
function statement(target: ExploreTarget, v: ActionView | undefined, fallback: string): StatementView {
  const fn = v?.fn ?? '';
  const code = v?.code ?? fallback;
  if (target.srcu === undefined) return { fn, code, ...(v?.kind === undefined ? {} : { kind: v.kind }) };
  const explains = explainStatement({
    step: 0,
    thread: v?.thread ?? '',
    fn,
    code,
    changes: [],
    ...(v?.kind === undefined ? {} : { kind: v.kind }),
  });
  const file = kernelSourceFile(fn, target.srcu);
  return {
    fn,
    code,
    ...(v?.kind === undefined ? {} : { kind: v.kind }),
    explains,
    ...(file === undefined ? {} : { file }),
  };
}

function actionViewOf(model: Model<unknown, unknown>, state: unknown, action: unknown): ActionView | undefined {
  return model.actionView?.(state, action);
}

function fallbackText(model: Model<unknown, unknown>, state: unknown, action: unknown): string {
  return model.formatAction?.(state, action) ?? String(action);
}

function optionsOf(
  target: ExploreTarget,
  state: unknown,
  enabled: readonly unknown[],
): (OptionView & { thread: string; cpu?: number })[] {
  const model = target.model;
  return enabled.map((a, action) => {
    const v = actionViewOf(model, state, a);
    return {
      action,
      thread: v?.thread ?? '',
      ...(v?.cpu === undefined ? {} : { cpu: v.cpu }),
      ...statement(target, v, fallbackText(model, state, a)),
    };
  });
}

/** Each thread with what it can do: a program model's threads in order; else the threads its actions name. */
function threadsAt(target: ExploreTarget, state: unknown, enabled: readonly unknown[], view: StateView): ThreadView[] {
  const options = optionsOf(target, state, enabled);
  const lens = threadLensOf(target.model);
  const strip = ({ thread: _t, cpu: _c, ...o }: OptionView & { thread: string; cpu?: number }): OptionView => o;
  if (lens === undefined) {
    const names = [...new Set(options.map((o) => o.thread))];
    return names.map((name) => ({
      name: name || 'actions',
      status: 'enabled' as const,
      options: options.filter((o) => o.thread === name).map(strip),
    }));
  }
  return lens.threads.map((spec, tid) => {
    const cpu = spec.cpu === undefined ? {} : { cpu: spec.cpu };
    const own = options.filter((o) => o.thread === spec.name).map(strip);
    if (own.length) return { name: spec.name, ...cpu, status: 'enabled' as const, options: own };
    if (lens.finished(state, tid))
      return { name: spec.name, ...cpu, status: 'done' as const, options: [], reason: 'done' };
    const pending = lens.pendingSteps(state, tid);
    const reason =
      (target.srcu !== undefined ? waitReason(view, spec.name, pending) : undefined) ??
      (spec.daemon === true ? 'idle (a daemon with nothing to do)' : 'waiting (no step enabled)');
    return {
      name: spec.name,
      ...cpu,
      status: 'blocked' as const,
      options: [],
      pending: pending.map((p) => statement(target, p, '')),
      location: lens.location(state, tid),
      reason,
    };
  });
}

/** The page's view of the path `replayed`, at its step `at` (0: the initial state; default: its end). */
export function positionView(target: ExploreTarget, replayed: Replayed, at = replayed.path.length): PositionView {
  const model = target.model;
  const views = replayed.states.map((s) => namedView(model, s));
  const steps: PathStepView[] = replayed.path.map((action, i) => {
    const state = replayed.states[i];
    const a = replayed.actions[i]![action];
    const v = actionViewOf(model, state, a);
    return {
      step: i + 1,
      action,
      thread: v?.thread ?? '',
      ...statement(target, v, fallbackText(model, state, a)),
      changes: diffViews(views[i]!, views[i + 1]!),
    };
  });
  const k = at;
  const state = replayed.states[k];
  const enabled = replayed.actions[k]!;
  const view = views[k]!;
  return {
    init: replayed.init,
    path: replayed.path,
    at,
    steps,
    threads: threadsAt(target, state, enabled, view),
    view,
    changed: k === 0 ? [] : steps[k - 1]!.changes.map((c) => c.field),
    properties: propertyStatuses(model, propertiesOf(model), state, enabled.length),
    enabled: enabled.length,
    deadlock: isDeadlock(model, state, enabled.length),
    final: enabled.length === 0 && (model.isFinal?.(state) ?? false),
    withinBoundary: model.withinBoundary?.(state) ?? true,
  };
}
