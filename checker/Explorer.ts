/**
 * The level-synchronous breadth-first search. Properties are checked when a state is expanded, not
 * when it is discovered: a deadlock is only visible at expansion, so checking both there makes the
 * first violating state in level order a shortest counterexample whatever kind of violation it is.
 */
import type { Model } from '../model/Model.js';
import type { CheckOptions } from './CheckOptions.js';
import type { Stats } from './Stats.js';
import { FingerprintHasher, type Encoder, type Fingerprint } from './fingerprint.js';
import { makeStats } from './makeStats.js';
import type { IncompleteReason, Outcome } from './Outcome.js';
import { PropertyChecker } from './PropertyChecker.js';
import { PathPropertyTracker } from './PathPropertyTracker.js';
import { completeOutcome } from './completeOutcome.js';
import { rebuildTrace, type TraceSource } from './rebuildTrace.js';
import { modelErrorOutcome } from './modelErrorOutcome.js';
import { RunClock } from './RunClock.js';
import type { Frontier, SeenSet, TraceLinks } from './Stores.js';
import type { Trace } from './Trace.js';
import { MAX_ACTION_INDEX } from './TraceStore.js';
import { diagnoseMutation, requireStateValue } from './stepPurity.js';
import { EncodingAudit } from './EncodingAudit.js';
import { initialStatesOf, propertiesOf, requireActions, requireNextState } from './modelContract.js';

/** The stores one search writes to. */
export interface ExplorerStores<S> {
  readonly seen: SeenSet;
  readonly links: TraceLinks;
  readonly frontier: Frontier<S>;
}

// What visiting one state asks of the level loop.
const CONTINUE = 0;
const VIOLATED = 1;
const FULL = 2;
type Verdict = typeof CONTINUE | typeof VIOLATED | typeof FULL;

// The clock and the callbacks are consulted once every POLL_MASK + 1 visited states.
const POLL_MASK = 1023;

/** One breadth-first search of a model; `run()` once. */
export class Explorer<S, A> {
  private props: PropertyChecker<S>; // replaced in run(), where a throwing properties() is a model error
  private paths: PathPropertyTracker<S>; // `sometimes` witnesses and `eventually` marks, replaced with props
  private readonly hasher = new FingerprintHasher();
  private readonly audit: EncodingAudit<S> | undefined; // the model's own encode, on the first states
  private readonly clock: RunClock;
  private readonly statsNow = (): Stats => this.stats();
  private generated = 0;
  private visited = 0;
  private depth = -1; // the level being expanded; -1 while seeding
  private levelLeft = 0; // states of the current level not yet visited, the current one included
  private levelStart = { generated: 0, distinct: 0, queue: 0 };
  private cutOff = false; // a state at maxDepth had successors that were not explored
  private activeId = -1; // the state being visited, for model errors
  private activeAction: A | undefined; // the action being taken, for model errors

  constructor(
    private readonly model: Model<S, A>,
    private readonly options: CheckOptions,
    private readonly stores: ExplorerStores<S>,
    private readonly encode: Encoder<S>,
  ) {
    this.clock = new RunClock(options);
    this.audit = EncodingAudit.of(model);
    this.props = new PropertyChecker<S>(model, []);
    this.paths = new PathPropertyTracker(this.props);
  }

  /** Runs the search to an outcome; model exceptions become a `modelError` outcome. */
  run(): Outcome<S, A> {
    try {
      this.props = new PropertyChecker(this.model, propertiesOf(this.model));
      this.paths = new PathPropertyTracker(this.props);
      return this.search();
    } catch (error) {
      if (this.clock.inCallback) throw error;
      return this.modelError(error);
    }
  }

  private search(): Outcome<S, A> {
    if (this.seed() === FULL) return this.incomplete('maxStates');
    for (let depth = 0; this.stores.frontier.advance() > 0; depth++) {
      this.depth = depth;
      const outcome = this.exploreLevel();
      if (outcome !== undefined) return outcome;
    }
    const traceTo = (id: number): Trace<S, A> => rebuildTrace(this.model, this.traceSource(), id);
    return completeOutcome(this.model, this.props, this.paths.witnesses(), traceTo, this.stats());
  }

  private seed(): Verdict {
    const initStates = initialStatesOf(this.model);
    requireIndexable(initStates.length, 'initial states');
    for (let index = 0; index < initStates.length; index++) {
      const state = initStates[index] as S;
      this.generated++;
      const id = this.dedupe(state);
      if (this.options.checkPurity === true) requireStateValue(state, `initial state ${index}`);
      if (id < 0) continue;
      this.stores.links.addRoot(id, index);
      this.stores.frontier.push(state, id);
      if (this.stores.seen.size >= this.options.maxStates) return FULL;
    }
    return CONTINUE;
  }

  private exploreLevel(): Outcome<S, A> | undefined {
    const frontier = this.stores.frontier;
    const size = frontier.levelSize;
    const expand = this.depth < this.options.maxDepth;
    this.levelStart = { generated: this.generated, distinct: this.stores.seen.size, queue: size };
    this.levelLeft = size;
    const stop = this.clock.poll(this.statsNow);
    if (stop !== undefined) return this.incomplete(stop);
    for (let i = 0; i < size; i++) {
      this.levelLeft = size - i;
      if ((++this.visited & POLL_MASK) === 0 || this.clock.stopAsked()) {
        const reason = this.clock.poll(this.statsNow);
        if (reason !== undefined) return this.incomplete(reason);
      }
      const id = frontier.idAt(i);
      const state = frontier.take(i);
      const verdict = this.visit(state, id, expand);
      if (verdict === VIOLATED) return this.violation(state, id);
      if (verdict === FULL) return this.incomplete('maxStates', 1);
    }
    this.levelLeft = 0;
    return this.cutOff ? this.incomplete('maxDepth') : undefined;
  }

