/**
 * "The shortest way to a violation from here" and "the checker's counterexample", on the checker
 * itself: `check` of the model started at the position's state instead of its initial states (a
 * breadth-first search, so a violation it finds is at a shortest distance from here), bounded by a
 * number of distinct states and stopped by a shared word the server raises when the page cancels.
 * The trace it finds is turned back into action indices, the page's form of a path.
 */
import { is } from 'immutable';
import { check } from '../../checker/check.js';
import type { Violation } from '../../checker/Outcome.js';
import type { Trace } from '../../checker/Trace.js';
import type { Model } from '../../model/Model.js';
import type { Property } from '../../model/Property.js';
import { PathReplayer } from './replayPath.js';

/** What a search is asked: from which position, how far, and which properties it looks for. */
export interface SearchRequest {
  readonly init: number;
  readonly path: readonly number[];
  readonly maxStates: number;
  /**
   * `safety`: the invariants and deadlock freedom only, the properties a state can violate (the
   * shortest way to a violation from here); `all`: every property, as `check` runs it from the
   * model's initial states (the checker's counterexample).
   */
  readonly scope: 'safety' | 'all';
}

/** How a search ended: a path to a violation (from the position searched), none, or stopped early. */
export type SearchReply =
  | {
      readonly kind: 'found';
      readonly init: number;
      /** Action indices from the position searched (for `all`, from the initial state `init`). */
      readonly path: readonly number[];
      readonly violations: readonly Violation[];
      readonly distinct: number;
    }
  | { readonly kind: 'none'; readonly distinct: number }
  | { readonly kind: 'incomplete'; readonly reason: string; readonly distinct: number }
  | { readonly kind: 'error'; readonly message: string };

function same(a: unknown, b: unknown): boolean {
  return a === b || is(a, b);
}

/** The action indices of `trace` on `model`. */
function indicesOf(model: Model<unknown, unknown>, trace: Trace<unknown, unknown>): number[] {
  let state = trace.initial;
  return trace.steps.map((step) => {
    const index = model.actions(state).findIndex((a) => same(a, step.action));
    if (index < 0) throw new Error('the trace takes an action the model does not list');
    state = step.state;
    return index;
  });
}

/** `model`, started at `state` instead of its initial states, checking `properties`. */
function startingAt(model: Model<unknown, unknown>, state: unknown, properties: readonly Property<unknown>[]) {
  const m: Model<unknown, unknown> = {
    initStates: () => [state],
    actions: (s) => model.actions(s),
    nextState: (s, a) => model.nextState(s, a),
    properties: () => properties,
  };
  const optional = [
    'withinBoundary',
    'isFinal',
    'formatAction',
    'encode',
    'decode',
    'actionView',
    'describe',
    'packed',
  ] as const;
  // The packed form expands encoded states from whatever state the search starts at.
  for (const name of optional) {
    const method = model[name];
    if (typeof method === 'function') Object.assign(m, { [name]: method.bind(model) });
  }
  return m;
}

/** Runs `request` on `model`; `stopped()` is polled before every state. Never throws. */
export function searchFromPosition(
  model: Model<unknown, unknown>,
  request: SearchRequest,
  stopped: () => boolean,
): SearchReply {
  try {
    const all = model.properties();
    const properties =
      request.scope === 'all' ? all : all.filter((p) => p.kind === 'always' || p.kind === 'deadlockFree');
    const searched =
      request.scope === 'all'
        ? { ...startingAt(model, undefined, properties), initStates: () => model.initStates() }
        : startingAt(model, new PathReplayer(model).replay(request.init, request.path).states.at(-1), properties);
    const outcome = check(searched, { maxStates: request.maxStates, shouldStop: () => stopped() });
    const distinct = outcome.stats.distinct;
    if (outcome.kind === 'ok') return { kind: 'none', distinct };
    if (outcome.kind === 'incomplete') return { kind: 'incomplete', reason: outcome.reason, distinct };
    if (outcome.kind === 'modelError') return { kind: 'error', message: outcome.message };
    const init =
      request.scope === 'all' ? model.initStates().findIndex((s) => same(s, outcome.trace.initial)) : request.init;
    return {
      kind: 'found',
      init: Math.max(0, init),
      path: indicesOf(model, outcome.trace),
      violations: outcome.violations,
      distinct,
    };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}
