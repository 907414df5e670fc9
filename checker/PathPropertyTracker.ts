/**
 * The search-wide side of the properties that are not about one state alone: which `sometimes`
 * properties have a witness yet (and at which state id), and, per stored state, which `eventually`
 * properties held somewhere on the trace that first reached it. The explorer tells it of each
 * discovered state (`inherit`) and each visited one (`visit`).
 */
import type { PropertyChecker } from './PropertyChecker.js';
import { StateBits, type StateFlags } from './StateBits.js';

/** Tracks witnesses of `sometimes` and the per-state marks of `eventually` during one search. */
export class PathPropertyTracker<S> {
  /** False when the model has neither kind: the explorer can skip every call. */
  readonly active: boolean;
  /** True when the model has `eventually` properties: terminal states must count their actions. */
  readonly watchesTerminal: boolean;
  private pending: number; // `sometimes` properties without a witness yet
  private readonly witnessIds: number[];
  private readonly marks: StateFlags | undefined;

  constructor(private readonly props: PropertyChecker<S>) {
    const sometimes = props.reachability.length;
    const eventually = props.terminal.length;
    this.watchesTerminal = eventually > 0;
    this.active = sometimes > 0 || eventually > 0;
    this.pending = sometimes >= 32 ? 0xffff_ffff : (1 << sometimes) - 1;
    this.witnessIds = Array.from({ length: sometimes }, () => -1);
    this.marks = eventually > 0 ? new StateBits(eventually) : undefined;
  }

  /** Bytes held by the per-state marks. */
  get bytes(): number {
    return this.marks?.bytes ?? 0;
  }

  /** State `id` was discovered from `parentId`: it starts with what held on its parent's trace. */
  inherit(id: number, parentId: number): void {
    if (this.marks !== undefined) this.marks.set(id, this.marks.get(parentId));
  }

  /**
   * Visits state `id` (checked, within the boundary) with `actionCount` enabled actions: records
   * the witnesses it is the first for, adds what holds at it to its marks, and returns true when it
   * is terminal and the trace to it never satisfied some `eventually` property.
   */
  visit(state: S, id: number, actionCount: number): boolean {
    if (this.pending !== 0) this.recordWitnesses(state, id);
    const marks = this.marks;
    if (marks === undefined) return false;
    const held = marks.get(id) | this.props.terminalAt(state);
    marks.set(id, held);
    return actionCount === 0 && (this.props.allTerminal & ~held) !== 0;
  }

  /** The `eventually` properties (a mask) never satisfied on the trace to terminal state `id`; 0 when it is not terminal. */
  unmetAt(state: S, id: number, actionCount: number): number {
    if (this.marks === undefined || actionCount !== 0) return 0;
    return this.props.allTerminal & ~(this.marks.get(id) | this.props.terminalAt(state));
  }

  /** The witness state id of each `sometimes` property, in order; -1 where none was found. */
  witnesses(): readonly number[] {
    return this.witnessIds;
  }

  private recordWitnesses(state: S, id: number): void {
    const found = this.props.witnessesAt(state, this.pending);
    if (found === 0) return;
    for (let i = 0; i < this.witnessIds.length; i++) if ((found & (1 << i)) !== 0) this.witnessIds[i] = id;
    this.pending = (this.pending & ~found) >>> 0;
  }
}
