/** A statement of a model's code, as a step's `ActionView` names it: what statement coverage counts. */

/**
 * One statement: its function and its source text. Coverage counts statements by these two, so
 * the same text twice in one function (or one kernel function inlined in two procedures) is one.
 */
export interface Statement {
  /** The function the statement belongs to. */
  readonly fn: string;
  /** The source statement, as it reads in the code. */
  readonly code: string;
}
