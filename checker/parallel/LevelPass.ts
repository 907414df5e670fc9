/** One worker's pass over one level: its position, its counts, and the chunks of the level it claims. */
import { Control, StopReason, type LevelMessage, type LevelResult, type SeenBuffers } from './messages.js';
import { SharedSeenSet } from './SharedSeenSet.js';
import type { RankedSeenSet } from '../Stores.js';
import type { SegmentWriter } from './SegmentWriter.js';
import type { Candidates } from './Candidates.js';
import { MIN_CHUNK } from './chunkSize.js';

// Named here by its tests, from before it had a file of its own.

/**
 * One worker's pass over a level: where it is, what it found, and the chunks it claims. Chunks
 * are claimed in increasing position order from a shared cursor, so each worker's candidates stay
 * in rank order (the merge relies on it) while a worker that finishes early takes more of the level.
 *
 * A worker keeps one pass object, and its seen set object, for the whole search and `begin`s it
 * anew each level: optimised code that embeds them then stays valid from level to level, where
 * fresh objects every level made it be thrown away and rebuilt each time.
 */
export class LevelPass {
  /** The shared seen set, as the pass's insertions use it. */
  readonly seen: RankedSeenSet;
  private readonly shared: SharedSeenSet; // the same set, for the pass's claims and counts
  // Set by `begin`, which runs before anything reads them.
  msg!: LevelMessage;
  out!: SegmentWriter;
  segments: Int32Array[] = [];
  entries: Int32Array = new Int32Array(0);
  private cursor: Int32Array = new Int32Array(1);
  private chunk = MIN_CHUNK;
  private chunkGenerated: Int32Array = new Int32Array(0);
  generated = 0;
  /** Positions of the level whose check and expansion this pass finished. */
  visited = 0;
  private published = 0; // of `generated`, already added to the shared progress counter
  private claimsPublished = 0; // of the claims taken, already added to the seen set's count
  cutOff = false;
  position = -1;
  actionIndex = -1;

  constructor(
    seen: SeenBuffers,
    readonly cands: Candidates,
  ) {
    this.seen = this.shared = SharedSeenSet.attach(seen);
  }

  /** Starts the pass over the level of `msg`, writing discovered states to `out`. */
  begin(msg: LevelMessage, out: SegmentWriter): void {
    this.msg = msg;
    this.out = out;
    this.shared.reattach(msg.seen);
    this.shared.startClaiming();
    this.segments = msg.segments.map((b) => new Int32Array(b));
    this.entries = new Int32Array(msg.entries);
    this.cursor = new Int32Array(msg.cursor);
    this.chunk = msg.chunk;
    this.chunkGenerated = new Int32Array(msg.chunkGenerated);
    this.generated = 0;
    this.visited = 0;
    this.published = 0;
    this.claimsPublished = 0;
    this.cutOff = false;
    this.position = -1;
    this.actionIndex = -1;
  }

  /** The first position of the next chunk to expand; `msg.end` or more when none is left. */
  claim(): number {
    return this.msg.start + Atomics.add(this.cursor, 0, this.chunk);
  }

  /** The end of the chunk that starts at `first`. */
  chunkEnd(first: number): number {
    return Math.min(this.msg.end, first + this.chunk);
  }

  /** Records that the chunk starting at `first` is done, with the successors generated in it. */
  finishChunk(first: number, generated: number): void {
    this.chunkGenerated[(first - this.msg.start) / this.chunk] = generated;
  }

  /**
   * Every 256 positions (or now): adds the successors generated and the states claimed so far to
   * the shared counts, and asks every worker to stop once the states stored reach the bound (the
   * merge then keeps exactly the bound's number, in rank order).
   */
  publish(control: Int32Array, now: boolean, maxStates: number): void {
    if (!now && (this.position & 255) !== 0) return;
    Atomics.add(control, Control.Generated, this.generated - this.published);
    this.published = this.generated;
    const taken = this.shared.claimsTaken;
    const stored = this.shared.publish(taken - this.claimsPublished);
    this.claimsPublished = taken;
    if (stored >= maxStates) Atomics.compareExchange(control, Control.Stop, StopReason.None, StopReason.MaxStates);
  }

  /** Ends the pass: what the coordinator needs of it. */
  result(error?: LevelResult['error']): LevelResult {
    this.shared.finishClaiming();
    return {
      type: 'level',
      candidates: this.cands.data,
      candidateCount: this.cands.count,
      segment: this.out.buffer,
      generated: this.generated,
      visited: this.visited,
      cutOff: this.cutOff,
      ...(error ? { error } : {}),
    };
  }
}
