/**
 * The one-thread breadth-first search: level by level, each state taken from the frontier is
 * checked and expanded by the `StateVisitor` every search shares, and its new successors stored.
 * What the model's form changes (packed or values) is the expansion and the frontier, chosen by
 * `searchFormOf`; the order, the counts and the verdicts are the same either way.
 */
import type { Model } from '../model/Model.js';
import { IntBuffer } from '../model/IntBuffer.js';
import type { CheckOptions } from './CheckOptions.js';
import type { Stats } from './Stats.js';
import { FingerprintHasher } from './fingerprint.js';
import { makeStats } from './makeStats.js';
import type { IncompleteReason, Outcome } from './Outcome.js';
import { PropertyChecker } from './PropertyChecker.js';
import { PathPropertyTracker } from './PathPropertyTracker.js';
import { completeOutcome } from './completeOutcome.js';
import { violationOutcome } from './violationOutcome.js';
import { rebuildTrace, type TraceSource } from './rebuildTrace.js';
import { modelErrorOutcome } from './modelErrorOutcome.js';
import { RunClock } from './RunClock.js';
import type { Frontier, SeenSet, TraceLinks } from './Stores.js';
import type { Trace } from './Trace.js';
import { MAX_ACTION_INDEX } from './TraceStore.js';
import { requireStateValue } from './stepPurity.js';
import { EncodingAudit } from './EncodingAudit.js';
import { ExactSeenSet } from './ExactSeenSet.js';
import { EncodedFrontier } from './EncodedFrontier.js';
import { CutFingerprintSet } from './CutFingerprintSet.js';
import { FINGERPRINT_BITS } from './parallel/SharedSeenSet.js';
import { LevelFrontier } from './LevelFrontier.js';
import type { LevelHandoff } from './LevelHandoff.js';
import type { SuccessorBatch } from './SuccessorBatch.js';
import { initialStatesOf, propertiesOf } from './modelContract.js';
import type { Encoder } from './fingerprint.js';
import type { Expansion } from './search/Expansion.js';
import { ModelExpansion } from './search/ModelExpansion.js';
import { PackedExpansion } from './search/PackedExpansion.js';
import { storedStateOf, type SearchForm } from './search/SearchForm.js';
import { FULL, StateVisitor, VIOLATED, type ScanHost } from './search/StateVisitor.js';
import { counterFor, type StatementCounter } from './StatementCoverage.js';
import type { LevelCheckpoints } from './checkpoint/RunState.js';
import { levelStartState, levelEndState } from './checkpoint/oneThreadRunState.js';
import { LivenessRecorder } from './liveness/LivenessRecorder.js';
import type { IndexedSeenSet } from './liveness/IndexedFingerprintSet.js';
import { livenessOutcome } from './liveness/livenessOutcome.js';

/** The stores one search writes to besides its frontier (which follows from the model's form). */
export interface ExplorerStores {
  readonly seen: SeenSet;
  readonly links: TraceLinks;
  /** Where the run state goes at level boundaries, and when the run stops short (a fingerprint seen set and a TraceStore only). */
  readonly checkpoints?: LevelCheckpoints;
}

// The clock and the callbacks are consulted once every POLL_MASK + 1 visited states.
const POLL_MASK = 1023;

/** One breadth-first search of a model on this thread; `run()` once. */
export class Explorer<S, A> implements ScanHost {
  private props: PropertyChecker<S>; // replaced in run(), where a throwing properties() is a model error
  private paths: PathPropertyTracker<S>; // `sometimes` witnesses, replaced with props
  private recorder: LivenessRecorder<S, A> | undefined; // the state graph, when the model has liveness properties
  private indexed: IndexedSeenSet | undefined; // the seen set, when it names the states it finds again
  private visitor: StateVisitor<S, A> | undefined;
  private readonly expansion: Expansion<S, A>;
  private readonly frontier: Frontier<S>;
  private readonly encode: Encoder<S>;
  private readonly stored: ((state: S) => S) | undefined; // with symmetry reduction: a state's representative
  private readonly symmetryGroups: readonly string[] | undefined;
  private readonly audit: EncodingAudit<S> | undefined; // the model's own encode, on the first states
  private readonly exact: ExactSeenSet | undefined; // exact mode: insertions hand over the encoding too
  private readonly hasher = new FingerprintHasher();
  private readonly scratch = new IntBuffer(256);
  private readonly clock: RunClock;
  private readonly statsNow = (): Stats => this.stats();
  private generated = 0;
  private sincePoll = 0; // states visited, counted to poll every POLL_MASK + 1
  private depth = -1; // the level being expanded; -1 while seeding
  private levelLeft = 0; // states of the current level not yet visited, the current one included
  private levelStart = { generated: 0, distinct: 0, queue: 0 };
  private branching = 4; // new states per expanded state in the last level, for a search that goes on from a checkpoint
  private levelSize = 0;
  private activeId = -1; // the state being visited, for model errors
  private stopReason: IncompleteReason | undefined; // why the scan of a level was stopped

