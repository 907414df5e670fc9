/**
 * The parallel level-synchronous breadth-first search. Workers expand disjoint ranges of a level
 * into a shared seen set; the coordinator merges their discoveries in rank order. Every count,
 * state id, verdict and counterexample is the one the sequential explorer gives, whatever the
 * number of workers: the first violating state of a level is the lowest position any worker finds,
 * and a level cut short (state bound, throwing step) is counted where a one-thread search stops.
 */
import type { Model } from '../../model/Model.js';
import type { CheckOptions } from '../CheckOptions.js';
import type { Stats } from '../Stats.js';
import { makeStats } from '../makeStats.js';
import { modelErrorOutcome } from '../modelErrorOutcome.js';
import type { IncompleteReason, Outcome } from '../Outcome.js';
import { PropertyChecker } from '../PropertyChecker.js';
import { rebuildTrace, type TraceSource } from '../rebuildTrace.js';
import { violationOutcome } from '../violationOutcome.js';
import { TraceStore } from '../TraceStore.js';
import { mergeLevel, type MergedLevel } from './LevelMerge.js';
import { firstStops, generatedBefore, type LevelStops } from './levelCut.js';
import { handedLevel, initialLevel, stateAt, type HandedSearch, type Level } from './firstLevel.js';
import { levelMessages } from './levelMessages.js';
import {
  Control,
  MAX_LEVEL_SIZE,
  NO_VIOLATION,
  RANK_ACTIONS,
  StopReason,
  type LevelMessage,
  type LevelResult,
} from './messages.js';
import type { ModelSource } from './ModelSource.js';
import { RunWatch } from './RunWatch.js';
import { SearchWorkers } from './SearchWorkers.js';
import { storedStateOf, symmetryOf } from '../search/SearchForm.js';
import { finishGrowth } from './TableGrowth.js';
import { FINGERPRINT_BITS, SharedSeenSet } from './SharedSeenSet.js';
import { EntryBuffers } from './EntryBuffers.js';
import { propertiesOf } from '../modelContract.js';
import type { LevelCheckpoints } from '../checkpoint/RunState.js';
import { parallelRunState } from '../checkpoint/parallelRunState.js';

// A level's claim list has room for this many times the new states expected from the last
// level's branching; when it fills up, the level runs again with twice the room.
const EXPECTED_SLACK = 1.5;

