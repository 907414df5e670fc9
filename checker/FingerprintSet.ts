/**
 * The seen set: 64-bit fingerprints of every stored state, each with its state id, in an
 * open-addressing table of typed arrays (12 bytes a slot, no object per state). Ids are handed out
 * in insertion order, 0, 1, 2, …, so they index the trace store directly.
 */
import type { SeenSet } from './Stores.js';

const MAX_LOAD = 0.75;
const MIN_CAPACITY = 1024;

/** An open-addressing hash set of fingerprints with linear probing; the all-zero fingerprint marks an empty slot. */
export class FingerprintSet implements SeenSet {
  private his: Uint32Array;
  private los: Uint32Array;
  private ids: Uint32Array;
  private mask: number;
  private limit: number;
  private count = 0;

  constructor(initialCapacity = MIN_CAPACITY) {
    const capacity = powerOfTwoAtLeast(Math.max(initialCapacity, MIN_CAPACITY));
    this.his = new Uint32Array(capacity);
    this.los = new Uint32Array(capacity);
    this.ids = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.limit = Math.floor(capacity * MAX_LOAD);
  }

  /** Number of fingerprints stored, which is also the next id. */
  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.his.byteLength + this.los.byteLength + this.ids.byteLength;
  }

  /** Stores the fingerprint and returns its new id, or -1 when it was already present. */
  insert(hi: number, lo: number): number {
    const his = this.his;
    const los = this.los;
    const mask = this.mask;
    let slot = lo & mask;
    for (;;) {
      const h = his[slot] as number;
      const l = los[slot] as number;
      if (l === lo && h === hi) return -1;
      if ((h | l) === 0) break;
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    his[slot] = hi;
    los[slot] = lo;
    this.ids[slot] = id;
    if (this.count > this.limit) this.grow();
    return id;
  }

  /** The id stored with the fingerprint, or -1 when it is absent. */
  find(hi: number, lo: number): number {
    const mask = this.mask;
    let slot = lo & mask;
    for (;;) {
      const h = this.his[slot] as number;
      const l = this.los[slot] as number;
      if (l === lo && h === hi) return this.ids[slot] as number;
      if ((h | l) === 0) return -1;
      slot = (slot + 1) & mask;
    }
  }

  // Doubling keeps the load between 3/8 and 3/4: 16 to 32 bytes per stored state.
  private grow(): void {
    const { his, los, ids } = this;
    const capacity = his.length * 2;
    this.his = new Uint32Array(capacity);
    this.los = new Uint32Array(capacity);
    this.ids = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.limit = Math.floor(capacity * MAX_LOAD);
    for (let i = 0; i < his.length; i++) {
      const hi = his[i] as number;
      const lo = los[i] as number;
      if ((hi | lo) !== 0) this.place(hi, lo, ids[i] as number);
    }
  }

  private place(hi: number, lo: number, id: number): void {
    const mask = this.mask;
    let slot = lo & mask;
    while (((this.his[slot] as number) | (this.los[slot] as number)) !== 0) slot = (slot + 1) & mask;
    this.his[slot] = hi;
    this.los[slot] = lo;
    this.ids[slot] = id;
  }
}

function powerOfTwoAtLeast(n: number): number {
  let capacity = 1;
  while (capacity < n) capacity *= 2;
  return capacity;
}
