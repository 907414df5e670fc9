/**
 * What a model says about its interchangeable parts, for symmetry reduction: the search stores one
 * representative per orbit (the states equal up to renaming interchangeable threads, processes or
 * objects) instead of every member of it. Stateright calls the function a `Representative`.
 */

/** The symmetry of a model: what is interchangeable, and the representative of a state's orbit. */
export interface ModelSymmetry<S> {
  /**
   * What is interchangeable, in words for reports, one entry per group of interchangeable parts
   * (`reader0–reader5`): a report says what a pass covers under reduction.
   */
  readonly groups: readonly string[];
  /**
   * The representative of `state`'s orbit: a state reached from `state` by renaming interchangeable
   * parts (every place that names one of them renamed with it), the same state for every member
   * of the orbit (a canonical form: sort the parts by everything that tells them apart). Sound only
   * when renaming changes nothing the model's properties, `isFinal` and `withinBoundary` see, and
   * when renamed states have renamed actions; a representative that is not the same for a whole
   * orbit is caught when a trace is rebuilt (a model error), never a wrong verdict.
   */
  representative(state: S): S;
}
