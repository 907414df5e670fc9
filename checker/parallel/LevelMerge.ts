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
  // Each worker's next candidate still held by its discoverer, by rank (Infinity: none left).
  const headRanks = results.map((_, w) => nextKept(results[w]!, heads, w, seen));
  let id = firstId;
  let count = 0;
  let lastRank = 0;
  while (count < limit) {
    let best = -1;
    let bestRank = Infinity;
    let runnerUp = Infinity;
    for (let w = 0; w < results.length; w++) {
      const rank = headRanks[w]!;
      if (rank < bestRank) {
        runnerUp = bestRank;
        best = w;
        bestRank = rank;
      } else if (rank < runnerUp) runnerUp = rank;
    }
    if (best < 0 || bestRank >= beforeRank) break;
    // A chunk's candidates are one worker's: take them in a run, up to the other workers' next.
    const r = results[best]!;
    const c = r.candidates;
    const stop = Math.min(runnerUp, beforeRank);
    let rank = bestRank;
    do {
      const at = 5 * heads[best]!++;
      lastRank = rank;
      links.addLink(id, c[at + 2]!, c[at + 3]!);
      entries[3 * count] = best;
      entries[3 * count + 1] = c[at + 4]!;
      entries[3 * count + 2] = id;
      id++;
      count++;
      rank = nextKept(r, heads, best, seen);
    } while (count < limit && rank < stop);
    headRanks[best] = rank;
  }
  return { entries, count, nextId: id, lastRank };
}

/** Skips worker `w`'s candidates that a lower-ranked discoverer beat after they were recorded; the rank of the next one (Infinity when none is left). */
function nextKept(r: LevelResult, heads: number[], w: number, seen: SharedSeenSet): number {
  let h = heads[w]!;
  while (h < r.candidateCount && r.candidates[5 * h]! >>> 0 !== seen.rankAt(r.candidates[5 * h + 1]!)) h++;
  heads[w] = h;
  return h < r.candidateCount ? r.candidates[5 * h]! >>> 0 : Infinity;
}
