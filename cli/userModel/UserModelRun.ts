/** A finished run of a model file: what was checked and how it ended (its view renders the rest). */
import type { FairnessKind } from '../../model/Fairness.js';
import type { Outcome } from '../../checker/Outcome.js';
import type { Model } from '../../model/Model.js';
import type { Property } from '../../model/Property.js';
import type { LoadedModel } from './loadModelFile.js';

/** A finished run of a model file. */
export interface UserModelRun {
  readonly loaded: LoadedModel;
  /** The properties checked, in the model's order. */
  readonly properties: readonly Property<unknown>[];
  readonly outcome: Outcome<unknown, unknown>;
  /** The command that reproduces this run. */
  readonly command: string;
  /** --fairness: the fairness every thread got for liveness properties, instead of the model's own. */
  readonly fairness?: FairnessKind;
}

/** `model` checking only `properties` (a subset of its own). */
export function restricted(
  model: Model<unknown, unknown>,
  properties: readonly Property<unknown>[],
): Model<unknown, unknown> {
  return Object.assign(Object.create(model) as Model<unknown, unknown>, { properties: () => properties });
}
