/**
 * What the workers are sent for one level: the whole level for each, claimed chunk by chunk from
 * one shared cursor, so whichever worker finishes its chunk first takes the next and a worker
 * whose states are dearer to expand holds no one up.
 */
import type { SeenBuffers } from './messages.js';
import type { Level } from './firstLevel.js';
import { chunkSize } from './chunkSize.js';
import type { LevelMessage } from './messages.js';

/** One level's messages, and the per-chunk counts of generated successors the workers fill in. */
export interface LevelMessages {
  readonly messages: LevelMessage[];
  /** Positions per chunk. */
  readonly chunk: number;
  /** Successors generated per chunk, written by the worker that expanded it. */
  readonly chunkGenerated: Int32Array;
}

/** The messages for `workers` workers to expand `level` at `depth` (successors only when `expand`). */
export function levelMessages(
  level: Level,
  depth: number,
  expand: boolean,
  workers: number,
  seen: SeenBuffers,
): LevelMessages {
  const entries = sharedEntries(level);
  const cursor = new SharedArrayBuffer(4);
  const chunk = chunkSize(level.count, workers);
  const chunkGenerated = new SharedArrayBuffer(4 * Math.max(1, Math.ceil(level.count / chunk)));
  const messages = Array.from({ length: workers }, () => ({
    type: 'level' as const,
    depth,
    expand,
    start: 0,
    end: level.count,
    cursor,
    chunk,
    chunkGenerated,
    entries,
    segments: level.segments,
    seen,
  }));
  return { messages, chunk, chunkGenerated: new Int32Array(chunkGenerated) };
}

/** The level's entries in shared memory: where the merge wrote them, or a copy (a first level). */
function sharedEntries(level: Level): SharedArrayBuffer {
  if (level.entries.buffer instanceof SharedArrayBuffer) return level.entries.buffer;
  const entries = new SharedArrayBuffer(Math.max(4, 4 * 3 * level.count));
  new Int32Array(entries).set(level.entries.subarray(0, 3 * level.count));
  return entries;
}
