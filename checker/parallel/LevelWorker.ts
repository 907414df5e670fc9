/**
 * One worker's share of a breadth-first level: decode each state of its range, check it as the
 * sequential explorer does, expand it, and keep every successor for which it is (so far) the
 * lowest-ranked discoverer. Ranks order successors exactly as a sequential search meets them.
 */
import type { Model } from '../../model/Model.js';
import type { PackedExpander } from '../../model/PackedExpander.js';
import { FingerprintHasher } from '../fingerprint.js';
import { IntBuffer, IntReader } from '../../model/IntBuffer.js';
import { PropertyChecker } from '../PropertyChecker.js';
import { Control, RANK_ACTIONS, StopReason, type LevelMessage, type LevelResult } from './messages.js';
import { Insert } from './SharedSeenSet.js';
import { SegmentWriter } from './SegmentWriter.js';
import { Candidates } from './Candidates.js';
import { SuccessorBatch } from '../SuccessorBatch.js';
import { LevelRun } from './LevelRun.js';
import { collectGarbage } from './collectGarbage.js';
import { propertiesOf, requireActions, requireNextState } from '../modelContract.js';
import { EncodingAudit } from '../EncodingAudit.js';

// Bytes of replaced shared buffers at which a worker collects its heap to give them back.
const RELEASE_BYTES = 64 << 20;
const VIOLATED = 1;

/** Expands ranges of levels for one model. */
export class LevelWorker<S, A> {
  private readonly props: PropertyChecker<S>;
  private readonly hasher = new FingerprintHasher();
  private readonly scratch = new IntBuffer(1024);
  private readonly batch = new SuccessorBatch();
  private readonly control: Int32Array;
  // Where discovered states go: the writer of a level's parity, whose states of two levels ago
  // have been expanded by now; and the candidate list, read by the merge before the next level.
  private readonly writers = [new SegmentWriter(), new SegmentWriter()];
  private readonly cands = new Candidates();
  private pass: LevelRun | undefined;
  private lastTable: SharedArrayBuffer | undefined;
  private lastTableVersion = 0;
  private lastClaims: SharedArrayBuffer | undefined;
  private lastClaimsVersion = 0;
  private lastSizes = 0;
  private replacedBytes = 0;
  /** The model's packed form, used when it has one: states are then never decoded unless flagged. */
  private readonly expander: PackedExpander | undefined;
  /** The first successors this worker builds as states (those of a model without a packed form): see EncodingAudit. */
  private readonly audit: EncodingAudit<S> | undefined;

  constructor(
    private readonly model: Model<S, A>,
    control: SharedArrayBuffer,
    private readonly maxStates: number,
  ) {
    if (!model.encode || !model.decode)
      throw new Error('the model cannot be decoded, so it cannot be explored by several workers');
    this.props = new PropertyChecker(model, propertiesOf(model));
    this.control = new Int32Array(control);
    this.expander = model.packed && !model.withinBoundary ? model.packed() : undefined;
    this.audit = this.expander === undefined ? EncodingAudit.of(model) : undefined;
  }

  /** Runs one share of a level; model exceptions are reported with the position and action. */
  run(msg: LevelMessage): LevelResult {
    this.releaseReplacedBuffers(msg);
    const out = this.writers[msg.depth & 1]!;
    out.reset();
    this.cands.reset();
    const run = (this.pass ??= new LevelRun(msg.seen, this.cands));
    run.begin(msg, out);
    try {
      chunks: for (let first = this.nextChunk(run); first < msg.end; first = this.nextChunk(run)) {
        const end = run.chunkEnd(first);
        const generated = run.generated;
        for (run.position = first; run.position < end; run.position++) {
          if ((run.position & 127) === 0 && this.mustStop(run.position)) break chunks;
          if (this.visit(run) === VIOLATED) {
            atomicMin(this.control, Control.BestViolation, run.position);
            atomicMin(this.control, Control.StopBeyond, run.position);
            break chunks;
          }
          run.visited++;
          run.publish(this.control, false, this.maxStates);
        }
        run.finishChunk(first, run.generated - generated);
      }
    } catch (e) {
      const err = e as Error;
      // The others go on below this position: a one-thread search would meet what is there first.
      atomicMin(this.control, Control.StopBeyond, run.position);
      run.publish(this.control, true, this.maxStates);
      return run.result({
        message: err.message ?? String(e),
        ...(err.stack ? { stack: err.stack } : {}),
        position: run.position,
        actionIndex: run.actionIndex,
      });
    }
    run.publish(this.control, true, this.maxStates);
    return run.result();
  }