  constructor(
    private readonly model: Model<S, A>,
    private readonly options: CheckOptions,
    private readonly stores: ExplorerStores,
    form: SearchForm<S>,
  ) {
    this.clock = new RunClock(options);
    this.audit = EncodingAudit.of(model);
    this.props = new PropertyChecker<S>(model, []);
    this.paths = new PathPropertyTracker(this.props);
    this.exact = stores.seen instanceof ExactSeenSet ? stores.seen : undefined;
    this.stored = storedStateOf(form);
    this.symmetryGroups = form.symmetry?.groups;
    if (form.kind === 'packed') {
      this.encode = model.encode!.bind(model);
      this.expansion = new PackedExpansion(model, form.expander);
      this.frontier = new EncodedFrontier(this.expansion) as Frontier<S>;
    } else {
      this.encode = form.encode;
      const expansion = new ModelExpansion(model, {
        encode: form.encode,
        audit: this.audit,
        checkPurity: options.checkPurity === true,
        traceTo: (id) => rebuildTrace(this.model, this.traceSource(), id),
        stored: this.stored,
      });
      this.expansion = expansion;
      this.frontier = new LevelFrontier(expansion);
    }
  }

  /** Runs the search to an outcome; model exceptions become a `modelError` outcome. */
  run(): Outcome<S, A> {
    return this.runTo(Infinity) as Outcome<S, A>;
  }

  /**
   * Runs the search until a level ends with at least `handOffAt` states stored and more to
   * explore: it then stops and hands that next level over, still encoded (the seen set and the
   * trace links hold the rest). A search that ends sooner gives its outcome.
   */
  runTo(handOffAt: number, from?: LevelHandoff): Outcome<S, A> | LevelHandoff {
    const tally = this.options.coverage;
    let coverage: StatementCounter | undefined;
    try {
      this.props = new PropertyChecker(this.model, propertiesOf(this.model));
      this.paths = new PathPropertyTracker(this.props);
      coverage = counterFor(this.model as Model<unknown, unknown>, tally);
      const limit = { max: MAX_ACTION_INDEX + 1, error: tooManyActions };
      this.visitor = new StateVisitor(this.expansion, this.props, this.paths, this.stores.seen, limit, coverage);
      if (this.props.liveness.length > 0) this.recordGraph(handOffAt, from);
      return this.search(handOffAt, from);
    } catch (error) {
      if (this.clock.inCallback) throw error;
      return this.modelError(error);
    } finally {
      // Whatever ended the search, what it explored is counted (a hand-off's workers add theirs).
      if (coverage !== undefined) tally?.add(coverage.take());
    }
  }

  // Liveness is judged on the whole state graph, which one search on one thread records as it goes.
  private recordGraph(handOffAt: number, from: LevelHandoff | undefined): void {
    const seen = this.stores.seen as Partial<IndexedSeenSet>;
    if (seen.lastFound === undefined || handOffAt !== Infinity || from !== undefined)
      throw new Error(
        'internal: a search for liveness properties needs one thread from the start and a seen set that names its states',
      );
    this.indexed = seen as IndexedSeenSet;
    this.recorder = new LivenessRecorder(this.model, this.props.liveness);
    this.visitor!.recorder = this.recorder;
  }

