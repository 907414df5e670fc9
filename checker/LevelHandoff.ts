/**
 * A one-thread search stopped at a level boundary so that the parallel search can go on from
 * there: the next level's states, still encoded, and the counts so far. The seen set and the trace
 * links it filled go along beside it. Ids are given in the same breadth-first order by both
 * searches, so going on from a level gives the same ids, counts and traces as either alone.
 */
export interface LevelHandoff {
  /** The next level's records, back to back: (length, then the state's encoding). */
  readonly data: Int32Array;
  /** Per state of the next level: (offset of its record in `data`, state id). */
  readonly records: Int32Array;
  /** States in the next level. */
  readonly count: number;
  /** The depth of the next level's states. */
  readonly depth: number;
  /** States stored so far (ids 0 … distinct − 1). */
  readonly distinct: number;
  /** Successors generated so far. */
  readonly generated: number;
  /** New states per expanded state in the last level explored. */
  readonly branching: number;
  /** Time the search took so far. */
  readonly elapsedMs: number;
}

/** Whether a search's result is a hand-off rather than an outcome. */
export function isHandoff(result: object): result is LevelHandoff {
  return 'records' in result;
}
