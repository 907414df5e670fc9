/** Turns a trace into readable steps: who moved, which statement, and only the state fields that changed. */
import type { Model } from '../model/Model.js';
import type { StateView } from '../model/ActionView.js';
import type { Trace } from './Trace.js';
import type { FieldChange, RenderedStep } from '../model/RenderedStep.js';

export type { FieldChange, RenderedStep };

/** The fields whose values differ between two views, in the order of the later view. */
export function diffViews(before: StateView, after: StateView): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, to] of Object.entries(after)) {
    const from = before[field];
    if (from !== to) changes.push({ field, from: from ?? null, to });
  }
  for (const field of Object.keys(before))
    if (!(field in after)) changes.push({ field, from: before[field]!, to: null });
  return changes;
}

/** The view of a state: the model's own, or its JSON form under one field. */
export function viewOf<S, A>(model: Model<S, A>, state: S): StateView {
  if (model.describe) return model.describe(state);
  const json = state as { toJSON?: () => unknown };
  return { state: JSON.stringify(typeof json?.toJSON === 'function' ? json.toJSON() : state) };
}

/** Renders every step of `trace`. */
export function renderSteps<S, A>(model: Model<S, A>, trace: Trace<S, A>): RenderedStep[] {
  let state = trace.initial;
  let view = viewOf(model, state);
  return trace.steps.map((s, i) => {
    const v = model.actionView?.(state, s.action);
    const nextView = viewOf(model, s.state);
    const rendered: RenderedStep = {
      step: i + 1,
      thread: v?.thread ?? '',
      ...(v?.cpu === undefined ? {} : { cpu: v.cpu }),
      fn: v?.fn ?? '',
      code: v?.code ?? model.formatAction?.(state, s.action) ?? String(s.action),
      ...(v?.kind === undefined ? {} : { kind: v.kind }),
      changes: diffViews(view, nextView),
    };
    state = s.state;
    view = nextView;
    return rendered;
  });
}
