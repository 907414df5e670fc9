/**
 * One worker's share of a breadth-first level: decode each state of its range, check it as the
 * sequential explorer does, expand it, and keep every successor for which it is (so far) the
 * lowest-ranked discoverer. Ranks order successors exactly as a sequential search meets them.
 */
import type { Model } from '../../model/Model.js';
import { FingerprintHasher } from '../fingerprint.js';
import { IntBuffer, IntReader } from '../IntBuffer.js';
import { PropertyChecker } from '../PropertyChecker.js';
import { Control, RANK_ACTIONS, StopReason, type LevelMessage, type LevelResult } from './messages.js';
import { Insert, SharedSeenSet } from './SharedSeenSet.js';
import { SegmentWriter } from './SegmentWriter.js';

/** Grows a candidate list of quintuples. */
class Candidates {
  data = new Int32Array(5 * 1024);
  count = 0;
  push(rank: number, slot: number, parent: number, action: number, offset: number): void {
    if (5 * (this.count + 1) > this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const at = 5 * this.count++;
    const data = this.data;
    data[at] = rank | 0;
    data[at + 1] = slot;
    data[at + 2] = parent;
    data[at + 3] = action;
    data[at + 4] = offset;
  }
}

/** Expands ranges of levels for one model. */
export class LevelWorker<S, A> {
  private readonly props: PropertyChecker<S>;
  private readonly hasher = new FingerprintHasher();
  private readonly scratch = new IntBuffer(1024);
  private readonly control: Int32Array;

  constructor(
    private readonly model: Model<S, A>,
    control: SharedArrayBuffer,
    private readonly maxStates: number,
  ) {
    if (!model.encode || !model.decode) throw new Error('the model cannot be decoded, so it cannot be explored by several workers');
    this.props = new PropertyChecker(model, model.properties());
    this.control = new Int32Array(control);
  }

  /** Runs one range; model exceptions are reported with the position and action. */
  run(msg: LevelMessage): LevelResult {
    const seen = SharedSeenSet.attach(msg.seen);
    const segments = msg.segments.map((b) => new Int32Array(b));
    const entries = new Int32Array(msg.entries);
    const out = new SegmentWriter();
    const cands = new Candidates();
    let generated = 0;
    let published = 0; // of `generated`, already added to the shared progress counter
    let cutOff = false;
    let violation = -1;
    let position = msg.start;
    let actionIndex = -1;
    try {
      for (; position < msg.end; position++) {
        if ((position & 127) === 0 && this.mustStop(position)) break;
        const state = this.decodeAt(segments, entries, position);
        if (this.model.withinBoundary && !this.model.withinBoundary(state)) continue;
        const actions = this.model.actions(state);
        if (!this.props.invariantsHold(state) || this.props.isDeadlock(state, actions.length)) {
          violation = position;
          atomicMin(this.control, Control.BestViolation, position);
          break;
        }
        if (actions.length === 0) continue;
        if (!msg.expand) {
          cutOff = true;
          continue;
        }
        if (actions.length >= RANK_ACTIONS) throw new RangeError(`a state has ${actions.length} enabled actions; the parallel search supports at most ${RANK_ACTIONS - 1} (use --workers 1)`);
        const parent = entries[3 * position + 2]!;
        for (actionIndex = 0; actionIndex < actions.length; actionIndex++) {
          const next = this.model.nextState(state, actions[actionIndex] as A);
          generated++;
          if (this.dedupe(next, seen, position * RANK_ACTIONS + actionIndex + 1, parent, actionIndex, out, cands) === Insert.New && seen.size >= msg.fullAt) {
            Atomics.store(this.control, Control.Stop, seen.size >= this.maxStates ? StopReason.MaxStates : StopReason.Full);
          }
        }
        actionIndex = -1;
        if ((position & 255) === 0) {
          Atomics.add(this.control, Control.Generated, generated - published);
          published = generated;
        }
      }
    } catch (e) {
      const err = e as Error;
      Atomics.store(this.control, Control.Stop, StopReason.Requested);
      Atomics.add(this.control, Control.Generated, generated - published);
      return this.result(out, cands, generated, cutOff, violation, { message: err.message ?? String(e), ...(err.stack ? { stack: err.stack } : {}), position, actionIndex });
    }
    Atomics.add(this.control, Control.Generated, generated - published);
    return this.result(out, cands, generated, cutOff, violation);
  }

  private mustStop(position: number): boolean {
    return Atomics.load(this.control, Control.Stop) !== StopReason.None || position > Atomics.load(this.control, Control.BestViolation);
  }

  private decodeAt(segments: Int32Array[], entries: Int32Array, position: number): S {
    const segment = segments[entries[3 * position]!]!;
    const offset = entries[3 * position + 1]!;
    return this.model.decode!(new IntReader(segment, offset + 1, offset + 1 + segment[offset]!));
  }

  private dedupe(next: S, seen: SharedSeenSet, rank: number, parent: number, action: number, out: SegmentWriter, cands: Candidates): Insert {
    const scratch = this.scratch;
    scratch.clear();
    this.model.encode!(next, scratch);
    const hasher = this.hasher;
    hasher.reset();
    const data = scratch.data;
    for (let i = 0; i < scratch.length; i++) hasher.int(data[i]!);
    hasher.finish();
    const status = seen.insert(hasher.hi, hasher.lo, rank);
    if (status === Insert.New || status === Insert.Won) {
      cands.push(rank, seen.lastSlot, parent, action, out.append(data, scratch.length));
    }
    return status;
  }

  private result(out: SegmentWriter, cands: Candidates, generated: number, cutOff: boolean, violation: number, error?: LevelResult['error']): LevelResult {
    return {
      type: 'level',
      candidates: cands.data,
      candidateCount: cands.count,
      segment: out.buffer,
      generated,
      cutOff,
      violation,
      ...(error ? { error } : {}),
    };
  }
}

function atomicMin(array: Int32Array, index: number, value: number): void {
  for (let current = Atomics.load(array, index); value < current; current = Atomics.load(array, index)) {
    if (Atomics.compareExchange(array, index, current, value) === current) return;
  }
}
