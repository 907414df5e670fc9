/**
 * Which runs count for liveness properties. A run that stops scheduling a thread proves nothing
 * about what that thread would do, so liveness is judged over fair runs only. Fairness is given
 * per group of actions (a thread, usually):
 * - `weak`: a group that stays enabled from some point on eventually takes a step;
 * - `strong`: a group that is enabled again and again eventually takes a step;
 * - `none`: the group may be ignored forever.
 * Runs that end (no action enabled) are always runs, whatever the fairness.
 */

/** How fairly one group of actions is scheduled. */
export type FairnessKind = 'weak' | 'strong' | 'none';

/** Every fairness kind, for flags and schema checks. */
export const FAIRNESS_KINDS: readonly FairnessKind[] = ['weak', 'strong', 'none'];

/** A model's fairness: a kind for every group, and exceptions by group name. */
export interface Fairness {
  readonly default: FairnessKind;
  readonly groups?: Readonly<Record<string, FairnessKind>>;
}

/** The fairness of a model that declares none, and has no threads to be fair to. */
export const NO_FAIRNESS: Fairness = { default: 'none' };

/** Weak fairness for every thread: the default of programs (kernel scenarios included). */
export const WEAK_FAIRNESS: Fairness = { default: 'weak' };

/** The kind `fairness` gives the group called `name`. */
export function fairnessOf(fairness: Fairness, name: string): FairnessKind {
  return fairness.groups?.[name] ?? fairness.default;
}

/** A one-line account of `fairness`, for reports: `weak`, or `weak (reader: strong, srcu: none)`. */
export function describeFairness(fairness: Fairness): string {
  const exceptions = Object.entries(fairness.groups ?? {}).filter(([, kind]) => kind !== fairness.default);
  if (exceptions.length === 0) return fairness.default;
  return `${fairness.default} (${exceptions.map(([name, kind]) => `${name}: ${kind}`).join(', ')})`;
}
