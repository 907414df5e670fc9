/**
 * The seen set of the parallel search: one fingerprint table in shared memory, 8 bytes a slot,
 * claimed by every worker at once without locks. A worker claims an empty slot by a
 * compare-and-swap on the high word, then takes the next index of the level's claim list
 * (`ClaimList`: from a block of indices it drew from a shared counter), and stores it, marked
 * pending, in the low word; the claim holds the low word itself, the slot, and the lowest rank
 * that discovered the state so far, lowered with atomic minimum, so the discoverer kept is the one
 * a sequential search would have used. One probe sequence per successor; at the level's end the
 * real low words replace the pending marks.
 *
 * A stored low word has its top bit clear, which is what tells a finished state from a pending
 * claim: fingerprints are 63 bits in this set (64 in the sequential one), so two states that differ
 * only in that bit would be one here; at 2^-63 a pair, below anything the statistics can show.
 */
import { FingerprintTable, MAX_LOAD, grownCapacity } from '../FingerprintTable.js';
import { Insert, type RankedSeenSet } from '../Stores.js';
import { ClaimList, Meta, claimsFor } from './ClaimList.js';
import type { SeenBuffers } from './messages.js';
import { growMessage, type GrowMessage } from './TableGrowth.js';

// What `insert` answers, and the fewest claims a level gets, for users of the set itself.
export { Insert } from '../Stores.js';
export { MIN_CLAIMS } from './ClaimList.js';

/** Bits of a fingerprint this set keeps: the low word's top bit marks pending claims. */
export const FINGERPRINT_BITS = 63;

/** Marks a low word as the index of a pending claim. */
export const PENDING = 0x8000_0000;
/** The low word of a claim that found the claim list full, as the signed view reads it (-1): never a fingerprint's. */
const REFUSED = PENDING | 0x7fff_ffff;
// A level may fill the table up to this load with its claims; probing then still ends quickly.
const CLAIM_LOAD = 0.95;

/** The stored form of a fingerprint's halves: high word never 0 (0 marks an empty slot), low word 63 bits and never 0. */
export function storedHi(hi: number): number {
  return hi >>> 0 || 1;
}
export function storedLo(lo: number): number {
  return lo & 0x7fff_ffff || 1;
}

/** A shared fingerprint set with per-level claims. */
export class SharedSeenSet implements RankedSeenSet {
  private table: FingerprintTable;
  // The table's words as signed integers, for every atomic operation on them. An atomic operation
  // is a call, whose arguments and result are numbers: a word of 2^31 or more in the unsigned view
  // would be a heap number, allocated on each call; in this view every word is a small integer.
  private signed: Int32Array;
  private readonly claims: ClaimList;
  private readonly meta: Int32Array;
  /** The claim index of the last New or Won insertion. */
  lastClaim = -1;
  private tableVersion = 0;

  private constructor(table: FingerprintTable, claims: ClaimList, meta: Int32Array) {
    this.table = table;
    this.signed = signedWords(table);
    this.claims = claims;
    this.meta = meta;
  }

  /** A new empty set of `capacity` slots. */
  static create(capacity = 1024): SharedSeenSet {
    const meta = new Int32Array(new SharedArrayBuffer(4 * Meta.Size));
    return new SharedSeenSet(FingerprintTable.createShared(capacity), ClaimList.create(meta), meta);
  }

  /** The set living in `buffers` (in another thread). */
  static attach(buffers: SeenBuffers): SharedSeenSet {
    const meta = new Int32Array(buffers.meta);
    const set = new SharedSeenSet(
      new FingerprintTable(new Uint32Array(buffers.table)),
      new ClaimList(new Uint32Array(buffers.claims), meta, buffers.claimsVersion),
      meta,
    );
    set.tableVersion = buffers.tableVersion;
    return set;
  }

  /**
   * Points this set at `buffers`, which may hold a grown table or claim list of the same set. A
   * worker keeps one set object for the whole search this way: code optimised for it stays valid.
   */
  reattach(buffers: SeenBuffers): void {
    if (buffers.tableVersion !== this.tableVersion) this.useTable(new FingerprintTable(new Uint32Array(buffers.table)));
    this.claims.reattach(buffers.claims, buffers.claimsVersion);
    this.tableVersion = buffers.tableVersion;
  }