  /**
   * The search, from the initial states or from a level handed over (a checkpoint's), whose seen
   * set and trace links the stores already hold.
   */
  private search(handOffAt: number, from: LevelHandoff | undefined): Outcome<S, A> | LevelHandoff {
    if (from) this.restore(from);
    else if (this.seed()) return this.incomplete('maxStates');
    for (let depth = from?.depth ?? 0; this.frontier.advance() > 0; depth++) {
      this.depth = depth;
      const outcome = this.exploreLevel();
      if (outcome !== undefined) return this.stopped(outcome);
      if (this.frontier.nextSize > 0) this.branching = Math.max(1, this.frontier.nextSize / this.frontier.levelSize);
      if (this.stores.checkpoints?.due() === true && this.frontier.nextSize > 0)
        this.stores.checkpoints.save(levelEndState(this.handoff(), this.stores));
      if (this.stores.seen.size >= handOffAt && this.frontier.nextSize > 0) return this.handoff();
    }
    const traceTo = (id: number): Trace<S, A> => rebuildTrace(this.model, this.traceSource(), id);
    const complete = completeOutcome(this.model, this.props, this.paths.witnesses(), traceTo, this.stats());
    if (this.recorder === undefined || complete.kind !== 'ok') return complete;
    const source = this.traceSource();
    return livenessOutcome(this.model, this.recorder, this.options.fairness, source, complete.stats) ?? complete;
  }

  // Takes the handed level as the next one to expand, with the counts so far.
  private restore(from: LevelHandoff): void {
    if (!(this.frontier instanceof EncodedFrontier))
      throw new Error('only a search of a packed form can go on from a level');
    if (this.stores.seen.size !== from.distinct)
      throw new Error("the seen set does not hold the handed level's states");
    this.frontier.adoptNext(from.data, from.records);
    this.generated = from.generated;
    this.branching = from.branching;
  }

  /**
   * An outcome that ends the run: one that stops it short (a bound, an interrupt) saves the run
   * state of the start of the level it stopped in, so a resumed run goes on from there as if
   * never stopped (the level is searched again).
   */
  private stopped(outcome: Outcome<S, A>): Outcome<S, A> {
    const checkpoints = this.stores.checkpoints;
    if (checkpoints === undefined || outcome.kind !== 'incomplete') return outcome;
    if (!(this.frontier instanceof EncodedFrontier)) return outcome;
    const { generated, distinct } = this.levelStart;
    const { data, records } = this.frontier.currentLevel;
    const level: LevelHandoff = {
      data,
      records,
      count: this.levelSize,
      depth: this.depth,
      distinct,
      generated,
      branching: this.branching,
      elapsedMs: this.clock.elapsedMs,
    };
    checkpoints.save(levelStartState(level, this.stores, this.frontier.nextLevel));
    return outcome;
  }

  /** Stores the initial states; true when that already reaches the state bound. */
  private seed(): boolean {
    const initStates = initialStatesOf(this.model);
    if (initStates.length > MAX_ACTION_INDEX + 1)
      throw new RangeError(
        `the model has ${initStates.length} initial states; at most ${MAX_ACTION_INDEX + 1} are supported`,
      );
    const scratch = this.scratch;
    for (let index = 0; index < initStates.length; index++) {
      const initial = initStates[index] as S;
      if (this.audit?.pending) this.audit.check(initial);
      const state = this.stored ? this.stored(initial) : initial;
      scratch.clear();
      this.encode(state, scratch);
      this.generated++;
      const id = this.insert(scratch.data, 0, scratch.length);
      if (this.options.checkPurity === true) requireStateValue(initial, `initial state ${index}`);
      if (id < 0) continue;
      this.recorder?.root(id, index);
      this.stores.links.addRoot(id, index);
      this.frontier.keepInitial(state, scratch.data, 0, scratch.length, id);
      if (this.stores.seen.size >= this.options.maxStates) return true;
    }
    return false;
  }

  private exploreLevel(): Outcome<S, A> | undefined {
    const size = this.frontier.levelSize;
    this.levelStart = { generated: this.generated, distinct: this.stores.seen.size, queue: size };
    this.levelLeft = size;
    this.levelSize = size;
    const stop = this.clock.poll(this.statsNow);
    if (stop !== undefined) return this.incomplete(stop);
    const ended = this.visitor!.scan(0, size, this.depth < this.options.maxDepth, this);
    if (this.stopReason !== undefined) return this.incomplete(this.stopReason);
    if (ended.verdict === VIOLATED) return this.violation(this.activeId);
    if (ended.verdict === FULL) return this.incomplete('maxStates', 1);
    this.levelLeft = 0;
    return this.visitor!.cutOff ? this.incomplete('maxDepth') : undefined;
  }

  /** Loads the `position`-th state of the level (ScanHost). */
  load(position: number): number {
    this.levelLeft = this.levelSize - position;
    const id = this.frontier.idAt(position);
    this.activeId = id;
    this.frontier.load(position);
    return id;
  }

