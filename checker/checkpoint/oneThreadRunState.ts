/**
 * The run state of the one-thread search (Explorer), at a level boundary or rolled back to the
 * start of the level it stopped in. The stores are read in place: the seen set's table is
 * compacted as it is written, and a rolled-back state leaves out the fingerprints of the states
 * the stopped level had found (those of its next level, fingerprinted again from their encodings).
 */
import { CutFingerprintSet } from '../CutFingerprintSet.js';
import { FingerprintHasher } from '../fingerprint.js';
import { FingerprintSet } from '../FingerprintSet.js';
import type { LevelHandoff } from '../LevelHandoff.js';
import type { SeenSet, TraceLinks } from '../Stores.js';
import { TraceStore } from '../TraceStore.js';
import type { RunState, SavedFingerprints } from './RunState.js';

/** The stores the one-thread search saves from. */
export interface OneThreadStores {
  readonly seen: SeenSet;
  readonly links: TraceLinks;
}

/** The run state at a level boundary: `level` is the next level, handed over. */
export function levelEndState(level: LevelHandoff, stores: OneThreadStores): RunState {
  const set = fingerprintSetOf(stores.seen);
  return { level, fingerprints: fingerprintsOf(set, level.distinct), links: traceStoreOf(stores.links) };
}

/**
 * The run state at the start of the level `level` (its counts those of that start), for a search
 * stopped in it after finding `found` (its next level so far, as `EncodedFrontier.nextLevel`).
 */
export function levelStartState(
  level: LevelHandoff,
  stores: OneThreadStores,
  found: { readonly data: Int32Array; readonly records: Int32Array },
): RunState {
  const set = fingerprintSetOf(stores.seen);
  const later = set instanceof CutFingerprintSet ? new CutFingerprintSet() : new FingerprintSet();
  const hasher = new FingerprintHasher();
  for (let i = 0; i < found.records.length; i += 2) {
    const offset = found.records[i]!;
    hasher.ints(found.data, offset + 1, offset + 1 + found.data[offset]!);
    later.insert(hasher.hi, hasher.lo);
  }
  // A stored pair is already in the set's form, which inserting it again leaves as it is.
  const keep = (hi: number, lo: number) => !later.has(hi, lo);
  return { level, fingerprints: { ...fingerprintsOf(set, level.distinct), keep }, links: traceStoreOf(stores.links) };
}

function fingerprintsOf(set: FingerprintSet, count: number): SavedFingerprints {
  return { words: set.slots, count, bits: set instanceof CutFingerprintSet ? 63 : 64 };
}

function fingerprintSetOf(seen: SeenSet): FingerprintSet {
  if (!(seen instanceof FingerprintSet))
    throw new Error('only a search with a fingerprint seen set can be checkpointed');
  return seen;
}

function traceStoreOf(links: TraceLinks): TraceStore {
  if (!(links instanceof TraceStore)) throw new Error('only a search with a TraceStore can be checkpointed');
  return links;
}
