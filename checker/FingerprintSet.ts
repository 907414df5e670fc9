/**
 * The seen set: the 64-bit fingerprint of every stored state and nothing else, 8 bytes a slot in
 * one typed array. Ids are handed out in insertion order, 0, 1, 2, …, so they index the trace
 * links directly; they are not stored, so the set answers membership only, which is all that
 * trace verification and the purity check need.
 */
import { FingerprintTable, grownCapacity } from './FingerprintTable.js';
import type { SeenSet } from './Stores.js';

/** The capacity of a new set, in slots. */
export const MIN_CAPACITY = 1024;

/** An open-addressing hash set of fingerprints, grown by a quarter at a load of 7/8 (9.1 to 11.5 bytes a fingerprint). */
export class FingerprintSet implements SeenSet {
  private table: FingerprintTable;
  private limit: number;
  private count = 0;

  constructor(initialCapacity = MIN_CAPACITY) {
    let capacity = MIN_CAPACITY;
    while (capacity < initialCapacity) capacity = grownCapacity(capacity);
    this.table = FingerprintTable.create(capacity);
    this.limit = this.table.limit;
  }

  /** Number of fingerprints stored, which is also the next id. */
  get size(): number {
    return this.count;
  }

  /** Number of slots. */
  get capacity(): number {
    return this.table.capacity;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.bytes;
  }

  /** The table: (hi, lo) word pairs, (0, 0) for an empty slot; for a search that takes the set over. */
  get slots(): Uint32Array {
    return this.table.words;
  }

  /** Stores the fingerprint and returns its new id, or -1 when it was already present. */
  insert(hi: number, lo: number): number {
    if (!this.table.add(hi >>> 0, loWord(hi, lo))) return -1;
    const id = this.count++;
    if (this.count > this.limit) this.grow();
    return id;
  }

  /** Reads the home slot of a fingerprint whose high half is `hi` (see `SeenSet.warm`). */
  warm(hi: number): number {
    const table = this.table;
    return table.words[2 * table.home(hi >>> 0)]!;
  }

  /** Whether the fingerprint is stored. */
  has(hi: number, lo: number): boolean {
    return this.table.has(hi >>> 0, loWord(hi, lo));
  }

  // Rehashing moves every fingerprint: growing by a quarter moves each about four times over the
  // life of the set where doubling moves it once, the price of a load that never falls below 0.7.
  private grow(): void {
    const next = FingerprintTable.create(grownCapacity(this.table.capacity));
    next.addAll(this.table);
    this.table = next;
    this.limit = next.limit;
  }
}

// The all-zero pair marks an empty slot; FingerprintHasher never gives it, and remaps it as here.
function loWord(hi: number, lo: number): number {
  return (hi | lo) === 0 ? 1 : lo >>> 0;
}
