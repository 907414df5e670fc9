/**
 * Joins the workers' candidates of one level into the next frontier, in rank order — the order in
 * which a sequential search would have discovered them — so state ids, trace links and the order
 * of the next level do not depend on how many workers there were or how they were scheduled.
 */
import type { TraceLinks } from '../Stores.js';
import type { LevelResult } from './messages.js';
import type { SharedSeenSet } from './SharedSeenSet.js';

/** The next frontier: triples (segment = worker index, offset, state id). */
export interface MergedLevel {
  readonly entries: Int32Array;
  readonly count: number;
  /** The id the next new state will get. */
  readonly nextId: number;
  /** The rank of the last state kept (0 when none was). */
  readonly lastRank: number;
}

/**
 * Merges `results` (worker i's candidates live in segment i) into entries from `room` (asked for
 * the most integers they may take); stops after `limit` new states, or at rank `beforeRank`.
 */
export function mergeLevel(
  results: readonly LevelResult[],
  seen: SharedSeenSet,
  links: TraceLinks,
  firstId: number,
  limit: number,
  beforeRank = Infinity,
  room: (words: number) => Int32Array = (words) => new Int32Array(words),
): MergedLevel {
  const total = results.reduce((n, r) => n + r.candidateCount, 0);
  const entries = room(3 * Math.min(total, limit));
  const heads = results.map(() => 0);
  let id = firstId;
  let count = 0;
  let lastRank = 0;
  while (count < limit) {
    let best = -1;
    let bestRank = Infinity;
    for (let w = 0; w < results.length; w++) {
      const r = results[w]!;
      let h = heads[w]!;
      // Skip candidates that a lower-ranked discoverer beat after they were recorded.
      while (h < r.candidateCount && r.candidates[5 * h]! >>> 0 !== seen.rankAt(r.candidates[5 * h + 1]!)) h++;
      heads[w] = h;
      if (h < r.candidateCount && r.candidates[5 * h]! >>> 0 < bestRank) {
        best = w;
        bestRank = r.candidates[5 * h]! >>> 0;
      }
    }
    if (best < 0 || bestRank >= beforeRank) break;
    const c = results[best]!.candidates;
    const at = 5 * heads[best]!++;
    lastRank = bestRank;
    links.addLink(id, c[at + 2]!, c[at + 3]!);
    entries[3 * count] = best;
    entries[3 * count + 1] = c[at + 4]!;
    entries[3 * count + 2] = id;
    id++;
    count++;
  }
  return { entries, count, nextId: id, lastRank };
}
