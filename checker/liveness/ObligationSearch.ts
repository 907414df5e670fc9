/**
 * The runs on which one liveness property owes something. A run is *pending* from a state where
 * the property is triggered and not answered (for `eventually`, from the start) until one where it
 * is answered. This breadth-first search over (state, pending?) pairs finds every state a run can
 * be pending in, each with a shortest path there: a counterexample's stem.
 */
import type { StateGraph } from './StateGraph.js';
import { OUTSIDE } from './StateGraph.js';
import { responseBit, triggerBit } from './LivenessRecorder.js';

/** What one property owes: `leadsTo` re-arms after each answer; `eventually` is owed once, from the start. */
export type ObligationKind = 'eventually' | 'leadsTo';

/** A path from an initial state to a pending state; `owedFrom`: the state index (0 the initial) from which it stays pending. */
export interface Stem {
  readonly initialIndex: number;
  readonly actionIndices: readonly number[];
  readonly owedFrom: number;
}

/** The pending states of one property, with shortest paths to them. */
export class ObligationSearch {
  /** Pair p = 2 × state + pending: reached, and by which edge from which pair (-1 for a root). */
  private readonly reached: Uint8Array;
  private readonly parentPair: Int32Array;
  private readonly parentEdge: Int32Array;
  private readonly rootIndex = new Map<number, number>();
  /** The pairs in the order the search reached them. */
  readonly order: Int32Array;
  private count = 0;
  /** The first pair reached whose state lies outside the boundary while something may still be owed, or -1. */
  unknownAt = -1;

  constructor(
    private readonly graph: StateGraph,
    private readonly property: number,
    private readonly kind: ObligationKind,
  ) {
    const pairs = 2 * graph.stateCount;
    this.reached = new Uint8Array(pairs);
    this.parentPair = new Int32Array(pairs);
    this.parentEdge = new Int32Array(pairs);
    this.order = new Int32Array(pairs);
    this.search();
  }

  /** True when a run can be pending at state `s`. */
  pendingAt(s: number): boolean {
    return this.reached[2 * s + 1] === 1;
  }

  /** Pairs reached, the length of `order`'s meaningful part. */
  get size(): number {
    return this.count;
  }

  /**
   * A shortest path to the pending pair of state `s`: the root's initial-state index, then the
   * action index of each step.
   */
  stemTo(s: number): Stem {
    const actionIndices: number[] = [];
    const pairs: number[] = [];
    let pair = 2 * s + 1;
    for (;;) {
      pairs.push(pair);
      const edge = this.parentEdge[pair]!;
      if (edge < 0) break;
      const parent = this.parentPair[pair]!;
      actionIndices.push(edge - this.graph.edgeStart(parent >> 1));
      pair = parent;
    }
    pairs.reverse();
    // The run owes from the state after the last one where it did not.
    let owedFrom = pairs.length;
    while (owedFrom > 0 && (pairs[owedFrom - 1]! & 1) === 1) owedFrom--;
    return { initialIndex: this.rootIndex.get(pair)!, actionIndices: actionIndices.reverse(), owedFrom };
  }

  private search(): void {
    const { graph } = this;
    const trigger = triggerBit(this.property);
    const response = responseBit(this.property);
    const leadsTo = this.kind === 'leadsTo';
    for (const { id, initialIndex } of graph.roots) {
      const labels = graph.labels(id);
      const pending = (leadsTo ? (labels & trigger) !== 0 : true) && (labels & response) === 0;
      if (!pending && !leadsTo) continue; // answered at the start: nothing is ever owed on these runs
      const pair = 2 * id + (pending ? 1 : 0);
      if (this.reached[pair] === 1) continue;
      this.reach(pair, -1, -1);
      this.rootIndex.set(pair, initialIndex);
    }
    for (let head = 0; head < this.count; head++) {
      const pair = this.order[head]!;
      const s = pair >> 1;
      const pending = (pair & 1) === 1;
      if ((graph.flags(s) & OUTSIDE) !== 0) {
        if ((pending || leadsTo) && this.unknownAt < 0) this.unknownAt = pair;
        continue;
      }
      const end = graph.edgeEnd(s);
      for (let e = graph.edgeStart(s); e < end; e++) {
        const t = graph.target(e);
        const labels = graph.labels(t);
        const outside = (graph.flags(t) & OUTSIDE) !== 0;
        let next: boolean; // pending at t
        if (pending) next = outside || (labels & response) === 0;
        else next = !outside && (labels & trigger) !== 0 && (labels & response) === 0;
        if (pending && !next && !leadsTo) continue; // answered: an `eventually` owes nothing more
        const nextPair = 2 * t + (next ? 1 : 0);
        if (this.reached[nextPair] === 0) this.reach(nextPair, pair, e);
      }
    }
  }

  private reach(pair: number, parent: number, edge: number): void {
    this.reached[pair] = 1;
    this.parentPair[pair] = parent;
    this.parentEdge[pair] = edge;
    this.order[this.count++] = pair;
  }
}
