/** The statistics of a run, as every search and report gives them. */

/** Statistics of a run, so far or final. */
export interface Stats {
  /** Successor states computed, duplicates included (initial states count too). */
  readonly generated: number;
  /** Distinct states stored. */
  readonly distinct: number;
  /** The deepest breadth-first level reached (initial states are depth 0). */
  readonly depth: number;
  /** States discovered but not yet expanded. */
  readonly queue: number;
  readonly elapsedMs: number;
  /** Distinct states per second of wall-clock time. */
  readonly statesPerSecond: number;
  /** Optimistic probability that a fingerprint collision hid a state: distinct × (generated − distinct) / 2^64 (2^63 for the parallel search's 63-bit table). */
  readonly collisionProbability: number;
  /** Bytes held by the seen set and the trace store. */
  readonly storeBytes: number;
  /** Present when the run stored full states (exact mode): then `collisionProbability` is 0. */
  readonly exact?: true;
  /**
   * Present when the run reduced by symmetry: the groups of interchangeable parts (`reader0…reader5`)
   * of which it stored one representative state per orbit. `distinct` then counts orbits (states up
   * to renaming the parts of a group), not every state: `--no-symmetry` counts every one.
   */
  readonly symmetry?: readonly string[];
}
