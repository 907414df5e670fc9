/**
 * One worker's share of a breadth-first level: load each state of its range, check and expand it
 * with the `StateVisitor` the one-thread search uses, and keep every successor for which it is
 * (so far) the lowest-ranked discoverer. Ranks order successors as a one-thread search meets them.
 */
import type { Model } from '../../model/Model.js';
import { PropertyChecker } from '../PropertyChecker.js';
import { Insert } from '../Stores.js';
import { Control, RANK_ACTIONS, StopReason, type LevelMessage, type LevelResult } from './messages.js';
import { SegmentWriter } from './SegmentWriter.js';
import { Candidates } from './Candidates.js';
import type { SuccessorBatch } from '../SuccessorBatch.js';
import { LevelPass } from './LevelPass.js';
import { collectGarbage } from './collectGarbage.js';
import { propertiesOf } from '../modelContract.js';
import { EncodingAudit } from '../EncodingAudit.js';
import { ModelExpansion } from '../search/ModelExpansion.js';
import { PackedExpansion } from '../search/PackedExpansion.js';
import { searchFormOf, storedStateOf } from '../search/SearchForm.js';
import { StateVisitor, VIOLATED, type ScanHost } from '../search/StateVisitor.js';
import { StatementCounter, statementsOf } from '../StatementCoverage.js';

// Bytes of replaced shared buffers at which a worker collects its heap to give them back.
const RELEASE_BYTES = 64 << 20;

/** Expands ranges of levels for one model. */
export class LevelWorker<S, A> implements ScanHost {
  private readonly props: PropertyChecker<S>;
  private readonly control: Int32Array;
  // Where discovered states go: the writer of a level's parity, whose states of two levels ago
  // have been expanded by now; and the candidate list, read by the merge before the next level.
  private readonly writers = [new SegmentWriter(), new SegmentWriter()];
  private readonly cands = new Candidates();
  private pass: LevelPass | undefined;
  private stateVisitor: StateVisitor<S, A> | undefined;
  private firstRank = 0; // the rank of the first successor of the state being visited
  private lastTable: SharedArrayBuffer | undefined;
  private lastTableVersion = 0;
  private lastClaims: SharedArrayBuffer | undefined;
  private lastClaimsVersion = 0;
  private lastSizes = 0;
  private replacedBytes = 0;
  private readonly coverage: StatementCounter | undefined;

  constructor(
    private readonly model: Model<S, A>,
    control: SharedArrayBuffer,
    private readonly maxStates: number,
    private readonly symmetry: boolean,
    coverage = false,
  ) {
    if (!model.encode || !model.decode)
      throw new Error('the model cannot be decoded, so it cannot be explored by several workers');
    this.props = new PropertyChecker(model, propertiesOf(model));
    this.control = new Int32Array(control);
    this.coverage = coverage ? new StatementCounter(statementsOf(model as Model<unknown, unknown>) ?? []) : undefined;
  }

  /** Expands this worker's share of a level; model exceptions are reported with the position and action. */
  expandLevel(msg: LevelMessage): LevelResult {
    this.releaseReplacedBuffers(msg);
    const out = this.writers[msg.depth & 1]!;
    out.reset();
    this.cands.reset();
    const pass = (this.pass ??= new LevelPass(msg.seen, this.cands));
    pass.begin(msg, out);
    const visitor = (this.stateVisitor ??= this.makeVisitor(pass));
    visitor.cutOff = false;
    try {
      for (let first = this.nextChunk(pass); first < msg.end; first = this.nextChunk(pass)) {
        const end = pass.chunkEnd(first);
        const generated = pass.generated;
        const ended = visitor.scan(first, end, msg.expand, this);
        if (ended.verdict === VIOLATED) {
          atomicMin(this.control, Control.BestViolation, ended.position);
          atomicMin(this.control, Control.StopBeyond, ended.position);
          break;
        }
        if (ended.position < end) break; // asked to stop
        pass.finishChunk(first, pass.generated - generated);
      }
    } catch (e) {
      const err = e as Error;
      // The others go on below this position: a one-thread search would meet what is there first.
      atomicMin(this.control, Control.StopBeyond, pass.position);
      pass.publish(this.control, true, this.maxStates);
      pass.cutOff = visitor.cutOff;
      pass.actionIndex = visitor.activeAction;
      return this.withCoverage(
        pass.result({
          message: err.message ?? String(e),
          ...(err.stack ? { stack: err.stack } : {}),
          position: pass.position,
          actionIndex: pass.actionIndex,
        }),
      );
    }
    pass.publish(this.control, true, this.maxStates);
    pass.cutOff = visitor.cutOff;
    return this.withCoverage(pass.result());
  }

