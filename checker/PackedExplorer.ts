/**
 * The breadth-first search over a model's packed form: states stay encoded from discovery to
 * expansion, and only the states the expander flags (a fault, a deadlock, a final state) are
 * decoded for the model's properties. Same order, counts and verdicts as `Explorer`, which stays
 * the search for models without a packed form.
 */
import type { Model } from '../model/Model.js';
import type { PackedExpander } from '../model/PackedExpander.js';
import type { CheckOptions } from './CheckOptions.js';
import type { Stats } from './Stats.js';
import { EncodedFrontier } from './EncodedFrontier.js';
import { SuccessorBatch } from './SuccessorBatch.js';
import { FingerprintHasher } from './fingerprint.js';
import { IntBuffer } from '../model/IntBuffer.js';
import { makeStats } from './makeStats.js';
import type { IncompleteReason, Outcome } from './Outcome.js';
import { PropertyChecker } from './PropertyChecker.js';
import { completeOutcome } from './completeOutcome.js';
import { rebuildTrace, type TraceSource } from './rebuildTrace.js';
import { modelErrorOutcome } from './modelErrorOutcome.js';
import { RunClock } from './RunClock.js';
import type { SeenSet, TraceLinks } from './Stores.js';
import type { Trace } from './Trace.js';
import type { LevelHandoff } from './LevelHandoff.js';
import { ExactSeenSet } from './ExactSeenSet.js';
import type { Encoder } from './fingerprint.js';
import { EncodingAudit } from './EncodingAudit.js';
import { hasValidProperties, initialStatesOf, propertiesOf } from './modelContract.js';

// The clock and the callbacks are consulted once every POLL_MASK + 1 visited states.
const POLL_MASK = 1023;

/** One breadth-first search of a model with a packed form; `run()` once. */
export class PackedExplorer<S, A> {
  private props: PropertyChecker<S>;
  private readonly hasher = new FingerprintHasher();
  private readonly scratch = new IntBuffer(256);
  private readonly batch = new SuccessorBatch();
  private readonly frontier = new EncodedFrontier();
  private readonly clock: RunClock;
  private readonly statsNow = (): Stats => this.stats();
  private readonly expander: PackedExpander;
  // Exact mode: the seen set compares full encodings, so each insertion hands it the encoding too.
  private readonly exact: ExactSeenSet | undefined;
  private generated = 0;
  private depth = -1;
  private levelLeft = 0;
  private levelStart = { generated: 0, distinct: 0, queue: 0 };
  private activeId = -1;
  private activePosition = -1;
  private activeAction = -1;

  constructor(
    private readonly model: Model<S, A>,
    private readonly options: CheckOptions,
    private readonly seen: SeenSet,
    private readonly links: TraceLinks,
    expander: PackedExpander,
  ) {
    this.clock = new RunClock(options);
    this.props = new PropertyChecker<S>(model, []);
    this.expander = expander;
    this.exact = seen instanceof ExactSeenSet ? seen : undefined;
  }

  /** Runs the search to an outcome; model exceptions become a `modelError` outcome. */
  run(): Outcome<S, A> {
    return this.runTo(Infinity) as Outcome<S, A>;
  }

  /**
   * Runs the search until a level ends with at least `handOffAt` states stored and more to
   * explore: it then stops and hands that next level over (the seen set and the trace links hold
   * the rest). A search that ends sooner gives its outcome.
   */
  runTo(handOffAt: number): Outcome<S, A> | LevelHandoff {
    try {
      this.props = new PropertyChecker(this.model, propertiesOf(this.model));
      return this.search(handOffAt);
    } catch (error) {
      if (this.clock.inCallback) throw error;
      return this.modelError(error);
    }
  }

  private search(handOffAt: number): Outcome<S, A> | LevelHandoff {
    if (this.seed()) return this.incomplete('maxStates');
    for (let depth = 0; this.frontier.advance() > 0; depth++) {
      this.depth = depth;
      const outcome = this.exploreLevel();
      if (outcome !== undefined) return outcome;
      if (this.seen.size >= handOffAt && this.frontier.nextSize > 0) return this.handoff();
    }
    const traceTo = (id: number): Trace<S, A> => rebuildTrace(this.model, this.traceSource(), id);
    return completeOutcome(this.model, this.props, [], traceTo, this.stats());
  }

  /** Stores the initial states; true when that already reaches the state bound. */
  private seed(): boolean {
    const initStates = initialStatesOf(this.model);
    const audit = EncodingAudit.of(this.model); // the successors are never built as states: see EncodingAudit
    for (let index = 0; index < initStates.length; index++) {
      if (audit?.pending) audit.check(initStates[index] as S);
      this.scratch.clear();
      this.model.encode!(initStates[index] as S, this.scratch);
      this.generated++;
      const id = this.insert();
      if (id < 0) continue;
      this.links.addRoot(id, index);
      this.frontier.push(this.scratch.data, this.scratch.length, id);
      if (this.seen.size >= this.options.maxStates) return true;
    }
    return false;
  }

