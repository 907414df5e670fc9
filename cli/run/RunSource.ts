/**
 * What a run checks: a kernel scenario or a model file. The one run function (run.ts) does
 * the same for both — bounds, guard, search, report, exit code — and asks the source for the
 * rest: how to search its model, the view of a run that ended with an outcome, how to explain it.
 */
import type { CheckOptions } from '../../checker/CheckOptions.js';
import type { Outcome } from '../../checker/Outcome.js';
import type { Model } from '../../model/Model.js';
import type { ModelSource } from '../../model/ModelSource.js';
import type { Palette } from '../render/colour.js';
import type { RunView } from '../report/RunView.js';

/** Which command runs: `check` writes a report, `explain` narrates the verdict. */
export type RunMode = 'check' | 'explain';

/** A scenario or model file, loaded and ready to check. */
export interface RunSource {
  /** The model as the run checks it (with its properties), for a command that runs it another way (`simulate`). */
  readonly model: Model<unknown, unknown>;
  /** How a pool worker builds the same model; undefined for a model file, which runs on this thread. */
  readonly poolSource?: ModelSource;
  /** The ids of the properties the run checks, in the model's order. */
  readonly properties: readonly string[];
  /** Searches the model with `options`, checking only the properties `only` when given (a rerun of --continue). */
  search(options: Partial<CheckOptions>, only?: readonly string[]): Promise<Outcome<unknown, unknown>>;
  /**
   * The outcome to report, once the search is over and what its code may have left behind has
   * surfaced (a model file's code can fail outside any step, where the search cannot see it).
   */
  settle(outcome: Outcome<unknown, unknown>): Promise<Outcome<unknown, unknown>>;
  /** The view of the run, had it ended with `outcome`. */
  view(outcome: Outcome<unknown, unknown>): RunView;
  /** The `explain` report of `view` (in kernel terms, or in the model file's own). */
  explain(view: RunView, options: CheckOptions, p: Palette): string;
}