  /** Polls the clock and the callbacks every POLL_MASK + 1 states, and whenever a stop is asked (ScanHost). */
  mustStop(position: number): boolean {
    if ((++this.sincePoll & POLL_MASK) !== 0 && !this.clock.stopAsked()) return false;
    this.levelLeft = this.levelSize - position;
    this.stopReason = this.clock.poll(this.statsNow);
    return this.stopReason !== undefined;
  }

  visited(): void {}

  /** Stores a successor the visitor built: its link, and the frontier's next level when it is new. */
  keep(batch: SuccessorBatch, k: number, parentId: number): boolean {
    this.generated++;
    const id = this.exact
      ? this.exact.insertEncoding(batch.data, batch.start(k), batch.end(k), batch.hi(k), batch.lo(k))
      : this.stores.seen.insert(batch.hi(k), batch.lo(k));
    if (this.recorder !== undefined) this.recorder.edge(this.expansion, k, id >= 0 ? id : this.indexed!.lastFound);
    if (id < 0) return false;
    this.stores.links.addLink(id, parentId, k);
    this.frontier.keep(batch, k, id);
    return this.stores.seen.size >= this.options.maxStates;
  }

  /** Fingerprints the encoding `data[start…end)` and inserts it: its new id, or -1 when seen before. */
  private insert(data: Int32Array, start: number, end: number): number {
    const hasher = this.hasher;
    hasher.ints(data, start, end);
    if (this.exact) return this.exact.insertEncoding(data, start, end, hasher.hi, hasher.lo);
    return this.stores.seen.insert(hasher.hi, hasher.lo);
  }

  // The level just discovered, for a search that goes on from it (only a packed form's is encoded).
  private handoff(): LevelHandoff {
    if (!(this.frontier instanceof EncodedFrontier))
      throw new Error('only a search of a packed form can hand a level over');
    const { data, records } = this.frontier.nextLevel;
    const count = this.frontier.nextSize;
    const branching = count / Math.max(1, this.frontier.levelSize);
    const { generated, depth } = this;
    const distinct = this.stores.seen.size;
    return { data, records, count, depth: depth + 1, distinct, generated, branching, elapsedMs: this.clock.elapsedMs };
  }

  // Stats as of the start of the current level, so that they do not depend on where in the level
  // the violation sits (nor on how a parallel search splits the level).
  private violation(id: number): Outcome<S, A> {
    const { generated, distinct, queue } = this.levelStart;
    const stats = this.statsOf(generated, distinct, this.depth, queue);
    const state = this.expansion.state();
    return violationOutcome(this.model, this.props, this.traceSource(), state, id, stats);
  }

  /** `finishedInLevel`: states of the current level already counted as expanded beyond `levelLeft`. */
  private incomplete(reason: IncompleteReason, finishedInLevel = 0): Outcome<S, A> {
    this.levelLeft = Math.max(0, this.levelLeft - finishedInLevel);
    return { kind: 'incomplete', reason, stats: this.stats() };
  }

  private modelError(error: unknown): Outcome<S, A> {
    const id = this.activeId;
    const index = this.visitor?.activeAction ?? -1;
    const action = index >= 0 ? this.expansion.actionAt(index) : undefined;
    const traceTo = id >= 0 ? (): Trace<S, A> => rebuildTrace(this.model, this.traceSource(), id) : undefined;
    return modelErrorOutcome(error, this.stats(), action, traceTo);
  }

  private traceSource(): TraceSource<S> {
    const encode = this.exact ? this.exact.recording(this.encode) : this.encode;
    return { encode, seen: this.stores.seen, links: this.stores.links, stored: this.stored };
  }

  private stats(): Stats {
    const { seen } = this.stores;
    const frontier = this.frontier;
    const depth = frontier.nextSize > 0 ? this.depth + 1 : Math.max(0, this.depth);
    return this.statsOf(this.generated, seen.size, depth, this.levelLeft + frontier.nextSize);
  }

  private statsOf(generated: number, distinct: number, depth: number, queue: number): Stats {
    const storeBytes = this.stores.seen.bytes + this.stores.links.bytes + (this.recorder?.bytes ?? 0);
    const bits = this.stores.seen instanceof CutFingerprintSet ? FINGERPRINT_BITS : undefined;
    const { elapsedMs } = this.clock;
    return makeStats({ generated, distinct, depth, queue, elapsedMs, storeBytes, symmetry: this.symmetryGroups }, bits);
  }
}

function tooManyActions(count: number): Error {
  return new RangeError(
    `the model has ${count} actions enabled in one state; at most ${MAX_ACTION_INDEX + 1} are supported`,
  );
}
