/**
 * What the search records for liveness as it goes: every state it visits, with what each liveness
 * property says of it (two label bits a property: triggered, answered), and every edge, to an old
 * state or a new one, with the fairness group that takes it. The search stays the one
 * breadth-first search; the analysis (`analyseLiveness`) runs on the finished graph.
 */
import type { Model } from '../../model/Model.js';
import type { LivenessProperty } from '../../model/Property.js';
import { holdsResult } from '../modelContract.js';
import type { Expansion } from '../search/Expansion.js';
import { FairnessGroups } from './FairnessGroups.js';
import { OUTSIDE, StateGraph, VISITED } from './StateGraph.js';

/** The most liveness properties a model may have: two label bits each in 32. */
export const MAX_LIVENESS_PROPERTIES = 16;

/** Label bit of property `i`: it is triggered at the state (always set for `eventually` roots, see ObligationSearch). */
export function triggerBit(i: number): number {
  return 1 << (2 * i);
}

/** Label bit of property `i`: what it asks for holds at the state. */
export function responseBit(i: number): number {
  return 1 << (2 * i + 1);
}

/** Records the state graph of one search for its liveness properties. */
export class LivenessRecorder<S, A> {
  readonly graph = new StateGraph();
  readonly groups: FairnessGroups<S, A>;

  constructor(
    model: Model<S, A>,
    readonly properties: readonly LivenessProperty<S>[],
  ) {
    if (properties.length > MAX_LIVENESS_PROPERTIES)
      throw new RangeError(
        `the model has ${properties.length} liveness properties; at most ${MAX_LIVENESS_PROPERTIES} are supported`,
      );
    this.groups = new FairnessGroups(model);
    this.allPacked = properties.every(
      (p) => p.packed !== undefined && (p.kind === 'eventually' || p.packed.trigger !== undefined),
    );
  }

  // Every property has packed tests: a packed form's states are labelled without being decoded.
  private readonly allPacked: boolean;

  /** Bytes held by the graph. */
  get bytes(): number {
    return this.graph.bytes;
  }

  /** State `id` is initial state `initialIndex`. */
  root(id: number, initialIndex: number): void {
    this.graph.roots.push({ id, initialIndex });
  }

  /** State `id`, loaded in `x` and checked, is about to be expanded (its edges follow). */
  visit(id: number, x: Expansion<S, A>): void {
    const view = this.allPacked ? x.packedView?.() : undefined;
    this.graph.open(id, VISITED, view !== undefined ? this.packedLabelsOf(view) : this.labelsOf(x.state()));
  }

  /** State `id` lies outside the model's boundary. */
  outside(id: number): void {
    this.graph.open(id, OUTSIDE, 0);
  }

  /** The `k`-th action of the state loaded in `x` (the last visited) leads to state `target`. */
  edge(x: Expansion<S, A>, k: number, target: number): void {
    this.graph.addEdge(target, this.groups.of(x, k));
  }

  private packedLabelsOf(view: unknown): number {
    let labels = 0;
    const properties = this.properties;
    for (let i = 0; i < properties.length; i++) {
      const tests = properties[i]!.packed!;
      if (tests.trigger?.(view as never)) labels |= triggerBit(i);
      if (tests.response(view as never)) labels |= responseBit(i);
    }
    return labels >>> 0;
  }

  private labelsOf(state: S): number {
    let labels = 0;
    const properties = this.properties;
    for (let i = 0; i < properties.length; i++) {
      const p = properties[i]!;
      if (p.kind === 'eventually') {
        if (holds(p, 'check', p.holds(state))) labels |= responseBit(i);
      } else {
        if (holds(p, 'trigger', p.trigger(state))) labels |= triggerBit(i);
        if (holds(p, 'response', p.response(state))) labels |= responseBit(i);
      }
    }
    return labels >>> 0;
  }
}

function holds(property: LivenessProperty<unknown>, check: string, returned: unknown): boolean {
  return returned === true || (returned !== false && holdsResult(property, returned, check));
}
