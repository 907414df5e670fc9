/** What a model file must export for `mmucheck check ./model.ts` to check it. */
import type { Model } from '../../model/Model.js';

/**
 * The exports of a model file. It exports its model as `model`, or a function `createModel()` that
 * returns one (called once, with no arguments); `name` and `description` are optional and head the
 * report (the name defaults to the file name).
 *
 * @example
 * ```ts
 * import { ProgramModel } from 'mmucheck';
 * export const name = 'lost-update';
 * export const model = new ProgramModel({ ... });
 * ```
 */
export interface ModelFile {
  /** The model to check. */
  readonly model?: Model<unknown, unknown>;
  /** Builds the model to check, when it is not exported as `model`. */
  readonly createModel?: () => Model<unknown, unknown>;
  /** A short name for the report header. */
  readonly name?: string;
  /** One sentence on what the model is, for the report header. */
  readonly description?: string;
}
