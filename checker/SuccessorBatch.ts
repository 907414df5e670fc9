/**
 * The successors of one state, built and fingerprinted before any of them is looked up in the
 * seen set. A lookup's first probe is a cache miss in a table of tens of megabytes; reading that
 * slot as soon as a successor's fingerprint is known, and inserting only once all are built, lets
 * the misses of one state's successors overlap the building of the next ones instead of stalling
 * the search one after another. The order of insertion, and so every id and count, is unchanged.
 */
import type { IntSink } from '../model/IntSink.js';
import { IntBuffer } from '../model/IntBuffer.js';
import type { FingerprintHasher } from './fingerprint.js';

/** A seen set that can read ahead the memory an insertion will probe first. */
export interface Warmable {
  warm?(hi: number): number;
}

/** Whatever writes the encoding of a loaded state's `k`-th successor. */
export interface SuccessorSource {
  successor(k: number, out: IntSink): void;
}

/** Successor k's encoding is `data[start(k), end(k))`, its fingerprint `(hi(k), lo(k))`. */
export class SuccessorBatch {
  private readonly buffer = new IntBuffer(4096);
  private starts = new Int32Array(65);
  private his = new Uint32Array(64);
  private los = new Uint32Array(64);
  /** Successors built so far by the last `build`: the index of the one whose step threw, if one did. */
  built = 0;
  /** What the reads ahead returned, kept so that they are made. */
  warmth = 0;

  /** The integers the encodings are in (valid until the next `build`). */
  get data(): Int32Array {
    return this.buffer.data;
  }

  start(k: number): number {
    return this.starts[k]!;
  }

  end(k: number): number {
    return this.starts[k + 1]!;
  }

  hi(k: number): number {
    return this.his[k]!;
  }

  lo(k: number): number {
    return this.los[k]!;
  }

  /** Builds the `count` successors of the state loaded in `expander`; a step's exception propagates with `built` at its index. */
  build(expander: SuccessorSource, count: number, hasher: FingerprintHasher, seen: Warmable): void {
    if (this.his.length < count) {
      this.his = new Uint32Array(2 * count);
      this.los = new Uint32Array(2 * count);
      this.starts = new Int32Array(2 * count + 1);
    }
    const buffer = this.buffer;
    buffer.clear();
    let warmth = 0;
    for (let k = 0; k < count; k++) {
      this.built = k;
      const start = buffer.length;
      this.starts[k] = start;
      expander.successor(k, buffer);
      hasher.ints(buffer.data, start, buffer.length);
      this.his[k] = hasher.hi;
      this.los[k] = hasher.lo;
      if (seen.warm) warmth ^= seen.warm(hasher.hi);
    }
    this.starts[count] = buffer.length;
    this.built = count;
    this.warmth ^= warmth;
  }
}
