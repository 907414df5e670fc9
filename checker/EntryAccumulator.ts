/**
 * The order-independent part of the generic encoding: each entry of a Map or Set is fingerprinted
 * on its own and the fingerprints are added modulo 2^64. A sum of well-mixed 64-bit hashes is a
 * multiset hash: independent of iteration order, with no sort and no allocation; sets and maps
 * have no repeated entries, so nothing cancels.
 */
import { FingerprintHasher } from './fingerprint.js';

/** The running sum of the entry fingerprints of one unordered collection, and the hasher for its entries. */
export class EntryAccumulator {
  /** Fingerprints one entry at a time. */
  readonly hasher = new FingerprintHasher();
  /** High half of the sum. */
  hi = 0;
  /** Low half of the sum. */
  lo = 0;

  /** `depth`: how many unordered collections enclose this one. */
  constructor(readonly depth: number) {}

  /** Starts a new collection. */
  clear(): void {
    this.hi = 0;
    this.lo = 0;
  }

  /** Adds the hasher's finished fingerprint to the sum, carrying from the low half into the high one. */
  addFinished(): void {
    const lo = (this.lo + this.hasher.lo) >>> 0;
    const carry = lo < this.lo ? 1 : 0;
    this.hi = (this.hi + this.hasher.hi + carry) >>> 0;
    this.lo = lo;
  }
}

const pool: EntryAccumulator[] = [];

/** The accumulator for collections nested `depth` unordered collections deep, reused across states. */
export function accumulatorAt(depth: number): EntryAccumulator {
  let accumulator = pool[depth];
  if (accumulator === undefined) pool[depth] = accumulator = new EntryAccumulator(depth);
  return accumulator;
}