  private exploreLevel(): Outcome<S, A> | undefined {
    const frontier = this.frontier;
    const size = frontier.levelSize;
    const expand = this.depth < this.options.maxDepth;
    const expander = this.expander;
    const batch = this.batch;
    this.levelStart = { generated: this.generated, distinct: this.seen.size, queue: size };
    this.levelLeft = size;
    const stop = this.clock.poll(this.statsNow);
    if (stop !== undefined) return this.incomplete(stop);
    let cutOff = false;
    for (let i = 0; i < size; i++) {
      this.levelLeft = size - i;
      if ((i & POLL_MASK) === POLL_MASK || this.clock.stopAsked()) {
        const reason = this.clock.poll(this.statsNow);
        if (reason !== undefined) return this.incomplete(reason);
      }
      const parentId = frontier.idAt(i);
      this.activeId = parentId;
      this.activePosition = i;
      expander.load(frontier.levelData, frontier.startOf(i), frontier.endOf(i));
      const count = expander.actionCount;
      if (expander.needsCheck() && this.violates(i, count)) return this.violation(i, parentId);
      if (count === 0) continue;
      if (!expand) {
        cutOff = true;
        continue;
      }
      // A step that throws ends the search, but only after the successors built before it are
      // stored, as a search that inserts each successor as it is built would have.
      let failure: { error: unknown } | undefined;
      try {
        batch.build(expander, count, this.hasher, this.seen);
      } catch (error) {
        failure = { error };
      }
      for (let k = 0; k < batch.built; k++) {
        this.generated++;
        const id = this.exact
          ? this.exact.insertEncoding(batch.data, batch.start(k), batch.end(k), batch.hi(k), batch.lo(k))
          : this.seen.insert(batch.hi(k), batch.lo(k));
        if (id < 0) continue;
        this.links.addLink(id, parentId, k);
        frontier.pushRange(batch.data, batch.start(k), batch.end(k), id);
        if (this.seen.size >= this.options.maxStates) {
          this.levelLeft = size - i - 1;
          return this.incomplete('maxStates');
        }
      }
      if (failure) {
        this.activeAction = batch.built;
        throw failure.error;
      }
    }
    this.levelLeft = 0;
    return cutOff ? this.incomplete('maxDepth') : undefined;
  }

  // The level just discovered, for a search that goes on from it.
  private handoff(): LevelHandoff {
    const { data, records } = this.frontier.nextLevel;
    const count = this.frontier.nextSize;
    const branching = count / Math.max(1, this.frontier.levelSize);
    return {
      data,
      records,
      count,
      depth: this.depth + 1,
      distinct: this.seen.size,
      generated: this.generated,
      branching,
      elapsedMs: this.clock.elapsedMs,
    };
  }

  /** The model's verdict on a flagged state, as `Explorer.visit` decides it. */
  private violates(position: number, actionCount: number): boolean {
    const state = this.decodeAt(position);
    return !this.props.invariantsHold(state) || this.props.isDeadlock(state, actionCount);
  }

  private decodeAt(position: number): S {
    return this.model.decode!(this.frontier.readerAt(position));
  }

  /** Fingerprints the scratch encoding and inserts it: its new id, or -1 when seen before. */
  private insert(): number {
    const hasher = this.hasher;
    hasher.ints(this.scratch.data, 0, this.scratch.length);
    if (this.exact) return this.exact.insertEncoding(this.scratch.data, 0, this.scratch.length, hasher.hi, hasher.lo);
    return this.seen.insert(hasher.hi, hasher.lo);
  }

  // Stats as of the start of the current level, as the sequential explorer reports them.
  private violation(position: number, id: number): Outcome<S, A> {
    const state = this.decodeAt(position);
    const actionCount = this.props.watchesDeadlock ? this.model.actions(state).length : -1;
    const deadlocked = this.props.isDeadlock(state, actionCount);
    const violations = this.props.violationsAt(state, deadlocked);
    const trace = rebuildTrace(this.model, this.traceSource(), id, state);
    const { generated, distinct, queue } = this.levelStart;
    return { kind: 'violation', violations, trace, stats: this.statsOf(generated, distinct, this.depth, queue) };
  }

  private incomplete(reason: IncompleteReason): Outcome<S, A> {
    return { kind: 'incomplete', reason, stats: this.stats() };
  }

  private modelError(error: unknown): Outcome<S, A> {
    const id = this.activeId;
    let action: A | undefined;
    let state: S | undefined;
    try {
      state = this.activePosition >= 0 ? this.decodeAt(this.activePosition) : undefined;
      if (state !== undefined && this.activeAction >= 0) action = this.model.actions(state)[this.activeAction];
    } catch {
      action = undefined; // the error being reported matters more than the action's name
    }
    const traceTo = id >= 0 ? (): Trace<S, A> => rebuildTrace(this.model, this.traceSource(), id, state) : undefined;
    return modelErrorOutcome(error, this.stats(), action, traceTo);
  }

  private traceSource(): TraceSource<S> {
    const encode: Encoder<S> = this.model.encode!.bind(this.model);
    return { encode: this.exact ? this.exact.recording(encode) : encode, seen: this.seen, links: this.links };
  }

  private stats(): Stats {
    const depth = this.frontier.nextSize > 0 ? this.depth + 1 : Math.max(0, this.depth);
    return this.statsOf(this.generated, this.seen.size, depth, this.levelLeft + this.frontier.nextSize);
  }

  private statsOf(generated: number, distinct: number, depth: number, queue: number): Stats {
    const storeBytes = this.seen.bytes + this.links.bytes;
    return makeStats({ generated, distinct, depth, queue, elapsedMs: this.clock.elapsedMs, storeBytes });
  }
}

/** The expander to search `model` with under these options, or undefined when it must be searched as Immutable states. */
export function packedFormFor<S, A>(model: Model<S, A>, _options: CheckOptions): PackedExpander | undefined {
  if (model.packed === undefined || model.encode === undefined || model.decode === undefined) return undefined;
  if (model.withinBoundary !== undefined) return undefined;
  // Properties that break the contract are reported by the search this leaves the model to.
  if (!hasValidProperties(model) || !model.properties().every((p) => p.kind === 'always' || p.kind === 'deadlockFree'))
    return undefined;
  return model.packed();
}
