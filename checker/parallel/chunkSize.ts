/**
 * The size of the chunks a level is shared out in, which the coordinator picks for each level: it
 * needs none of the worker's pass (`LevelPass`), which claims the chunks.
 */

/** The fewest and the most positions a worker claims at a time from the level's shared cursor. */
export const MIN_CHUNK = 64;
const MAX_CHUNK = 1024;
/** Chunks each worker gets at least, when chunks are larger than the fewest: the last chunk of a level keeps one worker busy while the others wait. */
const CHUNKS_PER_WORKER = 128;

/**
 * Positions a worker claims at a time in a level of `count` states shared by `workers`: as many
 * as keep each worker to at least CHUNKS_PER_WORKER chunks, within [MIN_CHUNK, MAX_CHUNK]. Large
 * chunks keep more of the states a worker discovers twice (the successors of neighbouring states
 * are often the same) within its own chunk, where the claims it checks are in its own cache.
 */
export function chunkSize(count: number, workers: number): number {
  let chunk = MIN_CHUNK;
  while (chunk < MAX_CHUNK && 2 * chunk * workers * CHUNKS_PER_WORKER <= count) chunk *= 2;
  return chunk;
}
