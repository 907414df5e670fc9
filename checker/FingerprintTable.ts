/**
 * The slots of a fingerprint set: 64-bit fingerprints as (hi, lo) pairs of 32-bit words in one
 * typed array, 8 bytes a slot and nothing else, with linear probing. A fingerprint's home slot is
 * a multiply-shift of its high word ("fastrange") rather than a bit mask, so the capacity can be
 * any number and a table can grow by a quarter instead of doubling. The same code serves the
 * sequential set (ordinary memory) and the parallel one (shared memory, written between levels).
 */

/** How much larger each table is than the one it replaces. */
export const GROWTH = 1.25;

/**
 * The load at which a table grows. At 7/8, linear probing takes about 4.5 probes to find a stored
 * fingerprint and 32 to miss one (four cache lines, read in order); both are far cheaper than the
 * state encoding that produced the fingerprint. Growing by a quarter at 7/8 keeps the load
 * between 0.7 and 0.875 at every size: 9.1 to 11.5 bytes per stored fingerprint.
 */
export const MAX_LOAD = 0.875;

/** The capacity that follows `capacity` when a table grows. */
export function grownCapacity(capacity: number): number {
  return Math.ceil(capacity * GROWTH);
}

/** Open addressing over (hi, lo) word pairs; the all-zero pair marks an empty slot, so it cannot be stored. */
export class FingerprintTable {
  /** Number of slots. */
  readonly capacity: number;
  // capacity / 2^32: for every 32-bit hi, hi * scale < capacity, and `>>> 0` truncates it to the home slot
  private readonly scale: number;

  /** A table over `words` (2 × capacity of them), empty or filled before. */
  constructor(readonly words: Uint32Array) {
    this.capacity = words.length / 2;
    this.scale = this.capacity / 2 ** 32;
  }

  /** An empty table of `capacity` slots in ordinary memory. */
  static create(capacity: number): FingerprintTable {
    return new FingerprintTable(new Uint32Array(2 * capacity));
  }

  /** An empty table of `capacity` slots in shared memory. */
  static createShared(capacity: number): FingerprintTable {
    return new FingerprintTable(new Uint32Array(new SharedArrayBuffer(8 * capacity)));
  }

  /** The number of fingerprints at which this table is to grow. */
  get limit(): number {
    return Math.floor(this.capacity * MAX_LOAD);
  }

  /** Bytes held by the slots. */
  get bytes(): number {
    return this.words.byteLength;
  }

  /** The home slot of a fingerprint whose high half (unsigned) is `hi`. */
  home(hi: number): number {
    return (hi * this.scale) >>> 0;
  }

  /** Whether the fingerprint (unsigned halves) is stored. */
  has(hi: number, lo: number): boolean {
    const words = this.words;
    const capacity = this.capacity;
    for (let slot = (hi * this.scale) >>> 0; ; ) {
      const h = words[2 * slot] as number;
      const l = words[2 * slot + 1] as number;
      if (h === hi && l === lo) return true;
      if ((h | l) === 0) return false;
      if (++slot === capacity) slot = 0;
    }
  }

  /** Stores the fingerprint (unsigned halves, not both zero); false when it was already present. */
  add(hi: number, lo: number): boolean {
    const words = this.words;
    const capacity = this.capacity;
    for (let slot = (hi * this.scale) >>> 0; ; ) {
      const h = words[2 * slot] as number;
      const l = words[2 * slot + 1] as number;
      if (h === hi && l === lo) return false;
      if ((h | l) === 0) {
        words[2 * slot] = hi;
        words[2 * slot + 1] = lo;
        return true;
      }
      if (++slot === capacity) slot = 0;
    }
  }

  /**
   * Adds every fingerprint of `other` (none of them present here), as a table does when it grows;
   * those whose low half has a bit of `skipLow` set are left out.
   */
  addAll(other: FingerprintTable, skipLow = 0): void {
    const from = other.words;
    const words = this.words;
    const capacity = this.capacity;
    const scale = this.scale;
    for (let i = 0; i < from.length; i += 2) {
      const hi = from[i] as number;
      const lo = from[i + 1] as number;
      if ((hi | lo) === 0 || (lo & skipLow) !== 0) continue;
      let slot = (hi * scale) >>> 0;
      while (((words[2 * slot] as number) | (words[2 * slot + 1] as number)) !== 0) if (++slot === capacity) slot = 0;
      words[2 * slot] = hi;
      words[2 * slot + 1] = lo;
    }
  }
}
