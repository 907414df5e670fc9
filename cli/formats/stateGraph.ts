/**
 * The whole reachable state graph of a small model, for `--format dot --graph`. States are told
 * apart by fingerprint, as in the checker, and a state that violates an invariant is kept but not
 * expanded, as the checker does; so for a model whose properties hold, the graph has exactly the
 * checker's distinct states. Given a depth (where a check that found a violation stopped), the
 * states at that depth are drawn but not expanded. A model method that throws while drawing is a
 * `GraphModelError`, with the trace to the state it was drawing.
 */
import { encoderOf } from '../../checker/search/SearchForm.js';
import { fingerprint, fingerprintHex } from '../../checker/fingerprint.js';
import { invariantReason } from '../../checker/modelContract.js';
import { InputError } from '../../model/InputError.js';
import type { Model } from '../../model/Model.js';
import type { Trace } from '../../checker/Trace.js';
import { GraphModelError } from './GraphModelError.js';

/** The most states `--graph` draws. */
export const GRAPH_STATE_LIMIT = 2000;

/** A state of the graph: its number in breadth-first order and what, if anything, it violates. */
export interface GraphNode<S> {
  readonly id: number;
  readonly key: string;
  readonly state: S;
  /** The ids of the properties it violates: invariants, and deadlock freedom at a deadlock. */
  readonly violated: readonly string[];
}

/** A transition: from one node to another, by an action. */
export interface GraphEdge<A> {
  readonly from: number;
  readonly to: number;
  readonly action: A;
}

/** A reachable state graph. */
export interface StateGraph<S, A> {
  readonly nodes: readonly GraphNode<S>[];
  readonly edges: readonly GraphEdge<A>[];
}

/** The properties `state` violates, and whether an invariant is among them (such a state is not expanded). */
function violatedAt<S, A>(model: Model<S, A>, state: S, enabled: number): { ids: string[]; invariant: boolean } {
  const ids: string[] = [];
  let invariant = false;
  for (const p of model.properties()) {
    if (p.kind === 'always' && invariantReason(p, p.violation(state)) !== undefined) {
      ids.push(p.id);
      invariant = true;
    }
    if (p.kind === 'deadlockFree' && enabled === 0 && model.isFinal?.(state) !== true) ids.push(p.id);
  }
  return { ids, invariant };
}

/** Explores every reachable state of `model` (to `depth` steps when given); bad input when there are more than `limit`. */
export function stateGraph<S, A>(model: Model<S, A>, limit = GRAPH_STATE_LIMIT, depth = Infinity): StateGraph<S, A> {
  const encode = encoderOf(model);
  const ids = new Map<string, number>();
  const nodes: GraphNode<S>[] = [];
  const edges: GraphEdge<A>[] = [];
  // How each node was first reached (the edge index; -1 for an initial state) and its depth.
  const reachedBy: number[] = [];
  const depths: number[] = [];
  const add = (state: S, via: number, at: number): number => {
    const key = fingerprintHex(fingerprint(state, encode));
    const known = ids.get(key);
    if (known !== undefined) return known;
    if (nodes.length >= limit) {
      throw new InputError(
        `the state graph has more than ${limit.toLocaleString('en-US')} states; --graph draws graphs of at most ${limit.toLocaleString('en-US')} (drop --graph to draw the counterexample alone, or check a smaller scenario)`,
        undefined,
        '--graph',
      );
    }
    const id = nodes.length;
    ids.set(key, id);
    nodes.push({ id, key, state, violated: [] });
    reachedBy.push(via);
    depths.push(at);
    return id;
  };
  const traceTo = (id: number): Trace<S, A> => {
    const steps: { action: A; state: S }[] = [];
    for (let at = id; reachedBy[at]! >= 0; at = edges[reachedBy[at]!]!.from)
      steps.unshift({ action: edges[reachedBy[at]!]!.action, state: nodes[at]!.state });
    let root = id;
    while (reachedBy[root]! >= 0) root = edges[reachedBy[root]!]!.from;
    return { initial: nodes[root]!.state, steps };
  };
  const initial = drawing(undefined, undefined, () => model.initStates());
  for (const s of initial) if (drawing(undefined, undefined, () => model.withinBoundary?.(s)) !== false) add(s, -1, 0);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    let action: A | undefined;
    drawing(
      () => traceTo(i),
      () => action,
      () => {
        const actions = model.actions(node.state);
        const violated = violatedAt(model, node.state, actions.length);
        if (violated.ids.length) nodes[i] = { ...node, violated: violated.ids };
        if (violated.invariant || depths[i]! >= depth) return;
        for (const a of actions) {
          action = a;
          const next = model.nextState(node.state, a);
          if (model.withinBoundary?.(next) === false) continue;
          edges.push({ from: i, to: -1, action: a });
          const to = add(next, edges.length - 1, depths[i]! + 1);
          edges[edges.length - 1] = { from: i, to, action: a };
        }
        action = undefined;
      },
    );
  }
  return { nodes, edges };
}

/** What `call` returns; what the model throws is a GraphModelError, with the trace and step `where` gives. */
function drawing<T, S, A>(
  traceTo: (() => Trace<S, A>) | undefined,
  action: (() => A | undefined) | undefined,
  call: () => T,
): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const cause = error instanceof Error ? error : new Error(String(error));
    throw new GraphModelError(cause, traceTo?.() as Trace<unknown, unknown> | undefined, action?.());
  }
}
