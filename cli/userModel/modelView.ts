/**
 * How a report shows the states and threads of a model it knows nothing about. A model's own
 * `describe` wins; a program model without `describeShared`, and a plain model without `describe`,
 * are shown as their state's JSON flattened to one field per leaf (`flag[0]`, `turn`), so a trace
 * lists exactly the variables each step changed; a program thread's frame local shows as
 * `<thread>.local` while it is not 0.
 */
import type { StateView } from '../../model/ActionView.js';
import type { Model } from '../../model/Model.js';
import type { ThreadSpec } from '../../model/program/ThreadSpec.js';

type Leaf = string | number | boolean;

/** The parts of a ProgramModel a report uses, recognised by shape (it may come from another copy of the kit). */
interface ProgramLike {
  readonly spec: { readonly threads: readonly ThreadSpec[]; readonly describeShared?: unknown };
  frames?(state: unknown, tid: number): readonly { readonly frame: { readonly local: number } }[];
  finished?(state: unknown, tid: number): boolean;
  location?(state: unknown, tid: number): string;
}

/** The model's threads when it is a program model, else undefined. */
export function programThreads(model: Model<unknown, unknown>): readonly ThreadSpec[] | undefined {
  const spec = (model as Partial<ProgramLike>).spec;
  return spec !== undefined && Array.isArray(spec.threads) ? spec.threads : undefined;
}

/** A plain JavaScript value: Immutable values converted deeply. */
function plain(value: unknown): unknown {
  const js = value as { toJS?: () => unknown } | null;
  return typeof js === 'object' && js !== null && typeof js.toJS === 'function' ? js.toJS() : value;
}

function leaf(value: unknown): Leaf {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
}

function flattenInto(value: unknown, path: string, out: Record<string, Leaf>): void {
  const entries = Array.isArray(value)
    ? value.map((v, i): [string, unknown] => [`${path}[${i}]`, v])
    : typeof value === 'object' && value !== null
      ? Object.entries(value).map(([k, v]): [string, unknown] => [path === '' ? k : `${path}.${k}`, v])
      : undefined;
  if (entries === undefined || entries.length === 0) {
    out[path === '' ? 'state' : path] = leaf(value);
    return;
  }
  for (const [p, v] of entries) flattenInto(v, p, out);
}

/** `value` (Immutable or plain) as one field per leaf. */
export function flatView(value: unknown): StateView {
  const out: Record<string, Leaf> = {};
  flattenInto(plain(value), '', out);
  return out;
}

function programView(model: Model<unknown, unknown>, program: ProgramLike, state: unknown): StateView {
  const shared = (state as { shared?: unknown }).shared;
  const view: Record<string, Leaf> = {
    ...(program.spec.describeShared !== undefined && model.describe ? model.describe(state) : flatView(shared)),
  };
  program.spec.threads.forEach((t, tid) => {
    const top = program.frames?.(state, tid).at(-1);
    if (top !== undefined && top.frame.local !== 0) view[`${t.name}.local`] = top.frame.local; // 0: unused, or reset
  });
  return view;
}

/** The view of a state of `model` for traces. */
export function stateView(model: Model<unknown, unknown>, state: unknown): StateView {
  if (programThreads(model) !== undefined) return programView(model, model as unknown as ProgramLike, state);
  return model.describe ? model.describe(state) : flatView(state);
}

/** `model` with `describe` replaced by `stateView`: what renderSteps needs to show its traces. */
export function viewModel(model: Model<unknown, unknown>): Model<unknown, unknown> {
  return {
    initStates: () => model.initStates(),
    actions: (s) => model.actions(s),
    nextState: (s, a) => model.nextState(s, a),
    properties: () => model.properties(),
    describe: (s) => stateView(model, s),
    ...(model.actionView ? { actionView: (s: unknown, a: unknown) => model.actionView!(s, a) } : {}),
    ...(model.formatAction ? { formatAction: (s: unknown, a: unknown) => model.formatAction!(s, a) } : {}),
  };
}

/** Where each thread of a program model stands in `state` (its next step's function, or `done`); none for a plain model. */
export function threadLocations(model: Model<unknown, unknown>, state: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const program = model as unknown as Partial<ProgramLike>;
  programThreads(model)?.forEach((t, tid) => {
    out[t.name] = program.finished?.(state, tid) === true ? 'done' : (program.location?.(state, tid) ?? 'done');
  });
  return out;
}
