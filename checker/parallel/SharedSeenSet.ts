/**
 * The seen set of the parallel search: open addressing over SharedArrayBuffers, written by every
 * worker at once without locks. A slot is claimed by a compare-and-swap on the fingerprint's high
 * word; the low word is stored last, so a reader that sees both halves sees a finished entry.
 * Each slot also holds the rank of the state's discoverer in the current level, lowered with
 * atomic minimum, so that the discoverer kept is the one a sequential search would have used.
 */

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
  readonly hi: SharedArrayBuffer;
  readonly lo: SharedArrayBuffer;
  readonly rank: SharedArrayBuffer;
  /** The state id of each slot, written by the coordinator when a level is merged. */
  readonly ids: SharedArrayBuffer;
  /** [0]: number of stored fingerprints. */
  readonly meta: SharedArrayBuffer;
}

/** A shared fingerprint set with per-level discoverer ranks. */
export class SharedSeenSet {
  readonly capacity: number;
  private readonly mask: number;
  private readonly hi: Int32Array;
  private readonly lo: Int32Array;
  /** Discoverer rank in the current level, 0 for states of earlier levels. */
  readonly rank: Uint32Array;
  private readonly ids: Int32Array;
  private readonly meta: Int32Array;
  /** The slot of the last insertion. */
  lastSlot = -1;

  private constructor(readonly buffers: SeenBuffers) {
    this.hi = new Int32Array(buffers.hi);
    this.lo = new Int32Array(buffers.lo);
    this.rank = new Uint32Array(buffers.rank);
    this.ids = new Int32Array(buffers.ids);
    this.meta = new Int32Array(buffers.meta);
    this.capacity = this.hi.length;
    this.mask = this.capacity - 1;
  }

  /** A new empty set of `capacity` slots (a power of two). */
  static create(capacity: number): SharedSeenSet {
    if (capacity < 2 || (capacity & (capacity - 1)) !== 0) throw new RangeError(`capacity ${capacity} is not a power of two`);
    return new SharedSeenSet({
      hi: new SharedArrayBuffer(4 * capacity),
      lo: new SharedArrayBuffer(4 * capacity),
      rank: new SharedArrayBuffer(4 * capacity),
      ids: new SharedArrayBuffer(4 * capacity),
      meta: new SharedArrayBuffer(8),
    });
  }

  /** The set living in `buffers` (in another thread). */
  static attach(buffers: SeenBuffers): SharedSeenSet {
    return new SharedSeenSet(buffers);
  }

  /** Stored fingerprints. */
  get size(): number {
    return Atomics.load(this.meta, 0);
  }

  /** Bytes of shared memory held. */
  get bytes(): number {
    return 16 * this.capacity + 8;
  }

  /** Inserts a fingerprint discovered with `rank` (> 0); `lastSlot` is its slot afterwards. */
  insert(fpHi: number, fpLo: number, rank: number): Insert {
    const h = fpHi | 0 || 1; // zero words mark empty and unfinished slots
    const l = fpLo | 0 || 1;
    const hiWords = this.hi;
    for (let slot = l & this.mask; ; slot = (slot + 1) & this.mask) {
      let seen = Atomics.load(hiWords, slot);
      if (seen === 0) {
        seen = Atomics.compareExchange(hiWords, slot, 0, h);
        if (seen === 0) {
          Atomics.store(this.rank, slot, rank);
          Atomics.store(this.lo, slot, l);
          Atomics.add(this.meta, 0, 1);
          this.lastSlot = slot;
          return Insert.New;
        }
      }
      if (seen !== h) continue;
      let low = Atomics.load(this.lo, slot);
      while (low === 0) low = Atomics.load(this.lo, slot); // the claimer is between its two stores
      if (low !== l) continue;
      this.lastSlot = slot;
      return this.compete(slot, rank);
    }
  }

  private compete(slot: number, rank: number): Insert {
    for (;;) {
      const current = Atomics.load(this.rank, slot);
      if (current === 0) return Insert.Old;
      if (current <= rank) return Insert.Lost;
      if (Atomics.compareExchange(this.rank, slot, current, rank) === current) return Insert.Won;
    }
  }

  /** Records the id of the state in `slot` and marks it as belonging to a finished level. */
  settle(slot: number, id: number): void {
    this.rank[slot] = 0;
    this.ids[slot] = id;
  }

  /** The id of a fingerprint of a finished level, or -1 (coordinator only, while no worker runs). */
  find(fpHi: number, fpLo: number): number {
    const h = fpHi | 0 || 1;
    const l = fpLo | 0 || 1;
    for (let slot = l & this.mask; this.hi[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.hi[slot] === h && this.lo[slot] === l) return this.rank[slot] === 0 ? this.ids[slot]! : -1;
    }
    return -1;
  }

  /**
   * A new set of at least `capacity` slots holding the states of finished levels only; states
   * inserted by an unfinished level (rank > 0) are dropped, so the level can be run again.
   * Called by the coordinating thread while no worker runs.
   */
  rebuilt(capacity: number): SharedSeenSet {
    let size = this.capacity;
    while (size < capacity) size *= 2;
    const next = SharedSeenSet.create(size);
    let count = 0;
    for (let slot = 0; slot < this.capacity; slot++) {
      if (this.hi[slot] === 0 || this.rank[slot] !== 0) continue;
      next.place(this.hi[slot]!, this.lo[slot]!, this.ids[slot]!);
      count++;
    }
    next.meta[0] = count;
    return next;
  }

  private place(h: number, l: number, id: number): void {
    let slot = l & this.mask;
    while (this.hi[slot] !== 0) slot = (slot + 1) & this.mask;
    this.hi[slot] = h;
    this.lo[slot] = l;
    this.ids[slot] = id;
  }
}
