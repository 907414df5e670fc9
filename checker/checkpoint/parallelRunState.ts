/**
 * The run state of the parallel search, at a level boundary or at the start of the level it
 * stopped in: the level's entries, spread over the workers' segments, are copied into one
 * frontier, and the shared seen set is saved without the claims of a level in progress.
 */
import type { LevelHandoff } from '../LevelHandoff.js';
import type { Level } from '../parallel/firstLevel.js';
import { PENDING, type SharedSeenSet } from '../parallel/SharedSeenSet.js';
import type { TraceStore } from '../TraceStore.js';
import type { RunState } from './RunState.js';

/** Where the level stands: its depth, and the counts of the states stored before it. */
export type LevelCounts = Pick<LevelHandoff, 'depth' | 'distinct' | 'generated' | 'branching' | 'elapsedMs'>;

/** The run state whose next level is `level` (coordinating thread, no worker running). */
export function parallelRunState(level: Level, counts: LevelCounts, seen: SharedSeenSet, links: TraceStore): RunState {
  const { data, records } = flatLevel(level);
  return {
    level: { ...counts, data, records, count: level.count },
    // Claims of a level in progress are pending (and refused claims are marked so too).
    fingerprints: { words: seen.words, count: counts.distinct, bits: 63, keep: (_hi, lo) => (lo & PENDING) === 0 },
    links,
  };
}

/** A level's states in the handed-over form: records (length, encoding) back to back, (offset, id) pairs. */
function flatLevel(level: Level): { data: Int32Array; records: Int32Array } {
  const segments = level.segments.map((s) => new Int32Array(s));
  let ints = 0;
  for (let i = 0; i < level.count; i++) ints += 1 + segments[level.entries[3 * i]!]![level.entries[3 * i + 1]!]!;
  const data = new Int32Array(ints);
  const records = new Int32Array(2 * level.count);
  let at = 0;
  for (let i = 0; i < level.count; i++) {
    const segment = segments[level.entries[3 * i]!]!;
    const offset = level.entries[3 * i + 1]!;
    const length = 1 + segment[offset]!;
    data.set(segment.subarray(offset, offset + length), at);
    records[2 * i] = at;
    records[2 * i + 1] = level.entries[3 * i + 2]!;
    at += length;
  }
  return { data, records };
}
