/**
 * A position of the explorer as text: the indices of the actions taken, one per step, each an
 * index into the list of actions enabled at that step's state (`3.0.2.1`). The same text is the
 * page's URL fragment and the API's `path` parameter, so a shared link reopens the position. Only
 * the syntax is checked here; whether each index names an enabled action is checked against the
 * model when the path is replayed (position.ts).
 */

/** The longest path accepted: the checker's default depth bound. */
export const MAX_PATH_STEPS = 10_000;

/** An action index has at most this many digits (no model enables a million actions at once). */
const MAX_INDEX_DIGITS = 6;

const PATH_SYNTAX = new RegExp(`^(?:\\d{1,${MAX_INDEX_DIGITS}}(?:\\.\\d{1,${MAX_INDEX_DIGITS}})*)?$`);

/** The path `text` stands for (`''` is the initial state), or undefined when it is not one. */
export function parsePath(text: string): number[] | undefined {
  if (text.length > MAX_PATH_STEPS * (MAX_INDEX_DIGITS + 1) || !PATH_SYNTAX.test(text)) return undefined;
  const path = text === '' ? [] : text.split('.').map(Number);
  return path.length <= MAX_PATH_STEPS ? path : undefined;
}

/** The text of `path`. */
export function formatPath(path: readonly number[]): string {
  return path.join('.');
}

/** True when `value` is a path as JSON carries it: an array of at most MAX_PATH_STEPS small non-negative integers. */
export function isPathArray(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_PATH_STEPS &&
    value.every((i) => Number.isSafeInteger(i) && i >= 0 && i < 10 ** MAX_INDEX_DIGITS)
  );
}
