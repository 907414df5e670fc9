/**
 * What a distributed run keeps in its store besides the search itself: the run's record (what is
 * checked and how, written once; a worker builds its model from it) and the level meta (the
 * counts at the start of the current level: the point a resumed run goes on from).
 */

/** The run's record. */
export interface RunRecord {
  readonly format: 1;
  /** The mmucheck version that started the run: workers and a resume must be the same. */
  readonly mmucheck: string;
  /** What the model is built from, opaque to the search (the CLI's: a kernel scenario and its manifest). */
  readonly model: unknown;
  /** A digest of the model built from it: a worker that builds another model refuses the run. */
  readonly modelDigest: string;
  readonly symmetry: boolean;
  readonly maxStates: number;
  readonly maxDepth: number;
  /** Bits of a fingerprint that choose its bucket (`bucketBitsFor`). */
  readonly bucketBits: number;
  /** A task not acknowledged this long after it was taken is taken over by another worker. */
  readonly leaseMs: number;
}

/** The run at the start of a level: everything before it is stored and final. */
export interface LevelMeta {
  readonly level: number;
  /** States stored so far, this level's included. */
  readonly distinct: number;
  readonly generated: number;
  /** The id of this level's first state (ids are dense, in level order). */
  readonly base: number;
  /** States in this level. */
  readonly count: number;
  /** Sources of this level's states (`keys.states(level, k)`, k < sources). */
  readonly sources: number;
  /** The id of the first state of each level so far, level 0 first. */
  readonly bases: readonly number[];
  /** New states per expanded state in the level before. */
  readonly branching: number;
  /** Time the run took before this level. */
  readonly elapsedMs: number;
}

/** Parses a stored JSON value, naming the key it came from. */
export function parseStored<T>(text: string | null, key: string): T | undefined {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`the store's ${key} is not a value this mmucheck wrote`);
  }
}
