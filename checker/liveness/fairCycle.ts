/**
 * A fair cycle through a given state of a fair component: the loop of a lasso counterexample. It
 * starts at the entry, goes (by shortest paths inside the component) to wherever an unmet fairness
 * demand can be met — a state where a weakly fair group is disabled, or an inner edge of a group
 * that must move — and returns to the entry, until every group is treated fairly on the cycle.
 * Each detour meets one demand for good, so at most one detour per group is made.
 */
import type { FairnessKind } from '../../model/Fairness.js';
import type { FairComponents } from './FairComponents.js';
import type { StateGraph } from './StateGraph.js';

/** The cycle's edges, in order, from `entry` back to it. */
export function fairCycle(
  graph: StateGraph,
  fair: FairComponents,
  kinds: readonly FairnessKind[],
  entry: number,
): number[] {
  const component = fair.componentOf[entry]!;
  const inside = (s: number): boolean => fair.componentOf[s] === component;
  const groups = kinds.length;
  const taken = new Uint8Array(groups);
  const enabledEverywhere = new Uint8Array(groups).fill(1); // on every state of the cycle so far
  const enabledSomewhere = new Uint8Array(groups);
  const cycle: number[] = [];
  const enabledHere = new Uint8Array(groups);
  const visit = (s: number): void => {
    enabledHere.fill(0);
    fair.enabledGroups(s, (g) => {
      enabledHere[g] = 1;
      enabledSomewhere[g] = 1;
    });
    for (let g = 0; g < groups; g++) if (enabledHere[g] === 0) enabledEverywhere[g] = 0;
  };
  const walk = (edges: readonly number[]): void => {
    for (const e of edges) {
      cycle.push(e);
      taken[graph.group(e)] = 1;
      visit(graph.target(e));
    }
  };
  const unmet = (): number => {
    for (let g = 0; g < groups; g++) {
      if (taken[g] === 1) continue;
      if (kinds[g] === 'weak' && enabledEverywhere[g] === 1) return g;
      if (kinds[g] === 'strong' && enabledSomewhere[g] === 1) return g;
    }
    return -1;
  };
  visit(entry);
  let at = entry;
  for (let round = 0; ; round++) {
    if (round > 4 * groups + 4) throw new Error('internal: no fair cycle through a fair component');
    const g = unmet();
    if (g < 0) {
      if (at === entry && cycle.length > 0) return cycle;
      walk(shortestPath(graph, inside, at, (s) => s === entry, cycle.length === 0 && at === entry));
      at = entry;
      continue;
    }
    // Reach a state where g is disabled (weak only) or the source of an inner edge of g, then take that edge.
    const innerEdgeOf = (s: number): number => {
      const end = graph.edgeEnd(s);
      for (let e = graph.edgeStart(s); e < end; e++) if (graph.group(e) === g && inside(graph.target(e))) return e;
      return -1;
    };
    const disables = (s: number): boolean => {
      let enabled = false;
      fair.enabledGroups(s, (h) => {
        if (h === g) enabled = true;
      });
      return !enabled;
    };
    const meets = (s: number): boolean => (kinds[g] === 'weak' && disables(s)) || innerEdgeOf(s) >= 0;
    walk(shortestPath(graph, inside, at, meets, false));
    at = cycle.length > 0 ? graph.target(cycle[cycle.length - 1]!) : at;
    if (!(kinds[g] === 'weak' && disables(at))) {
      const e = innerEdgeOf(at);
      walk([e]);
      at = graph.target(e);
    }
  }
}

/**
 * The edges of a shortest path inside the component from `from` to a state where `goal` holds
 * (`from` itself, unless `atLeastOneStep`).
 */
function shortestPath(
  graph: StateGraph,
  inside: (s: number) => boolean,
  from: number,
  goal: (s: number) => boolean,
  atLeastOneStep: boolean,
): number[] {
  if (!atLeastOneStep && goal(from)) return [];
  const viaEdge = new Map<number, number>(); // state → the edge that first reached it
  const viaState = new Map<number, number>(); // state → that edge's source
  const queue: number[] = [from];
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    const end = graph.edgeEnd(s);
    for (let e = graph.edgeStart(s); e < end; e++) {
      const t = graph.target(e);
      if (!inside(t) || viaEdge.has(t) || (t === from && !atLeastOneStep)) continue;
      viaEdge.set(t, e);
      viaState.set(t, s);
      if (goal(t)) {
        const edges: number[] = [];
        let at = t;
        do {
          edges.push(viaEdge.get(at)!);
          at = viaState.get(at)!;
        } while (at !== from);
        return edges.reverse();
      }
      queue.push(t);
    }
  }
  throw new Error('internal: a fair component is not strongly connected');
}
