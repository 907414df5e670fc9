/**
 * How a worker thread builds its own copy of a model: models hold closures and cannot be posted,
 * so the worker imports the module that makes the model and calls (or reads) the named export.
 */

/** A module, an export in it, and the JSON arguments to call it with when it is a function. */
export interface ModelSource {
  /** The module's URL (file: URL). */
  readonly module: string;
  /** The export: a model, or a function that returns one. */
  readonly exportName: string;
  /** Arguments for a function export (structured-clonable). */
  readonly args: readonly unknown[];
}
