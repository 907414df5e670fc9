/**
 * Where a run can stay pending forever, fairly. Among the states where one property is pending,
 * the strongly connected components (Tarjan's algorithm, iterative, over the graph's arrays) are
 * the places a run can loop in; a component holds a fair cycle when
 * - it has an edge inside it (a single state without a self-loop is no cycle);
 * - every weakly fair group is disabled at one of its states or takes one of its inner edges (the
 *   cycle through all of it is then weakly fair, and no smaller cycle is fairer);
 * - every strongly fair group enabled at one of its states takes one of its inner edges. When one
 *   does not, no fair cycle passes the states where it is enabled: they are removed and what is
 *   left is searched again (the Emerson–Lei refinement).
 * The fair components found are numbered in `componentOf`.
 */
import type { FairnessKind } from '../../model/Fairness.js';
import type { StateGraph } from './StateGraph.js';

/** The fair components of a set of states. */
export class FairComponents {
  /** The fair component of each state, or -1. */
  readonly componentOf: Int32Array;
  private components = 0;
  // Scratch, by state: the local index of a state in the current Tarjan run (-1: not in it).
  private readonly local: Int32Array;
  // Scratch, by group.
  private readonly enabledAt: Int32Array;
  private readonly enabledStamp: Int32Array;
  private readonly taken: Uint8Array;

  /** `member(s)`: whether state `s` belongs to the set searched (the states a run can be pending in). */
  constructor(
    private readonly graph: StateGraph,
    private readonly kinds: readonly FairnessKind[],
    members: Int32Array,
  ) {
    const n = graph.stateCount;
    this.componentOf = new Int32Array(n).fill(-1);
    this.local = new Int32Array(n).fill(-1);
    this.enabledAt = new Int32Array(kinds.length);
    this.enabledStamp = new Int32Array(kinds.length).fill(-1);
    this.taken = new Uint8Array(kinds.length);
    this.search(members);
  }

  /** The number of fair components. */
  get count(): number {
    return this.components;
  }

  /** The groups enabled at state `s` (its edges' groups), each reported once, in edge order. */
  enabledGroups(s: number, each: (group: number) => void): void {
    const { graph } = this;
    const end = graph.edgeEnd(s);
    for (let e = graph.edgeStart(s); e < end; e++) {
      const g = graph.group(e);
      if (this.enabledStamp[g] === s) continue;
      this.enabledStamp[g] = s;
      each(g);
    }
    for (let e = graph.edgeStart(s); e < end; e++) this.enabledStamp[graph.group(e)] = -1;
  }

  // Runs Tarjan over `members`, and judges each component found.
  private search(members: Int32Array): void {
    for (const component of this.tarjan(members)) this.judge(component);
  }

  private judge(component: Int32Array): void {
    const { graph, kinds } = this;
    const local = this.local;
    component.forEach((s, i) => {
      local[s] = i;
    });
    const enabledAt = this.enabledAt.fill(0);
    const taken = this.taken.fill(0);
    let inner = false;
    for (const s of component) {
      this.enabledGroups(s, (g) => {
        enabledAt[g]!++;
      });
      const end = graph.edgeEnd(s);
      for (let e = graph.edgeStart(s); e < end; e++) {
        if (local[graph.target(e)]! < 0) continue;
        inner = true;
        taken[graph.group(e)] = 1;
      }
    }
    let fair = inner;
    const bad: number[] = [];
    for (let g = 0; fair && g < kinds.length; g++) {
      if (taken[g] === 1) continue;
      if (kinds[g] === 'weak' && enabledAt[g] === component.length) fair = false;
      else if (kinds[g] === 'strong' && enabledAt[g]! > 0) bad.push(g);
    }
    if (!fair || bad.length === 0) {
      for (const s of component) local[s] = -1;
      if (fair) {
        const id = this.components++;
        for (const s of component) this.componentOf[s] = id;
      }
      return;
    }
    // Strongly fair groups enabled here but never taken: no fair cycle passes where they are enabled.
    const kept: number[] = [];
    for (const s of component) {
      let blocked = false;
      this.enabledGroups(s, (g) => {
        if (bad.includes(g)) blocked = true;
      });
      if (!blocked) kept.push(s);
    }
    for (const s of component) local[s] = -1;
    if (kept.length > 0) this.search(Int32Array.from(kept));
  }

  private hasSelfLoop(s: number): boolean {
    const { graph } = this;
    const end = graph.edgeEnd(s);
    for (let e = graph.edgeStart(s); e < end; e++) if (graph.target(e) === s) return true;
    return false;
  }

  /** The strongly connected components with a cycle, of the subgraph over `members` (edges between members only). */
  private tarjan(members: Int32Array): Int32Array[] {
    const { graph } = this;
    const local = this.local;
    const n = members.length;
    members.forEach((s, i) => {
      local[s] = i;
    });
    const index = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const onStack = new Uint8Array(n);
    const stack = new Int32Array(n);
    const callNode = new Int32Array(n);
    const callEdge = new Int32Array(n);
    let stackSize = 0;
    let counter = 0;
    const found: Int32Array[] = [];
    for (let root = 0; root < n; root++) {
      if (index[root] !== -1) continue;
      let depth = 0;
      callNode[0] = root;
      callEdge[0] = graph.edgeStart(members[root]!);
      index[root] = low[root] = counter++;
      stack[stackSize++] = root;
      onStack[root] = 1;
      while (depth >= 0) {
        const v = callNode[depth]!;
        const end = graph.edgeEnd(members[v]!);
        let e = callEdge[depth]!;
        let descended = false;
        for (; e < end; e++) {
          const w = local[graph.target(e)]!;
          if (w < 0) continue;
          if (index[w] === -1) {
            callEdge[depth] = e + 1;
            depth++;
            callNode[depth] = w;
            callEdge[depth] = graph.edgeStart(members[w]!);
            index[w] = low[w] = counter++;
            stack[stackSize++] = w;
            onStack[w] = 1;
            descended = true;
            break;
          }
          if (onStack[w] === 1 && index[w]! < low[v]!) low[v] = index[w]!;
        }
        if (descended) continue;
        if (low[v] === index[v]) {
          let size = 0;
          while (stack[stackSize - 1 - size] !== v) size++;
          size++;
          const component = new Int32Array(size);
          for (let i = 0; i < size; i++) {
            const w = stack[--stackSize]!;
            onStack[w] = 0;
            component[size - 1 - i] = members[w]!;
          }
          if (size > 1 || this.hasSelfLoop(component[0]!)) found.push(component); // else no cycle: not kept
        }
        depth--;
        if (depth >= 0) {
          const parent = callNode[depth]!;
          if (low[v]! < low[parent]!) low[parent] = low[v]!;
        }
      }
    }
    for (const s of members) local[s] = -1;
    return found;
  }
}
