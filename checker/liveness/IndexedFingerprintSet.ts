/**
 * A seen set that also remembers each fingerprint's id, so that an insertion that finds a state
 * already stored says which one (`lastFound`). Liveness needs it: the state graph has an edge to
 * every successor, old ones included, while the ordinary seen set only answers "new or not".
 * 12 bytes a slot (hi, lo, id), doubled at a load of 3/4.
 */
import type { SeenSet } from '../Stores.js';

/** A seen set whose failed insertions name the state they found. */
export interface IndexedSeenSet extends SeenSet {
  /** The id of the state the last `insert` that returned -1 found stored. */
  readonly lastFound: number;
}

const MIN_CAPACITY = 1024;

/** Open addressing over (hi, lo) pairs with a parallel array of ids; the (0, 0) pair marks an empty slot. */
export class IndexedFingerprintSet implements IndexedSeenSet {
  private words = new Uint32Array(2 * MIN_CAPACITY);
  private ids = new Int32Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  private count = 0;
  lastFound = -1;

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.words.byteLength + this.ids.byteLength;
  }

  insert(hi: number, lo: number): number {
    const h = hi >>> 0;
    const l = (hi | lo) === 0 ? 1 : lo >>> 0;
    const slot = this.probe(h, l);
    const words = this.words;
    if ((words[2 * slot]! | words[2 * slot + 1]!) !== 0) {
      this.lastFound = this.ids[slot]!;
      return -1;
    }
    words[2 * slot] = h;
    words[2 * slot + 1] = l;
    const id = this.count++;
    this.ids[slot] = id;
    if (this.count * 4 > this.ids.length * 3) this.grow();
    return id;
  }

  has(hi: number, lo: number): boolean {
    const slot = this.probe(hi >>> 0, (hi | lo) === 0 ? 1 : lo >>> 0);
    return (this.words[2 * slot]! | this.words[2 * slot + 1]!) !== 0;
  }

  // The slot holding the fingerprint, or the empty slot where it belongs.
  private probe(hi: number, lo: number): number {
    const words = this.words;
    const mask = this.mask;
    for (let slot = (Math.imul(hi ^ lo, 0x9e3779b1) >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const h = words[2 * slot]!;
      const l = words[2 * slot + 1]!;
      if ((h === hi && l === lo) || (h | l) === 0) return slot;
    }
  }

  private grow(): void {
    const oldWords = this.words;
    const oldIds = this.ids;
    const capacity = 2 * oldIds.length;
    this.words = new Uint32Array(2 * capacity);
    this.ids = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < oldIds.length; i++) {
      const hi = oldWords[2 * i]!;
      const lo = oldWords[2 * i + 1]!;
      if ((hi | lo) === 0) continue;
      const slot = this.probe(hi, lo);
      this.words[2 * slot] = hi;
      this.words[2 * slot + 1] = lo;
      this.ids[slot] = oldIds[i]!;
    }
  }
}