  // Check, then expand: a state outside the boundary is neither.
  private visit(state: S, id: number, expand: boolean): Verdict {
    this.activeId = id;
    if (this.model.withinBoundary !== undefined && !this.model.withinBoundary(state)) return CONTINUE;
    const invariantsHold = this.props.invariantsHold(state);
    if (!invariantsHold && !this.props.watchesDeadlock) return VIOLATED;
    const actions = this.model.actions(state);
    requireActions(actions);
    if (!invariantsHold || this.props.isDeadlock(state, actions.length)) return VIOLATED;
    if (this.paths.active && this.paths.visit(state, id, actions.length)) return VIOLATED;
    if (actions.length === 0) return CONTINUE;
    if (!expand) {
      this.cutOff = true;
      return CONTINUE;
    }
    return this.expand(state, id, actions);
  }

  private expand(state: S, parentId: number, actions: readonly A[]): Verdict {
    requireIndexable(actions.length, 'actions enabled in one state');
    const before = this.options.checkPurity === true ? this.fingerprintOf(state) : undefined;
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i] as A;
      this.activeAction = action;
      const next = this.model.nextState(state, action);
      requireNextState(next);
      this.generated++;
      const id = this.dedupe(next);
      if (this.options.checkPurity === true) requireStateValue(next, 'the state nextState() returned');
      if (id >= 0) {
        this.enqueue(next, id, parentId, i);
        if (this.stores.seen.size >= this.options.maxStates) return FULL;
      }
    }
    this.activeAction = undefined;
    if (before !== undefined && !sameFingerprint(before, this.fingerprintOf(state))) {
      // Encoded before and after expanding (the seen set keeps no ids): a step that changed its input shows up here.
      const mutation = diagnoseMutation(
        this.model,
        () => rebuildTrace(this.model, this.traceSource(), parentId),
        state,
        actions,
        this.encode,
      );
      this.activeAction = actions[mutation.index];
      throw new Error(mutation.message);
    }
    return CONTINUE;
  }

  private fingerprintOf(state: S): Fingerprint {
    const hasher = this.hasher;
    hasher.reset();
    this.encode(state, hasher);
    hasher.finish();
    return { hi: hasher.hi, lo: hasher.lo };
  }

  /** The new state id of `state`, or -1 when an equal state was stored before. */
  private dedupe(state: S): number {
    const audit = this.audit;
    if (audit?.pending) audit.check(state);
    const hasher = this.hasher;
    hasher.reset();
    this.encode(state, hasher);
    hasher.finish();
    return this.stores.seen.insert(hasher.hi, hasher.lo);
  }

  private enqueue(state: S, id: number, parentId: number, actionIndex: number): void {
    this.stores.links.addLink(id, parentId, actionIndex);
    if (this.paths.active) this.paths.inherit(id, parentId);
    this.stores.frontier.push(state, id);
  }

  // Stats as of the start of the current level, so that they do not depend on where in the level
  // the violation sits (and, later, on how a parallel search splits the level).
  private violation(state: S, id: number): Outcome<S, A> {
    const countActions = this.props.watchesDeadlock || this.paths.watchesTerminal;
    const actionCount = countActions ? this.model.actions(state).length : -1;
    const deadlocked = this.props.isDeadlock(state, actionCount);
    const violations = this.props.violationsAt(state, deadlocked, this.paths.unmetAt(state, id, actionCount));
    const trace = rebuildTrace(this.model, this.traceSource(), id, state);
    const { generated, distinct, queue } = this.levelStart;
    const stats = this.statsOf(generated, distinct, this.depth, queue);
    return { kind: 'violation', violations, trace, stats };
  }

  /** `finishedInLevel`: states of the current level already counted as expanded beyond `levelLeft`. */
  private incomplete(reason: IncompleteReason, finishedInLevel = 0): Outcome<S, A> {
    this.levelLeft = Math.max(0, this.levelLeft - finishedInLevel);
    return { kind: 'incomplete', reason, stats: this.stats() };
  }

  private modelError(error: unknown): Outcome<S, A> {
    const id = this.activeId;
    const traceTo = id >= 0 ? (): Trace<S, A> => rebuildTrace(this.model, this.traceSource(), id) : undefined;
    return modelErrorOutcome(error, this.stats(), this.activeAction, traceTo);
  }

  private traceSource(): TraceSource<S> {
    return { encode: this.encode, seen: this.stores.seen, links: this.stores.links };
  }

  private stats(): Stats {
    const { seen, frontier } = this.stores;
    const depth = frontier.nextSize > 0 ? this.depth + 1 : Math.max(0, this.depth);
    return this.statsOf(this.generated, seen.size, depth, this.levelLeft + frontier.nextSize);
  }

  private statsOf(generated: number, distinct: number, depth: number, queue: number): Stats {
    const storeBytes = this.stores.seen.bytes + this.stores.links.bytes + this.paths.bytes;
    return makeStats({ generated, distinct, depth, queue, elapsedMs: this.clock.elapsedMs, storeBytes });
  }
}

function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.hi === b.hi && a.lo === b.lo;
}

function requireIndexable(count: number, what: string): void {
  if (count > MAX_ACTION_INDEX + 1)
    throw new RangeError(`the model has ${count} ${what}; at most ${MAX_ACTION_INDEX + 1} are supported`);
}
