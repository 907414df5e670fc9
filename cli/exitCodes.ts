/** The exit codes of every mmucheck command, in one place (documented in the README). */

export const EXIT = {
  /** Every property holds on every reachable state. */
  ok: 0,
  /** A property is violated; the report shows a shortest counterexample. */
  violation: 1,
  /** Bad input: a scenario file, a name, an option. Nothing was checked. */
  badInput: 2,
  /** The run stopped at a bound (states, depth, time) or was interrupted: no verdict. */
  incomplete: 3,
  /** The model itself raised an error or broke its contract. */
  modelError: 4,
  /**
   * The report could not be written: stdout was closed or full, or the --out file failed. Whatever
   * the verdict was, it is not reported by the exit code, because nobody could read its report.
   */
  outputFailed: 5,
} as const;

/** The exit code of a run that ended with an outcome of `kind`. */
export function exitCodeOf(kind: 'ok' | 'violation' | 'incomplete' | 'modelError'): number {
  return { ok: EXIT.ok, violation: EXIT.violation, incomplete: EXIT.incomplete, modelError: EXIT.modelError }[kind];
}
