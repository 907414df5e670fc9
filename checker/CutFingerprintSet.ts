/**
 * A one-thread seen set that keeps 63 bits of each fingerprint, as the parallel search's shared set
 * does (SharedSeenSet: the low word's top bit marks its claims). A one-thread search that goes on
 * from a checkpoint the parallel search wrote uses it, so that a state stored there is found again
 * here: with 64 bits, a state whose low word has its top bit set would be stored a second time.
 */
import { FingerprintSet } from './FingerprintSet.js';
import { storedHi, storedLo } from './parallel/SharedSeenSet.js';

/** A FingerprintSet over fingerprints cut to the parallel search's 63 bits. */
export class CutFingerprintSet extends FingerprintSet {
  /** A set holding `words` ((hi, lo) pairs, already cut), as `count` states. */
  static of(words: Uint32Array, count: number): CutFingerprintSet {
    const set = new CutFingerprintSet(Math.ceil(count / 0.8));
    for (let i = 0; i < words.length; i += 2)
      if ((words[i]! | words[i + 1]!) !== 0) set.insert(words[i]!, words[i + 1]!);
    return set;
  }

  override insert(hi: number, lo: number): number {
    return super.insert(storedHi(hi), storedLo(lo));
  }

  override has(hi: number, lo: number): boolean {
    return super.has(storedHi(hi), storedLo(lo));
  }

  override warm(hi: number): number {
    return super.warm(storedHi(hi));
  }
}
