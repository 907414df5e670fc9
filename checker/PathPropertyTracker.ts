/**
 * The search-wide side of `sometimes` properties: which have a witness yet, and at which state id.
 * The explorer tells it of each visited state. (Liveness properties, also about runs rather than
 * states, are judged on the state graph once the search is over: see checker/liveness/.)
 */
import type { PropertyChecker } from './PropertyChecker.js';

/** Tracks the witnesses of `sometimes` properties during one search. */
export class PathPropertyTracker<S> {
  /** False when the model has no `sometimes` property: the explorer can skip every call. */
  readonly active: boolean;
  private pending: number; // `sometimes` properties without a witness yet
  private readonly witnessIds: number[];

  constructor(private readonly props: PropertyChecker<S>) {
    const sometimes = props.reachability.length;
    this.active = sometimes > 0;
    this.pending = sometimes >= 32 ? 0xffff_ffff : (1 << sometimes) - 1;
    this.witnessIds = Array.from({ length: sometimes }, () => -1);
  }

  /** Visits state `id` (checked, within the boundary): records the witnesses it is the first for. */
  visit(state: S, id: number): void {
    if (this.pending === 0) return;
    const found = this.props.witnessesAt(state, this.pending);
    if (found === 0) return;
    for (let i = 0; i < this.witnessIds.length; i++) if ((found & (1 << i)) !== 0) this.witnessIds[i] = id;
    this.pending = (this.pending & ~found) >>> 0;
  }

  /** The witness state id of each `sometimes` property, in order; -1 where none was found. */
  witnesses(): readonly number[] {
    return this.witnessIds;
  }
}