  // A level's counts go with its result: the coordinator adds them only if the level is not run again.
  private withCoverage(result: LevelResult): LevelResult {
    return this.coverage === undefined ? result : { ...result, coverage: this.coverage.take() };
  }

  // Made with the first level: the visitor reads ahead in the shared seen set the pass attaches.
  private makeVisitor(pass: LevelPass): StateVisitor<S, A> {
    const model = this.model;
    const form = searchFormOf(model, this.symmetry);
    const expansion =
      form.kind === 'packed'
        ? new PackedExpansion(model, form.expander)
        : new ModelExpansion(model, {
            encode: form.encode,
            audit: EncodingAudit.of(model),
            checkPurity: false,
            traceTo,
            stored: storedStateOf(form),
          });
    const limit = { max: RANK_ACTIONS - 1, error: tooManyActions };
    return new StateVisitor(expansion, this.props, undefined, pass.seen, limit, this.coverage);
  }

  /** Loads the state at `position` of the level (ScanHost). */
  load(position: number): number {
    const pass = this.pass!;
    pass.position = position;
    const segment = pass.segments[pass.entries[3 * position]!]!;
    const offset = pass.entries[3 * position + 1]!;
    this.stateVisitor!.expansion.loadEncoded(segment, offset + 1, offset + 1 + segment[offset]!);
    this.firstRank = position * RANK_ACTIONS + 1;
    return pass.entries[3 * position + 2]!;
  }

  /** Looks at the shared stop word every 128 positions (ScanHost). */
  mustStop(position: number): boolean {
    return (position & 127) === 0 && this.stopAsked(position);
  }

  /** Counts the state and, every 256 positions, publishes the counts (ScanHost). */
  visited(): void {
    const pass = this.pass!;
    pass.visited++;
    pass.publish(this.control, false, this.maxStates);
  }

  /** Claims successor `k` of the state being visited (see `claim`); a worker never stops on the state bound here. */
  keep(batch: SuccessorBatch, k: number, parentId: number): boolean {
    const pass = this.pass!;
    pass.generated++;
    // Fingerprint halves go on as signed integers: one of 2^31 or more would be a heap number, allocated per call.
    const data = batch.data;
    this.claim(
      pass,
      batch.hi(k) | 0,
      batch.lo(k) | 0,
      this.firstRank + k,
      parentId,
      k,
      data,
      batch.start(k),
      batch.end(k),
    );
    return false;
  }

  /**
   * Claims a successor, encoded in data[start, end), in the shared set: a candidate of this level
   * while its rank is the lowest so far; a full claim list stops every worker for a rerun.
   */
  private claim(
    pass: LevelPass,
    hi: number,
    lo: number,
    rank: number,
    parent: number,
    action: number,
    data: Int32Array,
    start: number,
    end: number,
  ): void {
    const seen = pass.seen;
    const status = seen.insert(hi, lo, rank);
    if (status === Insert.New || status === Insert.Won)
      pass.cands.push(rank, seen.lastClaim, parent, action, pass.out.appendRange(data, start, end));
    else if (status === Insert.Full) Atomics.store(this.control, Control.Stop, StopReason.Full);
  }

  // Once the state bound is reached no chunk is begun, but every chunk begun is finished: the
  // level's expanded positions are then all those below some point, as in a one-thread search,
  // so the states it would have kept are all among those found. Other stops end a chunk at once.
  private nextChunk(pass: LevelPass): number {
    return Atomics.load(this.control, Control.Stop) === StopReason.MaxStates ? pass.msg.end : pass.claim();
  }

  private stopAsked(position: number): boolean {
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
}

function traceTo(): never {
  throw new Error('a worker rebuilds no traces'); // purity is checked by the one-thread search only
}

function tooManyActions(count: number): Error {
  return new RangeError(
    `a state has ${count} enabled actions; the parallel search supports at most ${RANK_ACTIONS - 1} (use --workers 1)`,
  );
}

function atomicMin(array: Int32Array, index: number, value: number): void {
  for (let current = Atomics.load(array, index); value < current; current = Atomics.load(array, index)) {
    if (Atomics.compareExchange(array, index, current, value) === current) return;
  }
}
