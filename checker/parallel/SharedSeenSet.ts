/**
 * The seen set of the parallel search: one fingerprint table in shared memory, 8 bytes a slot,
 * claimed by every worker at once without locks. A worker claims an empty slot by a
 * compare-and-swap on the high word, then takes the next index of the level's claim list from a
 * block of indices it drew from a shared counter, and stores it, marked pending, in the low word;
 * the claim holds the low word itself, the slot, and the lowest rank that discovered the state so
 * far, lowered with atomic minimum, so the discoverer kept is the one a sequential search would
 * have used. One probe sequence per successor; at the level's end the real low words replace the
 * pending marks. The list fills up when the level's new states do, whoever found them.
 *
 * A stored low word has its top bit clear, which is what tells a finished state from a pending
 * claim: fingerprints are 63 bits in this set (64 in the sequential one), so two states that differ
 * only in that bit would be one here; at 2^-63 a pair, below anything the statistics can show.
 */
import { FingerprintTable, MAX_LOAD, grownCapacity } from '../FingerprintTable.js';
import { growMessage, type GrowMessage } from './TableGrowth.js';

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
  /** The level's claim list is full: the level must be run again with a larger one. */
  Full = 4,
}

/** The shared memory of a set, as posted to workers. */
export interface SeenBuffers {
  /** Fingerprints: (hi, lo) word pairs. */
  readonly table: SharedArrayBuffer;
  /** The current level's claims: (lo, rank, slot) word triples. */
  readonly claims: SharedArrayBuffer;
  /** [0]: claims of the current level published by the workers (for progress and the state bound); [1]: states of finished levels; [2]: claims the level may take; [3]: the first claim index no block has taken yet. */
  readonly meta: SharedArrayBuffer;
  /**
   * How many times the table, and the claim list, have been replaced. A buffer posted to a worker
   * arrives as a new object every time, so these, not object identity, tell a worker that it was
   * sent new memory rather than the same memory again.
   */
  readonly tableVersion: number;
  readonly claimsVersion: number;
}

/** Bits of a fingerprint this set keeps: the low word's top bit marks pending claims. */
export const FINGERPRINT_BITS = 63;

/** Marks a low word as the index of a pending claim. */
const PENDING = 0x8000_0000;
/** The low word of a claim that found the claim list full, as the signed view reads it (-1): never a fingerprint's. */
const REFUSED = PENDING | 0x7fff_ffff;
/**
 * The fewest claims a level gets. Small: a level that finds more runs again with twice the room,
 * which costs little on a small level, and a larger minimum held 0.5–5 bytes a state in claims
 * and table headroom on runs of up to a few hundred thousand states.
 */
export const MIN_CLAIMS = 1 << 10;
// A level may fill the table up to this load with its claims; probing then still ends quickly.
const CLAIM_LOAD = 0.95;

/** Claim indices a thread draws from the shared counter at a time. */
const BLOCK = 256;
/** The slot word of a claim index left unused at the end of a thread's last block. */
const UNUSED = 0xffff_ffff;

/** The stored form of a fingerprint's halves: high word never 0 (0 marks an empty slot), low word 63 bits and never 0. */
function storedHi(hi: number): number {
  return hi >>> 0 || 1;
}
function storedLo(lo: number): number {
  return lo & 0x7fff_ffff || 1;
}

/** A shared fingerprint set with per-level claims. */
export class SharedSeenSet {
  private table: FingerprintTable;
  // The table's words as signed integers, for every atomic operation on them. An atomic operation
  // is a call, whose arguments and result are numbers: a word of 2^31 or more in the unsigned view
  // would be a heap number, allocated on each call; in this view every word is a small integer.
  private signed: Int32Array;
  private claims: Uint32Array;
  private meta: Int32Array;
  /** The claim index of the last New or Won insertion. */
  lastClaim = -1;
  private nextClaim = 0; // this thread's block of claim indices: [nextClaim, blockEnd)
  private blockEnd = 0;
  private taken = 0;
  private tableVersion = 0;
  private claimsVersion = 0;

