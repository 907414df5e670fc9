/**
 * The reachable state graph as liveness needs it, in typed arrays and nothing else: for each state
 * (by id, in breadth-first order) its outgoing edges in action order, each with its target and the
 * fairness group that takes it, what the liveness properties say of the state, and whether it was
 * expanded at all. No state value is kept: a counterexample is rebuilt by replaying action indices
 * (an edge's position among its state's edges is its action index).
 *
 * Memory: 9 bytes a state and 6 bytes an edge, besides the seen set.
 */

/** The state lies outside the model's boundary: neither checked nor expanded, so its runs are unknown. */
export const OUTSIDE = 1;
/** The state was checked; with no edges, it ends every run that reaches it. */
export const VISITED = 2;

/** A growable graph in compressed sparse rows; states are added in id order. */
export class StateGraph {
  /** `targets[first[s] … first[s + 1])` are the successors of state s. */
  private first = new Int32Array(1024);
  private targetIds = new Int32Array(4096);
  private edgeGroups = new Uint16Array(4096);
  private labelBits = new Uint32Array(1024);
  private stateFlags = new Uint8Array(1024);
  private states = 0;
  private edges = 0;
  /** The root states, with the index of the initial state each is. */
  readonly roots: { readonly id: number; readonly initialIndex: number }[] = [];

  get stateCount(): number {
    return this.states;
  }

  get edgeCount(): number {
    return this.edges;
  }

  get bytes(): number {
    return (
      this.first.byteLength +
      this.targetIds.byteLength +
      this.edgeGroups.byteLength +
      this.labelBits.byteLength +
      this.stateFlags.byteLength
    );
  }

  /** Opens state `id` (the next one in id order, or later: states in between get no edges). */
  open(id: number, flags: number, labels: number): void {
    while (this.states <= id) {
      if (this.states + 2 > this.first.length) this.growStates();
      this.first[this.states] = this.edges;
      this.states++;
      this.first[this.states] = this.edges;
    }
    this.stateFlags[id] = flags;
    this.labelBits[id] = labels;
  }

  /** Adds an edge from the last opened state to `target`, taken by fairness group `group`. */
  addEdge(target: number, group: number): void {
    if (this.edges === this.targetIds.length) this.growEdges();
    this.targetIds[this.edges] = target;
    this.edgeGroups[this.edges] = group;
    this.edges++;
    this.first[this.states] = this.edges;
  }

  /** The index of state `s`'s first edge; its edges end at `edgeEnd(s)`. */
  edgeStart(s: number): number {
    return this.first[s]!;
  }

  edgeEnd(s: number): number {
    return s < this.states ? this.first[s + 1]! : this.first[this.states]!;
  }

  target(e: number): number {
    return this.targetIds[e]!;
  }

  group(e: number): number {
    return this.edgeGroups[e]!;
  }

  labels(s: number): number {
    return s < this.states ? this.labelBits[s]! : 0;
  }

  flags(s: number): number {
    return s < this.states ? this.stateFlags[s]! : 0;
  }

  private growStates(): void {
    const size = 2 * this.first.length;
    this.first = grown(this.first, new Int32Array(size));
    this.labelBits = grown(this.labelBits, new Uint32Array(size));
    this.stateFlags = grown(this.stateFlags, new Uint8Array(size));
  }

  private growEdges(): void {
    const size = 2 * this.targetIds.length;
    this.targetIds = grown(this.targetIds, new Int32Array(size));
    this.edgeGroups = grown(this.edgeGroups, new Uint16Array(size));
  }
}

function grown<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
