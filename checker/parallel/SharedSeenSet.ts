/**
 * The seen set of the parallel search, in shared memory. States of finished levels live in a
 * fingerprint table (8 bytes a slot) that only the coordinating thread writes, between levels.
 * The current level's discoveries go to a level table of (hi, lo, rank) triples that every worker
 * writes at once without locks: a slot is claimed by a compare-and-swap on the high word, the low
 * word is stored last (so a reader that sees both halves sees a finished entry), and the rank of
 * the state's discoverer is lowered with atomic minimum, so that the discoverer kept is the one a
 * sequential search would have used. At a level's end its states move into the fingerprint table,
 * so ranks cost memory only in a table sized for one level's new states.
 */
import { FingerprintTable, MAX_LOAD, grownCapacity } from '../FingerprintTable.js';

/** What an insertion found. */
export const enum Insert {
  /** The fingerprint was absent: this caller stored it and holds the lowest rank so far. */
  New = 0,
  /** Present from an earlier level: nothing to do. */
  Old = 1,
  /** Present from this level, and this caller's rank is the lowest so far. */
  Won = 2,
  /** Present from this level, with a lower rank than this caller's. */
  Lost = 3,
}

/** The shared memory of a set, as posted to workers. */
export interface SeenBuffers {
  /** Fingerprints of finished levels: (hi, lo) word pairs. */
  readonly table: SharedArrayBuffer;
  /** Fingerprints of the current level: (hi, lo, rank) word triples. */
  readonly level: SharedArrayBuffer;
  /** [0]: stored fingerprints, the current level's included; [1]: the count at which the level table takes no more. */
  readonly meta: SharedArrayBuffer;
}

/** The smallest level table, in slots: room for the states a worker finds before it sees a stop request. */
export const MIN_LEVEL_CAPACITY = 1 << 14;
// The level table refuses new fingerprints past this load, so that probing always ends at an empty
// slot; the level then fills past its `fullAt` first and is run again with a larger table.
const HARD_LOAD = 0.97;

/** A shared fingerprint set with per-level discoverer ranks. */
export class SharedSeenSet {
  private table: FingerprintTable;
  private level: Uint32Array;
  private levelScale: number; // level capacity / 2^32, for the home slot
  private readonly meta: Int32Array;
  private settled = 0; // fingerprints in the table (coordinating thread only)
  private levelClean = true; // the level table holds nothing (coordinating thread only)
  /** The slot of the last insertion in the level table. */
  lastSlot = -1;

  private constructor(table: FingerprintTable, level: Uint32Array, meta: Int32Array) {
    this.table = table;
    this.level = level;
    this.levelScale = this.levelCapacity / 2 ** 32;
    this.meta = meta;
  }

  /** A new empty set whose table has `capacity` slots, with no level begun. */
  static create(capacity = 1024): SharedSeenSet {
    return new SharedSeenSet(FingerprintTable.createShared(capacity), sharedWords(0), new Int32Array(new SharedArrayBuffer(8)));
  }

  /** The set living in `buffers` (in another thread). */
  static attach(buffers: SeenBuffers): SharedSeenSet {
    return new SharedSeenSet(new FingerprintTable(new Uint32Array(buffers.table)), new Uint32Array(buffers.level), new Int32Array(buffers.meta));
  }

  /** The shared memory, to post to workers (it changes when the table grows or a level begins). */
  get buffers(): SeenBuffers {
    return { table: this.table.words.buffer as SharedArrayBuffer, level: this.level.buffer as SharedArrayBuffer, meta: this.meta.buffer as SharedArrayBuffer };
  }

  /** Stored fingerprints, the current level's included. */
  get size(): number {
    return Atomics.load(this.meta, 0);
  }

  /** Slots of the table of finished levels. */
  get capacity(): number {
    return this.table.capacity;
  }

  /** Slots of the current level's table. */
  get levelCapacity(): number {
    return this.level.length / 3;
  }

  /** Bytes of shared memory held: the table, the level table and the counters. */
  get bytes(): number {
    return this.table.bytes + this.level.byteLength + this.meta.byteLength;
  }

  /** The size at which the level table is `load` full (workers then stop, and the level is run again with a larger one). */
  levelFullAt(load: number): number {
    return this.settled + Math.floor(this.levelCapacity * load);
  }