  private constructor(table: FingerprintTable, claims: Uint32Array, meta: Int32Array) {
    this.table = table;
    this.signed = signedWords(table);
    this.claims = claims;
    this.meta = meta;
  }

  /** A new empty set of `capacity` slots. */
  static create(capacity = 1024): SharedSeenSet {
    return new SharedSeenSet(
      FingerprintTable.createShared(capacity),
      sharedWords(3 * MIN_CLAIMS),
      new Int32Array(new SharedArrayBuffer(16)),
    );
  }

  /** The set living in `buffers` (in another thread). */
  static attach(buffers: SeenBuffers): SharedSeenSet {
    const set = new SharedSeenSet(
      new FingerprintTable(new Uint32Array(buffers.table)),
      new Uint32Array(buffers.claims),
      new Int32Array(buffers.meta),
    );
    set.tableVersion = buffers.tableVersion;
    set.claimsVersion = buffers.claimsVersion;
    return set;
  }

  /**
   * Points this set at `buffers`, which may hold a grown table or claim list of the same set. A
   * worker keeps one set object for the whole search this way: code optimised for it stays valid.
   */
  reattach(buffers: SeenBuffers): void {
    if (buffers.tableVersion !== this.tableVersion) this.useTable(new FingerprintTable(new Uint32Array(buffers.table)));
    if (buffers.claimsVersion !== this.claimsVersion) this.claims = new Uint32Array(buffers.claims);
    this.tableVersion = buffers.tableVersion;
    this.claimsVersion = buffers.claimsVersion;
  }

  /** The shared memory, to post to workers (it changes when the table grows or the claim list does). */
  get buffers(): SeenBuffers {
    return {
      table: this.table.words.buffer as SharedArrayBuffer,
      claims: this.claims.buffer as SharedArrayBuffer,
      meta: this.meta.buffer as SharedArrayBuffer,
      tableVersion: this.tableVersion,
      claimsVersion: this.claimsVersion,
    };
  }

  /** Stored fingerprints, with the current level's claims published so far. */
  get size(): number {
    return this.meta[1]! + Atomics.load(this.meta, 0);
  }

  /** States of finished levels. */
  get settled(): number {
    return this.meta[1]!;
  }

  /** Starts this thread's claims of the current level (each thread, before it inserts). */
  startClaiming(): void {
    this.nextClaim = 0;
    this.blockEnd = 0;
    this.taken = 0;
  }

  /** Ends this thread's claims of the level: the rest of its last block is marked unused for `endLevel`. */
  finishClaiming(): void {
    for (let k = this.nextClaim; k < this.blockEnd; k++) this.claims[3 * k + 2] = UNUSED;
    this.nextClaim = this.blockEnd;
  }

  /** Claims this thread has taken since `startClaiming`. */
  get claimsTaken(): number {
    return this.taken;
  }

  /** Adds `count` claims to the published total; returns the states stored with them. */
  publish(count: number): number {
    return this.meta[1]! + Atomics.add(this.meta, 0, count) + count;
  }

  /** Slots of the table. */
  get capacity(): number {
    return this.table.capacity;
  }

  /** Claims the current level may take (threads draw them in blocks). */
  get claimLimit(): number {
    return this.meta[2]!;
  }

  /** Claims the claim list has room for (at least the limit). */
  get claimCapacity(): number {
    return this.claims.length / 3;
  }

  /** Bytes of shared memory held: the table, the claim list (sized for the level, at most four times too large) and the counters. */
  get bytes(): number {
    return this.table.bytes + this.claims.byteLength + this.meta.byteLength;
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
    this.meta[1] = count;
  }

