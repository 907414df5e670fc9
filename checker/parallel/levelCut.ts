/**
 * Where a one-thread search would have stopped inside a level that the workers expanded further
 * (the state bound reached, or a step that threw), and what it would have counted by then: the
 * parallel search reports those counts, so they do not depend on the number of workers.
 */
import { CHUNK } from './LevelRun.js';
import type { LevelResult } from './messages.js';
import type { SharedSeenSet } from './SharedSeenSet.js';

/**
 * Successors a one-thread search generates in a level before it reaches `position`: the workers'
 * counts of the chunks below its chunk (every chunk begun below a stop is finished), then the
 * states before it in its own chunk, counted again by `actionCountAt`.
 */
export function generatedBefore(chunkGenerated: Int32Array, position: number, actionCountAt: (position: number) => number): number {
  const chunk = Math.floor(position / CHUNK);
  let generated = 0;
  for (let c = 0; c < chunk; c++) generated += chunkGenerated[c]!;
  for (let p = chunk * CHUNK; p < position; p++) generated += actionCountAt(p);
  return generated;
}

/** New states of the level a one-thread search stores before rank `rank`: the candidates that kept their claim, below it. */
export function keptBefore(results: readonly LevelResult[], seen: SharedSeenSet, rank: number): number {
  let kept = 0;
  for (const r of results) {
    for (let h = 0; h < r.candidateCount; h++) {
      const candidateRank = r.candidates[5 * h]! >>> 0;
      if (candidateRank >= rank) break; // a worker's candidates are in rank order
      if (candidateRank === seen.rankAt(r.candidates[5 * h + 1]!)) kept++;
    }
  }
  return kept;
}