  /** Checks and expands the state at `run.position`. */
  private visit(run: LevelRun): typeof VIOLATED | undefined {
    const position = run.position;
    const expander = this.expander;
    let state: S | undefined;
    let actions: readonly A[] | undefined;
    let count: number;
    if (expander) {
      const segment = run.segments[run.entries[3 * position]!]!;
      const offset = run.entries[3 * position + 1]!;
      expander.load(segment, offset + 1, offset + 1 + segment[offset]!);
      count = expander.actionCount;
      if (expander.needsCheck()) state = this.model.decode!(this.readerAt(run, position));
    } else {
      state = this.model.decode!(this.readerAt(run, position));
      if (this.model.withinBoundary && !this.model.withinBoundary(state)) return undefined;
      actions = this.model.actions(state);
      requireActions(actions);
      count = actions.length;
    }
    if (state !== undefined && (!this.props.invariantsHold(state) || this.props.isDeadlock(state, count)))
      return VIOLATED;
    if (count === 0) return undefined;
    if (!run.msg.expand) {
      run.cutOff = true;
      return undefined;
    }
    if (count >= RANK_ACTIONS)
      throw new RangeError(
        `a state has ${count} enabled actions; the parallel search supports at most ${RANK_ACTIONS - 1} (use --workers 1)`,
      );
    const parent = run.entries[3 * position + 2]!;
    if (expander) {
      this.insertBatch(run, expander, count, position * RANK_ACTIONS + 1, parent);
      return undefined;
    }
    const scratch = this.scratch;
    const hasher = this.hasher;
    for (let k = 0; k < count; k++) {
      run.actionIndex = k;
      scratch.clear();
      const next = this.model.nextState(state!, actions![k] as A);
      requireNextState(next);
      if (this.audit?.pending) this.audit.check(next);
      this.model.encode!(next, scratch);
      run.generated++;
      hasher.ints(scratch.data, 0, scratch.length);
      this.claim(
        run,
        hasher.hi,
        hasher.lo,
        position * RANK_ACTIONS + k + 1,
        parent,
        k,
        scratch.data,
        0,
        scratch.length,
      );
    }
    run.actionIndex = -1;
    return undefined;
  }

  // Builds every successor first, then claims them in order: see SuccessorBatch. A step that
  // throws ends the search, but only after the successors built before it are claimed, as a
  // one-thread search stores them: the counts it reports include them.
  private insertBatch(run: LevelRun, expander: PackedExpander, count: number, firstRank: number, parent: number): void {
    const batch = this.batch;
    let failure: { error: unknown } | undefined;
    try {
      batch.build(expander, count, this.hasher, run.seen);
    } catch (error) {
      failure = { error };
    }
    const built = batch.built;
    // Fingerprint halves go on as signed integers: one of 2^31 or more would be a heap number, allocated per call.
    for (let k = 0; k < built; k++)
      this.claim(
        run,
        batch.hi(k) | 0,
        batch.lo(k) | 0,
        firstRank + k,
        parent,
        k,
        batch.data,
        batch.start(k),
        batch.end(k),
      );
    run.generated += built;
    if (failure) {
      run.actionIndex = built;
      throw failure.error;
    }
  }

  /**
   * Claims a successor, encoded in data[start, end), in the shared set: a candidate of this level
   * while its rank is the lowest so far; a full claim list stops every worker for a rerun.
   */
  private claim(
    run: LevelRun,
    hi: number,
    lo: number,
    rank: number,
    parent: number,
    action: number,
    data: Int32Array,
    start: number,
    end: number,
  ): void {
    const seen = run.seen;
    const status = seen.insert(hi, lo, rank);
    if (status === Insert.New || status === Insert.Won)
      run.cands.push(rank, seen.lastClaim, parent, action, run.out.appendRange(data, start, end));
    else if (status === Insert.Full) Atomics.store(this.control, Control.Stop, StopReason.Full);
  }

  // Once the state bound is reached no chunk is begun, but every chunk begun is finished: the
  // level's expanded positions are then all those below some point, as in a one-thread search,
  // so the states it would have kept are all among those found. Other stops end a chunk at once.
  private nextChunk(run: LevelRun): number {
    return Atomics.load(this.control, Control.Stop) === StopReason.MaxStates ? run.msg.end : run.claim();
  }

  private mustStop(position: number): boolean {
    const stop = Atomics.load(this.control, Control.Stop);
    return (
      (stop !== StopReason.None && stop !== StopReason.MaxStates) ||
      position > Atomics.load(this.control, Control.StopBeyond)
    );
  }

  // The buffers of a grown table, claim list, segment or candidate list are garbage once replaced,
  // but their memory is returned only when this thread collects them. A full collection costs
  // tens of milliseconds, so it runs once RELEASE_BYTES of such buffers have piled up. A posted
  // buffer is a new object each level even when its memory is not new: versions tell them apart.
  private releaseReplacedBuffers(msg: LevelMessage): void {
    const sizes = this.bufferSizes();
    if (msg.seen.tableVersion !== this.lastTableVersion) this.replacedBytes += this.lastTable?.byteLength ?? 0;
    if (msg.seen.claimsVersion !== this.lastClaimsVersion) this.replacedBytes += this.lastClaims?.byteLength ?? 0;
    this.replacedBytes += Math.max(0, sizes - this.lastSizes) / 2; // a buffer grows by doubling
    this.lastTable = msg.seen.table;
    this.lastTableVersion = msg.seen.tableVersion;
    this.lastClaims = msg.seen.claims;
    this.lastClaimsVersion = msg.seen.claimsVersion;
    this.lastSizes = sizes;
    if (this.replacedBytes < RELEASE_BYTES) return;
    this.replacedBytes = 0;
    collectGarbage();
  }

  private bufferSizes(): number {
    return this.writers[0]!.buffer.byteLength + this.writers[1]!.buffer.byteLength + this.cands.data.byteLength;
  }

  private readerAt(run: LevelRun, position: number): IntReader {
    const segment = run.segments[run.entries[3 * position]!]!;
    const offset = run.entries[3 * position + 1]!;
    return new IntReader(segment, offset + 1, offset + 1 + segment[offset]!);
  }
}

function atomicMin(array: Int32Array, index: number, value: number): void {
  for (let current = Atomics.load(array, index); value < current; current = Atomics.load(array, index)) {
    if (Atomics.compareExchange(array, index, current, value) === current) return;
  }
}