  /** The shared memory, to post to workers (it changes when the table grows or the claim list does). */
  get buffers(): SeenBuffers {
    return {
      table: this.table.words.buffer as SharedArrayBuffer,
      claims: this.claims.buffer,
      meta: this.meta.buffer as SharedArrayBuffer,
      tableVersion: this.tableVersion,
      claimsVersion: this.claims.version,
    };
  }

  /** The table: (hi, lo) word pairs, (0, 0) empty, a pending claim's low word marked PENDING (coordinating thread, no worker running). */
  get words(): Uint32Array {
    return this.table.words;
  }

  /** Stored fingerprints, with the current level's claims published so far. */
  get size(): number {
    return this.meta[Meta.Settled]! + Atomics.load(this.meta, Meta.Published);
  }

  /** States of finished levels. */
  get settled(): number {
    return this.meta[Meta.Settled]!;
  }

  /** Starts this thread's claims of the current level (each thread, before it inserts). */
  startClaiming(): void {
    this.claims.start();
  }

  /** Ends this thread's claims of the level: the rest of its last block is marked unused for `endLevel`. */
  finishClaiming(): void {
    this.claims.finish();
  }

  /** Claims this thread has taken since `startClaiming`. */
  get claimsTaken(): number {
    return this.claims.claimsTaken;
  }

  /** Adds `count` claims to the published total; returns the states stored with them. */
  publish(count: number): number {
    return this.meta[Meta.Settled]! + Atomics.add(this.meta, Meta.Published, count) + count;
  }

  /** Slots of the table. */
  get capacity(): number {
    return this.table.capacity;
  }

  /** Claims the current level may take (threads draw them in blocks). */
  get claimLimit(): number {
    return this.claims.limit;
  }

  /** Claims the claim list has room for (at least the limit). */
  get claimCapacity(): number {
    return this.claims.capacity;
  }

  /** Bytes of shared memory held: the table, the claim list (sized for the level, at most four times too large) and the counters. */
  get bytes(): number {
    return this.table.bytes + this.claims.bytes + this.meta.byteLength;
  }

  /**
   * Takes over the fingerprints of a one-thread search's set (its table's words, (0, 0) empty) as
   * `count` states of finished levels (coordinating thread, before the first level). A fingerprint
   * is cut to the 63 bits this set keeps as `insert` cuts it, so the states are found again.
   */
  adopt(words: Uint32Array, count: number): void {
    const table = FingerprintTable.createShared(this.capacityFor(count));
    for (let i = 0; i < words.length; i += 2) {
      const hi = words[i]!;
      const lo = words[i + 1]!;
      if ((hi | lo) !== 0) table.add(storedHi(hi), storedLo(lo));
    }
    this.replaceTable(table);
    this.meta[Meta.Settled] = count;
  }

  /**
   * Starts a level expected to find about `expected` new states (coordinating thread, no worker
   * running): the claim list gets room for them (it is reused when large enough), and the table
   * grows so that its states and every claim fit below the claim load: on this thread, unless the
   * workers have grown it already (`growthFor`), as the parallel search has them do.
   */
  beginLevel(expected: number): void {
    const wanted = claimsFor(expected);
    this.claims.begin(wanted);
    this.reserve(this.meta[Meta.Settled]! + wanted);
  }

  /**
   * The growth the table needs before a level expected to find about `expected` new states, for
   * the workers to copy (`copyRegions`, `finishGrowth`) before `beginLevel`; undefined when it
   * needs none. The set keeps its table until `grown` is called.
   */
  growthFor(expected: number): GrowMessage | undefined {
    const capacity = this.capacityFor(this.meta[Meta.Settled]! + claimsFor(expected));
    return capacity === this.capacity ? undefined : growMessage(this.table, FingerprintTable.createShared(capacity));
  }

  /** Points the set at the grown table, once it is complete. */
  grown(table: FingerprintTable): void {
    this.replaceTable(table);
  }

  /**
   * Forgets the claims of a level that has to run again, with a claim list twice as large
   * (coordinating thread, no worker running): the table is rebuilt from its finished states only.
   */
  retryLevel(): void {
    const old = this.table;
    const wanted = this.claims.retry();
    const table = FingerprintTable.createShared(this.capacityFor(this.meta[Meta.Settled]! + wanted));
    table.addAll(old, PENDING);
    this.replaceTable(table);
  }