  /**
   * Starts a level expected to find about `expected` new states (coordinating thread, no worker
   * running): the claim list gets room for them (it is reused when large enough), and the table
   * grows so that its states and every claim fit below the claim load: on this thread, unless the
   * workers have grown it already (`growthFor`), as the parallel search has them do.
   */
  beginLevel(expected: number): void {
    const wanted = claimsFor(expected);
    if (this.claimCapacity < wanted || this.claimCapacity > 4 * wanted) this.replaceClaims(wanted);
    this.meta[0] = 0;
    this.meta[2] = wanted;
    this.meta[3] = 0;
    this.reserve(this.meta[1]! + wanted);
  }

  /**
   * The growth the table needs before a level expected to find about `expected` new states, for
   * the workers to copy (`copyRegions`, `finishGrowth`) before `beginLevel`; undefined when it
   * needs none. The set keeps its table until `grown` is called.
   */
  growthFor(expected: number): GrowMessage | undefined {
    const capacity = this.capacityFor(this.meta[1]! + claimsFor(expected));
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
    const wanted = 2 * this.claimLimit;
    if (this.claimCapacity < wanted) this.replaceClaims(wanted);
    this.meta[0] = 0;
    this.meta[2] = wanted;
    this.meta[3] = 0;
    const table = FingerprintTable.createShared(this.capacityFor(this.meta[1]! + wanted));
    table.addAll(old, PENDING);
    this.replaceTable(table);
  }

  /**
   * Ends the level (coordinating thread, no worker running, every thread has finished claiming):
   * every claim's slot gets its real low word, and the claimed states count as stored.
   */
  endLevel(): void {
    const claims = this.claims;
    const words = this.table.words;
    const drawn = Math.min(this.meta[3]!, this.claimLimit);
    let stored = this.meta[1]!;
    for (let k = 0; k < drawn; k++) {
      const slot = claims[3 * k + 2]!;
      if (slot === UNUSED) continue;
      words[2 * slot + 1] = claims[3 * k]!;
      stored++;
    }
    this.meta[1] = stored;
    this.meta[0] = 0;
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
      if (this.claims[3 * k] !== l) continue;
      this.lastClaim = k;
      return this.compete(3 * k + 1, rank);
    }
  }

  // The slot is ours: take a claim index, fill the claim, then publish it in the low word.
  private claim(slot: number, l: number, rank: number): Insert {
    let k = this.nextClaim;
    if (k === this.blockEnd) {
      const limit = this.claimLimit;
      k = Atomics.add(this.meta, 3, BLOCK);
      if (k >= limit) {
        this.nextClaim = this.blockEnd = 0;
        Atomics.store(this.signed, 2 * slot + 1, REFUSED);
        return Insert.Full;
      }
      this.blockEnd = Math.min(k + BLOCK, limit);
    }
    this.nextClaim = k + 1;
    this.taken++;
    const claims = this.claims;
    claims[3 * k] = l;
    claims[3 * k + 1] = rank;
    claims[3 * k + 2] = slot;
    // One sequentially consistent store publishes the claim: a thread that reads PENDING | k with
    // Atomics.load then sees the claim's three words (message passing in the JS memory model).
    Atomics.store(this.signed, 2 * slot + 1, PENDING | k);
    this.lastClaim = k;
    return Insert.New;
  }

  private compete(at: number, rank: number): Insert {
    for (;;) {
      const current = Atomics.load(this.claims, at);
      if (current <= rank) return Insert.Lost;
      if (Atomics.compareExchange(this.claims, at, current, rank) === current) return Insert.Won;
    }
  }

  /** The lowest rank that discovered the state of claim `k` in this level. */
  rankAt(k: number): number {
    return this.claims[3 * k + 1]!;
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

  private replaceClaims(count: number): void {
    this.claims = sharedWords(3 * count);
    this.claimsVersion++;
  }
}

/** The claims a level expected to find about `expected` new states gets room for. */
function claimsFor(expected: number): number {
  return Math.max(MIN_CLAIMS, Math.ceil(expected));
}

function signedWords(table: FingerprintTable): Int32Array {
  return new Int32Array(table.words.buffer, table.words.byteOffset, table.words.length);
}

function sharedWords(count: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(4 * count));
}