  /**
   * Starts (or restarts) a level with an empty level table of at least `capacity` slots
   * (coordinating thread, no worker running). The table of the last level is reused when it is
   * clean and no more than four times too large: every new SharedArrayBuffer stays referenced by
   * the workers' last messages until their next full collection, which in their small heaps comes
   * late, so a table allocated for every level would hold memory long after its level.
   */
  beginLevel(capacity: number): void {
    const wanted = Math.max(MIN_LEVEL_CAPACITY, Math.ceil(capacity));
    const current = this.levelCapacity;
    if (!this.levelClean || current < wanted || current > 4 * wanted) this.level = sharedWords(3 * wanted);
    this.levelClean = false;
    this.levelScale = this.levelCapacity / 2 ** 32;
    this.meta[0] = this.settled;
    this.meta[1] = this.settled + Math.floor(this.levelCapacity * HARD_LOAD);
  }

  /**
   * Ends the level: every state claimed in it moves into the table of finished levels, and the
   * level table is cleared for the next level (coordinating thread, no worker running). The merge
   * keeps one discoverer of every claimed state, so these are exactly the level's new states; only
   * a merge cut short by the state bound keeps fewer, and the search ends there. Slots are read in
   * order, and a fingerprint's home slot grows with its high word in both tables, so the table is
   * filled front to back rather than at random.
   */
  endLevel(): void {
    this.reserve(Atomics.load(this.meta, 0));
    const words = this.level;
    for (let at = 0; at < words.length; at += 3) {
      const h = words[at]!;
      if (h === 0) continue;
      if (this.table.add(h, words[at + 1]!)) this.settled++;
      words[at] = 0;
      words[at + 1] = 0;
      words[at + 2] = 0;
    }
    this.levelClean = true;
    this.meta[0] = this.settled;
  }

  /** Inserts a fingerprint discovered with `rank` (> 0); `lastSlot` is its level slot afterwards. */
  insert(fpHi: number, fpLo: number, rank: number): Insert {
    const h = fpHi >>> 0 || 1; // zero words mark empty and unfinished slots
    const l = fpLo >>> 0 || 1;
    if (this.table.has(h, l)) return Insert.Old;
    const words = this.level;
    const capacity = this.levelCapacity;
    for (let slot = Math.floor(h * this.levelScale); ; slot = slot + 1 === capacity ? 0 : slot + 1) {
      let seen = Atomics.load(words, 3 * slot);
      if (seen === 0) {
        if (Atomics.load(this.meta, 0) >= this.meta[1]!) return Insert.Lost; // the level is run again
        seen = Atomics.compareExchange(words, 3 * slot, 0, h);
        if (seen === 0) {
          Atomics.store(words, 3 * slot + 2, rank);
          Atomics.store(words, 3 * slot + 1, l);
          Atomics.add(this.meta, 0, 1);
          this.lastSlot = slot;
          return Insert.New;
        }
      }
      if (seen !== h) continue;
      let low = Atomics.load(words, 3 * slot + 1);
      while (low === 0) low = Atomics.load(words, 3 * slot + 1); // the claimer is between its two stores
      if (low !== l) continue;
      this.lastSlot = slot;
      return this.compete(3 * slot + 2, rank);
    }
  }

  private compete(at: number, rank: number): Insert {
    for (;;) {
      const current = Atomics.load(this.level, at);
      if (current <= rank) return Insert.Lost;
      if (Atomics.compareExchange(this.level, at, current, rank) === current) return Insert.Won;
    }
  }

  /** The lowest rank that discovered the state in level slot `slot`. */
  rankAt(slot: number): number {
    return this.level[3 * slot + 2]!;
  }

  // Grows the table, in one step, to hold `count` fingerprints at no more than its maximum load.
  private reserve(count: number): void {
    let capacity = this.table.capacity;
    while (Math.floor(capacity * MAX_LOAD) < count) capacity = grownCapacity(capacity);
    if (capacity === this.table.capacity) return;
    const next = FingerprintTable.createShared(capacity);
    next.addAll(this.table);
    this.table = next;
  }

  /** Whether a fingerprint of a finished level is stored (coordinating thread, no worker running). */
  has(fpHi: number, fpLo: number): boolean {
    return this.table.has(fpHi >>> 0 || 1, fpLo >>> 0 || 1);
  }
}

function sharedWords(count: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(4 * count));
}
