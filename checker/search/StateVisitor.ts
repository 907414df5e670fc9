/**
 * The one decision every search makes for each state it takes from the frontier: check it, then
 * expand it. Properties are checked when a state is expanded, not when it is discovered: a
 * deadlock is only visible there, so checking everything there makes the first violating state in
 * level order a shortest counterexample whatever kind of violation it is. The successors are
 * handed to a sink, which is what differs between the one-thread search (store them) and a worker
 * (claim them by rank).
 */
import type { PathPropertyTracker } from '../PathPropertyTracker.js';
import type { PropertyChecker } from '../PropertyChecker.js';
import { FingerprintHasher } from '../fingerprint.js';
import { SuccessorBatch, type Warmable } from '../SuccessorBatch.js';
import type { StatementCounter } from '../StatementCoverage.js';
import type { Expansion } from './Expansion.js';
import type { LivenessRecorder } from '../liveness/LivenessRecorder.js';

/** What visiting one state asks of the loop that drives the search. */
export const CONTINUE = 0;
export const VIOLATED = 1;
export const FULL = 2;
export type Verdict = typeof CONTINUE | typeof VIOLATED | typeof FULL;

/** Where the successors of a visited state go. */
export interface SuccessorSink {
  /** Takes successor `k` of `batch`, reached from the state stored as `parentId`; true once the state bound is reached. */
  keep(batch: SuccessorBatch, k: number, parentId: number): boolean;
}

/** What drives a scan over a range of a level: where states come from, when to stop, what to do after each. */
export interface ScanHost extends SuccessorSink {
  /** Loads the state at `position` of the level into the visitor's expansion and returns its id. */
  load(position: number): number;
  /** Whether the scan must stop before visiting `position` (the host decides how often it really looks). */
  mustStop(position: number): boolean;
  /** The state at `position` was checked and expanded. */
  visited(position: number): void;
}

/** How a scan ended: the verdict at `position`, or CONTINUE with `position` where it stopped (the range's end when it finished). */
export interface ScanEnd {
  verdict: Verdict;
  position: number;
}

/** The most actions a state may have enabled in a search, and the error to give beyond them. */
export interface ActionLimit {
  readonly max: number;
  readonly error: (count: number) => Error;
}

/** Checks and expands the states loaded into one expansion. */
export class StateVisitor<S, A> {
  /** A state at the depth bound had successors that were not explored. */
  cutOff = false;
  /** The index of the action being taken, for a model error; -1 between steps. */
  activeAction = -1;
  /** Where the state graph goes when the model has liveness properties (one-thread search only). */
  recorder: LivenessRecorder<S, A> | undefined;
  private readonly batch = new SuccessorBatch();
  private readonly hasher = new FingerprintHasher();

  constructor(
    readonly expansion: Expansion<S, A>,
    private readonly props: PropertyChecker<S>,
    private readonly paths: PathPropertyTracker<S> | undefined,
    private readonly seen: Warmable,
    private readonly limit: ActionLimit,
    /** Statement coverage: counts the statement of every successor built; undefined, nothing is counted. */
    private readonly coverage?: StatementCounter,
  ) {}

  private readonly ended: ScanEnd = { verdict: CONTINUE, position: 0 };

  /**
   * The level loop of every search: visits positions [first, end) of a level in order (the whole
   * level on one thread, a chunk of it in a worker) until one violates, fills the state bound or
   * the host says stop. The returned object is reused by the next scan.
   */
  scan(first: number, end: number, expand: boolean, host: ScanHost): ScanEnd {
    const ended = this.ended;
    ended.verdict = CONTINUE;
    for (let position = first; position < end; position++) {
      if (host.mustStop(position)) {
        ended.position = position;
        return ended;
      }
      const verdict = this.visit(host.load(position), expand, host);
      if (verdict !== CONTINUE) {
        ended.verdict = verdict;
        ended.position = position;
        return ended;
      }
      host.visited(position);
    }
    ended.position = end;
    return ended;
  }

  /**
   * Checks the loaded state, stored as `id`, and, when `expand`, hands its successors to `sink`.
   * A step that throws ends the search, but only after the successors built before it are kept,
   * as a search that stores each successor as it is built would have: the counts include them.
   */
  visit(id: number, expand: boolean, sink: SuccessorSink): Verdict {
    const x = this.expansion;
    const props = this.props;
    this.activeAction = -1;
    if (!x.withinBoundary()) {
      this.recorder?.outside(id);
      return CONTINUE;
    }
    let count: number;
    if (x.needsCheck()) {
      const state = x.state();
      const invariantsHold = props.invariantsHold(state);
      if (!invariantsHold && !props.watchesDeadlock) return VIOLATED;
      count = x.actionCount();
      if (!invariantsHold || props.isDeadlock(state, count)) return VIOLATED;
      if (this.paths?.active) this.paths.visit(state, id);
    } else {
      count = x.actionCount();
    }
    if (this.recorder !== undefined) this.recorder.visit(id, x);
    if (count === 0) return CONTINUE;
    if (!expand) {
      this.cutOff = true;
      return CONTINUE;
    }
    if (count > this.limit.max) throw this.limit.error(count);
    const batch = this.batch;
    let failure: { error: unknown } | undefined;
    try {
      batch.build(x, count, this.hasher, this.seen);
    } catch (error) {
      failure = { error };
    }
    const built = batch.built;
    if (this.coverage !== undefined) x.countStatements(built, this.coverage);
    for (let k = 0; k < built; k++) if (sink.keep(batch, k, id)) return FULL;
    if (failure) {
      this.activeAction = built;
      throw failure.error;
    }
    const fault = x.finishExpansion(id);
    if (fault) {
      this.activeAction = fault.actionIndex;
      throw new Error(fault.message);
    }
    return CONTINUE;
  }
}