/** One parallel search; `run()` once. */
export class ParallelExplorer<S, A> {
  private readonly props: PropertyChecker<S>;
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * Control.Size));
  private links = new TraceStore();
  private readonly watch: RunWatch;
  private readonly seen = SharedSeenSet.create();
  private readonly entryBuffers = new EntryBuffers();
  private generated = 0;
  private distinct = 0;
  private depth = 0;
  private queue = 0;
  private finished = false;
  private branching = 4; // new states per expanded state, estimated from the last level
  private chunkGenerated: Int32Array = new Int32Array(0); // successors generated per chunk of the level in progress
  private chunk = 0; // positions per chunk of the level in progress
  private readonly stored: ((state: S) => S) | undefined; // with symmetry reduction: a state's representative
  private readonly symmetryGroups: readonly string[] | undefined;

  constructor(
    private readonly model: Model<S, A>,
    private readonly source: ModelSource,
    private readonly options: CheckOptions,
    private readonly workerCount: number,
    /** Time a first search on this thread took: counted in this run's time, progress and timeout. */
    elapsedBeforeMs = 0,
    /** Where the run state goes at level boundaries, and when the run stops short. */
    private readonly checkpoints?: LevelCheckpoints,
  ) {
    this.props = new PropertyChecker(model, propertiesOf(model));
    const symmetry = symmetryOf(model, options.symmetry);
    this.stored = storedStateOf({ symmetry });
    this.symmetryGroups = symmetry?.groups;
    this.watch = new RunWatch(options, this.control, () => this.stats(), elapsedBeforeMs);
  }

  /**
   * Runs the search to an outcome: from the initial states, or from the level a one-thread search
   * handed over (taken over before anything is awaited, so the search does not keep the hand-over).
   */
  run(from?: HandedSearch): Promise<Outcome<S, A>> {
    return this.runFrom(from ? this.adopt(from) : undefined);
  }

  private async runFrom(first: Level | undefined): Promise<Outcome<S, A>> {
    const workers = await SearchWorkers.start(
      this.workerCount,
      this.source,
      this.control.buffer as SharedArrayBuffer,
      this.options.maxStates,
      this.options.symmetry === true,
      this.options.coverage !== undefined,
    );
    this.watch.start();
    try {
      return await this.search(workers, first);
    } finally {
      this.watch.stop();
      await workers.close();
    }
  }

  private async search(workers: SearchWorkers, first: Level | undefined): Promise<Outcome<S, A>> {
    let level = first ?? this.seed();
    this.queue = level.count;
    if (this.distinct >= this.options.maxStates) return this.incomplete('maxStates');
    for (; level.count > 0; this.depth++) {
      if (level.count > MAX_LEVEL_SIZE)
        throw new RangeError(
          `a level of ${level.count} states is more than the parallel search supports (${MAX_LEVEL_SIZE})`,
        );
      const start = { generated: this.generated, distinct: this.distinct, queue: level.count, depth: this.depth };
      this.queue = level.count;
      const results = await this.runLevel(workers, level);
      for (const r of results) if (r.coverage) this.options.coverage?.add(r.coverage);
      // The merge stops at the first violation or throwing step, which may end the run.
      const stops = firstStops(results, Atomics.load(this.control, Control.BestViolation));
      const room = (words: number) => this.entryBuffers.take(this.depth + 1, words);
      const merged = mergeLevel(
        results,
        this.seen,
        this.links,
        this.distinct,
        this.options.maxStates - this.distinct,
        Math.min(stops.failedAt, stops.violatedAt),
        room,
      );
      const outcome = this.levelOutcome(results, stops, merged, level, start);
      if (outcome) return this.stopped(outcome, level, start);
      this.generated += results.reduce((n, r) => n + r.generated, 0);
      this.seen.endLevel();
      this.branching = Math.max(1, merged.count / level.count);
      this.distinct = merged.nextId;
      const scanned = level;
      level = { entries: merged.entries, count: merged.count, segments: results.map((r) => r.segment) };
      this.queue = level.count;
      if (results.some((r) => r.cutOff)) return this.stopped(this.incomplete('maxDepth'), scanned, start);
      if (level.count > 0 && this.checkpoints?.due() === true)
        this.save(level, this.depth + 1, { generated: this.generated, distinct: this.distinct });
    }
    this.depth = Math.max(0, this.depth - 1); // the loop stepped past the last level
    this.finished = true;
    return { kind: 'ok', stats: this.stats() };
  }

  /**
   * An outcome that ends the run: one that stops it short (a bound, an interrupt) saves the run
   * state of the start of the level it stopped in, before the level's claims are settled, so a
   * resumed run searches that level again and goes on as if never stopped.
   */
  private stopped(
    outcome: Outcome<S, A>,
    level: Level,
    start: { generated: number; distinct: number; depth: number },
  ): Outcome<S, A> {
    // The counts of the start of the level: ending the run may have counted some of it.
    if (this.checkpoints !== undefined && outcome.kind === 'incomplete') this.save(level, start.depth, start);
    return outcome;
  }

  // Saves the run state whose next level is `level`, at `depth`, with `counts` stored and generated.
  private save(level: Level, depth: number, counts: { generated: number; distinct: number }): void {
    const { generated, distinct } = counts;
    const at = { depth, distinct, generated, branching: this.branching, elapsedMs: this.watch.elapsedMs };
    this.checkpoints!.save(parallelRunState(level, at, this.seen, this.links));
  }

  /** Runs a level, running it again with a larger claim list whenever the list fills up. */
  private async runLevel(workers: SearchWorkers, level: Level): Promise<LevelResult[]> {
    const expected = level.count * this.branching * EXPECTED_SLACK;
    const growth = this.seen.growthFor(expected);
    if (growth) {
      this.seen.grown(finishGrowth(growth, await workers.grow(growth)));
    }
    this.seen.beginLevel(expected);
    for (;;) {
      Atomics.store(this.control, Control.BestViolation, NO_VIOLATION);
      Atomics.store(this.control, Control.StopBeyond, NO_VIOLATION);
      Atomics.store(this.control, Control.Stop, this.watch.reason ? StopReason.Requested : StopReason.None);
      const results = await workers.level(this.messages(level));
      if (Atomics.load(this.control, Control.Stop) !== StopReason.Full || results.some((r) => r.error)) return results;
      this.seen.retryLevel();
      Atomics.sub(
        this.control,
        Control.Generated,
        results.reduce((n, r) => n + r.generated, 0),
      );
    }
  }

  /**
   * How the level ends the run, if it does. The state bound, a violation and a throwing step can
   * each end it: the one a one-thread search meets first does. Ranks give that order, and the
   * merge, stopped at the first violation or error, says whether the bound came before it. A stop
   * asked for (timeout, interrupt, memory) comes before the bound, which it may have kept the
   * workers from reaching as a one-thread search would.
   */
  private levelOutcome(
    results: readonly LevelResult[],
    stops: LevelStops,
    merged: MergedLevel,
    level: Level,
    start: { generated: number; distinct: number; queue: number },
  ): Outcome<S, A> | undefined {
    const { failed, failedAt, violation, violatedAt } = stops;
    const boundReached = this.distinct + merged.count >= this.options.maxStates;
    if (failed && failedAt < violatedAt && !boundReached) {
      // Stopped in the middle of the state's successors (before any when its check threw), that one included in the level's rest.
      this.stopInLevel(
        level,
        failed.position,
        Math.max(0, failed.actionIndex),
        merged.count,
        level.count - failed.position,
      );
      return this.modelError(failed, level);
    }
    if (violatedAt < failedAt && !boundReached) return this.violation(level, violation, start);
    if (this.watch.reason) return this.stoppedInLevel(this.watch.reason, results, merged, level);
    if (!boundReached) return undefined;
    // Stopped just after storing the bound's last state, at rank position × RANK_ACTIONS + action + 1.
    const rank = merged.lastRank - 1;
    const position = Math.floor(rank / RANK_ACTIONS);
    this.stopInLevel(level, position, (rank % RANK_ACTIONS) + 1, merged.count, level.count - position - 1);
    return this.incomplete('maxStates');
  }

  /**
   * A run stopped (timeout, interrupt, memory) while a level ran: what the workers found before
   * they stopped is merged and stored, so it counts, and the counts never fall below what a
   * progress report showed during the level.
   */
  private stoppedInLevel(
    reason: IncompleteReason,
    results: readonly LevelResult[],
    merged: MergedLevel,
    level: Level,
  ): Outcome<S, A> {
    const visited = results.reduce((n, r) => n + r.visited, 0);
    this.generated += results.reduce((n, r) => n + r.generated, 0);
    this.distinct = merged.nextId;
    this.queue = Math.max(0, level.count - visited) + merged.count;
    if (merged.count > 0) this.depth++;
    return this.incomplete(reason);
  }

  /**
   * The counts of a one-thread search stopped in `level` at `position`, after `successors` of that
   * state's successors, with `kept` of the level's new states stored and `left` of its states
   * still to do: the run's final counts.
   */
  private stopInLevel(level: Level, position: number, successors: number, kept: number, left: number): void {
    this.generated +=
      generatedBefore(this.chunkGenerated, this.chunk, position, (p) => this.actionCountAt(level, p)) + successors;
    this.distinct += kept;
    this.queue = left + kept;
    if (kept > 0) this.depth++;
    this.finished = true;
  }

  /** Successors the state at `position` of the level in progress had (none in a level that is not expanded). */
  private actionCountAt(level: Level, position: number): number {
    if (this.depth >= this.options.maxDepth) return 0;
    const { state } = stateAt(this.model, level, position);
    if (this.model.withinBoundary && !this.model.withinBoundary(state)) return 0;
    return this.model.actions(state).length;
  }

  private messages(level: Level): LevelMessage[] {
    const expand = this.depth < this.options.maxDepth;
    const sent = levelMessages(level, this.depth, expand, this.workerCount, this.seen.buffers);
    this.chunk = sent.chunk;
    this.chunkGenerated = sent.chunkGenerated;
    return sent.messages;
  }

  /** Stores the initial states as level 0. */
  private seed(): Level {
    const first = initialLevel(this.model, this.seen, this.links, this.options.maxStates, this.stored);
    this.distinct = first.distinct;
    this.generated = first.generated;
    return first.level;
  }

  /** Takes over a one-thread search's stores and counts; the level it handed over is the first one here. */
  private adopt(from: HandedSearch): Level {
    const { level } = from;
    this.links = from.links;
    this.distinct = level.distinct;
    this.generated = level.generated;
    this.branching = Math.max(1, level.branching);
    this.depth = level.depth;
    Atomics.store(this.control, Control.Generated, level.generated);
    return handedLevel(from, this.seen);
  }

  private violation(
    level: Level,
    position: number,
    start: { generated: number; distinct: number; queue: number },
  ): Outcome<S, A> {
    const { state, id } = stateAt(this.model, level, position);
    const stats = this.statsOf(start.generated, start.distinct, this.depth, start.queue);
    return violationOutcome(this.model, this.props, this.traceSource(), state, id, stats);
  }

  private modelError(error: NonNullable<LevelResult['error']>, level: Level): Outcome<S, A> {
    const { state, id } = stateAt(this.model, level, error.position);
    const action = error.actionIndex >= 0 ? this.model.actions(state)[error.actionIndex] : undefined;
    const traceTo = () => rebuildTrace(this.model, this.traceSource(), id, state);
    const thrown = Object.assign(new Error(error.message), error.stack ? { stack: error.stack } : {});
    return modelErrorOutcome(thrown, this.stats(), action, traceTo);
  }

  private traceSource(): TraceSource<S> {
    return { encode: this.model.encode!.bind(this.model), seen: this.seen, links: this.links, stored: this.stored };
  }

  private incomplete(reason: IncompleteReason): Outcome<S, A> {
    this.finished = true;
    return { kind: 'incomplete', reason, stats: this.stats() };
  }

  /** Statistics so far: while a level runs, the shared counters; at the end, the merged counts. */
  private stats(): Stats {
    if (this.finished) return this.statsOf(this.generated, this.distinct, this.depth, this.queue);
    const generated = Math.max(this.generated, Atomics.load(this.control, Control.Generated));
    return this.statsOf(generated, Math.max(this.distinct, this.seen.size), this.depth, this.queue);
  }

  private statsOf(generated: number, distinct: number, depth: number, queue: number): Stats {
    return makeStats(
      {
        generated,
        distinct,
        depth,
        queue,
        elapsedMs: this.watch.elapsedMs,
        storeBytes: this.seen.bytes + this.links.bytes,
        symmetry: this.symmetryGroups,
      },
      FINGERPRINT_BITS,
    );
  }
}