  /**
   * Ends the level (coordinating thread, no worker running, every thread has finished claiming):
   * every claim's slot gets its real low word, and the claimed states count as stored.
   */
  endLevel(): void {
    this.meta[Meta.Settled] = this.meta[Meta.Settled]! + this.claims.settle(this.table.words);
    this.meta[Meta.Published] = 0;
  }

  /** Reads the slot an insertion of a fingerprint with high half `hi` probes first (see `SuccessorBatch`). */
  warm(hi: number): number {
    const table = this.table;
    return table.words[2 * table.home(storedHi(hi))]!;
  }

  /** Inserts a fingerprint discovered with `rank` (> 0). */
  insert(fpHi: number, fpLo: number, rank: number): Insert {
    const h = storedHi(fpHi);
    const l = storedLo(fpLo);
    const words = this.table.words;
    const signed = this.signed;
    const capacity = this.table.capacity;
    for (let slot = this.table.home(h); ; slot = slot + 1 === capacity ? 0 : slot + 1) {
      // A plain read: a high word is written once (0 to h, by compare-and-swap) in a table's
      // life, so a stale 0 is corrected by the compare-and-swap. Atomics.load, which V8 does not
      // compile to a plain load, made a probe sequence about twice as slow in a micro-benchmark.
      let seen = words[2 * slot]!;
      if (seen === 0) {
        seen = Atomics.compareExchange(signed, 2 * slot, 0, h | 0) >>> 0;
        if (seen === 0) return this.claim(slot, l, rank);
      }
      if (seen !== h) continue;
      // Within a level a low word only goes from 0 to a pending mark, and a finished one never
      // changes: so a plain read that finds this fingerprint, or another finished one, is final.
      const low = words[2 * slot + 1]!;
      if (low === l) return Insert.Old;
      if (low !== 0 && (low & PENDING) === 0) continue;
      // A claim of this level, or one being made: read atomically, which makes its words visible.
      let mark = Atomics.load(signed, 2 * slot + 1);
      while (mark === 0) mark = Atomics.load(signed, 2 * slot + 1); // the claimer is between its two stores
      if (mark === REFUSED) continue;
      const k = mark & 0x7fff_ffff;
      if (this.claims.lowAt(k) !== l) continue;
      this.lastClaim = k;
      return this.claims.compete(k, rank);
    }
  }

  // The slot is ours: take a claim index, fill the claim, then publish it in the low word.
  private claim(slot: number, l: number, rank: number): Insert {
    const k = this.claims.take(l, rank, slot);
    if (k < 0) {
      Atomics.store(this.signed, 2 * slot + 1, REFUSED);
      return Insert.Full;
    }
    // One sequentially consistent store publishes the claim: a thread that reads PENDING | k with
    // Atomics.load then sees the claim's three words (message passing in the JS memory model).
    Atomics.store(this.signed, 2 * slot + 1, PENDING | k);
    this.lastClaim = k;
    return Insert.New;
  }

  /** The lowest rank that discovered the state of claim `k` in this level. */
  rankAt(k: number): number {
    return this.claims.rankAt(k);
  }

  /** Whether a fingerprint of a finished level is stored (coordinating thread). */
  has(fpHi: number, fpLo: number): boolean {
    return this.table.has(storedHi(fpHi), storedLo(fpLo));
  }

  // The smallest capacity of the table's growth sequence that holds `count` fingerprints below the claim load.
  private capacityFor(count: number): number {
    let capacity = this.capacity;
    while (Math.floor(capacity * Math.min(MAX_LOAD, CLAIM_LOAD)) < count) capacity = grownCapacity(capacity);
    return capacity;
  }

  // Grows the table, in one step, to hold `count` fingerprints.
  private reserve(count: number): void {
    const capacity = this.capacityFor(count);
    if (capacity === this.capacity) return;
    const next = FingerprintTable.createShared(capacity);
    next.addAll(this.table);
    this.replaceTable(next);
  }

  private replaceTable(table: FingerprintTable): void {
    this.useTable(table);
    this.tableVersion++;
  }

  private useTable(table: FingerprintTable): void {
    this.table = table;
    this.signed = signedWords(table);
  }
}

function signedWords(table: FingerprintTable): Int32Array {
  return new Int32Array(table.words.buffer, table.words.byteOffset, table.words.length);
}
