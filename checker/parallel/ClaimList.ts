/**
 * The claims of the level in progress, one for each new state found in it, however many workers
 * found it: (low word, rank, slot) word triples in shared memory. A thread takes claim indices
 * from a block of BLOCK it drew from a shared counter, so the counter is touched once every BLOCK
 * claims; a claim keeps the lowest rank that discovered its state so far, lowered with atomic
 * minimum, so the discoverer kept is the one a sequential search would have used. The list fills
 * up when the level's new states do, whoever found them; the level then runs again with more room.
 *
 * The table of `SharedSeenSet` points at a claim by its index, and publishes it: this list only
 * fills the claim's words, which the table's store of the index then makes visible.
 */
import { Insert } from '../Stores.js';

/** The words of a seen set's counters (Int32 in shared memory; see `SeenBuffers.meta`). */
export const enum Meta {
  /** Claims of the current level published by the workers (for progress and the state bound). */
  Published = 0,
  /** States of finished levels. */
  Settled = 1,
  /** Claims the level may take. */
  Limit = 2,
  /** The first claim index no block has taken yet. */
  Drawn = 3,
  Size = 4,
}

/**
 * The fewest claims a level gets. Small: a level that finds more runs again with twice the room,
 * which costs little on a small level, and a larger minimum held 0.5–5 bytes a state in claims
 * and table headroom on runs of up to a few hundred thousand states.
 */
export const MIN_CLAIMS = 1 << 10;

/** Claim indices a thread draws from the shared counter at a time. */
const BLOCK = 256;
/** The slot word of a claim index left unused at the end of a thread's last block. */
const UNUSED = 0xffff_ffff;

/** The claims a level expected to find about `expected` new states gets room for. */
export function claimsFor(expected: number): number {
  return Math.max(MIN_CLAIMS, Math.ceil(expected));
}

/** One thread's view of the current level's claim list. */
export class ClaimList {
  private words: Uint32Array;
  private readonly meta: Int32Array;
  private nextClaim = 0; // this thread's block of claim indices: [nextClaim, blockEnd)
  private blockEnd = 0;
  private taken = 0;
  /** How many times the list has been replaced (see `SeenBuffers.claimsVersion`). */
  version: number;

  constructor(words: Uint32Array, meta: Int32Array, version = 0) {
    this.words = words;
    this.meta = meta;
    this.version = version;
  }

  /** A new list of MIN_CLAIMS claims, counted in `meta`. */
  static create(meta: Int32Array): ClaimList {
    return new ClaimList(sharedWords(3 * MIN_CLAIMS), meta);
  }

  /** Points this list at `buffer`, unless `version` says it is the memory it has. */
  reattach(buffer: SharedArrayBuffer, version: number): void {
    if (version !== this.version) this.words = new Uint32Array(buffer);
    this.version = version;
  }

  /** The shared memory, to post to workers. */
  get buffer(): SharedArrayBuffer {
    return this.words.buffer as SharedArrayBuffer;
  }

  /** Bytes held (sized for the level, at most four times too large). */
  get bytes(): number {
    return this.words.byteLength;
  }

  /** Starts this thread's claims of the current level (each thread, before it inserts). */
  start(): void {
    this.nextClaim = 0;
    this.blockEnd = 0;
    this.taken = 0;
  }

  /** Ends this thread's claims of the level: the rest of its last block is marked unused for `settle`. */
  finish(): void {
    for (let k = this.nextClaim; k < this.blockEnd; k++) this.words[3 * k + 2] = UNUSED;
    this.nextClaim = this.blockEnd;
  }

  /** Claims this thread has taken since `start`. */
  get claimsTaken(): number {
    return this.taken;
  }

  /** Claims the current level may take (threads draw them in blocks). */
  get limit(): number {
    return this.meta[Meta.Limit]!;
  }

  /** Claims the list has room for (at least the limit). */
  get capacity(): number {
    return this.words.length / 3;
  }

  /**
   * Makes room for a level of `wanted` claims (coordinating thread, no worker running): the list
   * is reused when large enough and not four times too large.
   */
  begin(wanted: number): void {
    if (this.capacity < wanted || this.capacity > 4 * wanted) this.replace(wanted);
    this.reset(wanted);
  }

  /** Forgets the claims of a level that has to run again, with twice the room; returns the claims it may take. */
  retry(): number {
    const wanted = 2 * this.limit;
    if (this.capacity < wanted) this.replace(wanted);
    this.reset(wanted);
    return wanted;
  }

  private reset(wanted: number): void {
    this.meta[Meta.Published] = 0;
    this.meta[Meta.Limit] = wanted;
    this.meta[Meta.Drawn] = 0;
  }

  /**
   * Takes a claim index and fills the claim of a state stored in `slot` with low word `l`,
   * discovered with `rank`; returns the index, for the caller to publish, or -1 when the list is full.
   */
  take(l: number, rank: number, slot: number): number {
    let k = this.nextClaim;
    if (k === this.blockEnd) {
      const limit = this.limit;
      k = Atomics.add(this.meta, Meta.Drawn, BLOCK);
      if (k >= limit) {
        this.nextClaim = this.blockEnd = 0;
        return -1;
      }
      this.blockEnd = Math.min(k + BLOCK, limit);
    }
    this.nextClaim = k + 1;
    this.taken++;
    const words = this.words;
    words[3 * k] = l;
    words[3 * k + 1] = rank;
    words[3 * k + 2] = slot;
    return k;
  }

  /** The low word of the state of claim `k` (published: read after the index was read atomically). */
  lowAt(k: number): number {
    return this.words[3 * k]!;
  }

  /** Lowers the rank of claim `k` to `rank`: Won if it was higher, Lost if not. */
  compete(k: number, rank: number): Insert {
    const at = 3 * k + 1;
    for (;;) {
      const current = Atomics.load(this.words, at);
      if (current <= rank) return Insert.Lost;
      if (Atomics.compareExchange(this.words, at, current, rank) === current) return Insert.Won;
    }
  }

  /** The lowest rank that discovered the state of claim `k` in this level. */
  rankAt(k: number): number {
    return this.words[3 * k + 1]!;
  }

  /**
   * Writes every claim's low word into its slot of `table` (coordinating thread, no worker
   * running, every thread has finished claiming); returns the claims settled so.
   */
  settle(table: Uint32Array): number {
    const claims = this.words;
    const drawn = Math.min(this.meta[Meta.Drawn]!, this.limit);
    let settled = 0;
    for (let k = 0; k < drawn; k++) {
      const slot = claims[3 * k + 2]!;
      if (slot === UNUSED) continue;
      table[2 * slot + 1] = claims[3 * k]!;
      settled++;
    }
    return settled;
  }

  private replace(count: number): void {
    this.words = sharedWords(3 * count);
    this.version++;
  }
}

function sharedWords(count: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(4 * count));
}
