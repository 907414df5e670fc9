/**
 * The liveness verdict on a finished state graph, property by property in the model's order: the
 * first property with a counterexample is reported. A counterexample is a path along which the
 * property stays owed (see ObligationSearch) into a state that ends the run, or into a fair cycle
 * (see FairComponents), whichever the breadth-first search over pending states reaches first, so
 * its stem is a shortest one. A property whose owed runs can leave the model's boundary is
 * undecided, never "holds".
 */
import type { FairnessKind } from '../../model/Fairness.js';
import { FairComponents } from './FairComponents.js';
import { fairCycle } from './fairCycle.js';
import { ObligationSearch, type ObligationKind, type Stem } from './ObligationSearch.js';
import { OUTSIDE, type StateGraph } from './StateGraph.js';

/** What the graph says of one property. */
export type LivenessFinding =
  | { readonly verdict: 'holds' }
  | { readonly verdict: 'undecided' }
  | {
      readonly verdict: 'violated';
      readonly stem: Stem;
      /** The action indices of the loop that repeats forever, or undefined when the run ends. */
      readonly cycle: readonly number[] | undefined;
      /** Fairness groups that take a step of the loop, by name, for the message. */
      readonly movers: readonly string[];
    };

/** The finding for property `index` (of kind `kind`) under fairness `kinds` (by group). */
export function analyseProperty(
  graph: StateGraph,
  index: number,
  kind: ObligationKind,
  kinds: readonly FairnessKind[],
  groupNames: readonly string[],
): LivenessFinding {
  const owed = new ObligationSearch(graph, index, kind);
  const members: number[] = [];
  for (let i = 0; i < owed.size; i++) {
    const pair = owed.order[i]!;
    if ((pair & 1) === 1 && (graph.flags(pair >> 1) & OUTSIDE) === 0) members.push(pair >> 1);
  }
  const fair = new FairComponents(graph, kinds, Int32Array.from(members));
  for (let i = 0; i < owed.size; i++) {
    const pair = owed.order[i]!;
    if ((pair & 1) === 0) continue;
    const s = pair >> 1;
    if ((graph.flags(s) & OUTSIDE) !== 0) continue;
    const ends = graph.edgeStart(s) === graph.edgeEnd(s);
    if (!ends && fair.componentOf[s]! < 0) continue;
    const stem = owed.stemTo(s);
    if (ends) return { verdict: 'violated', stem, cycle: undefined, movers: [] };
    const edges = fairCycle(graph, fair, kinds, s);
    const cycle: number[] = [];
    const movers = new Set<string>();
    let from = s;
    for (const e of edges) {
      cycle.push(e - graph.edgeStart(from));
      movers.add(groupNames[graph.group(e)] ?? String(graph.group(e)));
      from = graph.target(e);
    }
    return { verdict: 'violated', stem, cycle, movers: [...movers] };
  }
  return owed.unknownAt >= 0 ? { verdict: 'undecided' } : { verdict: 'holds' };
}
