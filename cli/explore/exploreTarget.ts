/**
 * What `mmucheck explore` serves: a kernel scenario (bundled name or scenario file) or a model
 * file, loaded once into its model. The source is kept as plain data too, so the search worker
 * (searchWorker.ts) can build its own copy of the model: models hold closures and cannot be posted.
 */
import { resolve } from 'node:path';
import type { Model } from '../../model/Model.js';
import type { Scenario, SrcuImpl } from '../../model/kernel/Scenario.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { isModelFile, loadModelFile } from '../userModel/loadModelFile.js';
import { applyOverrides, type ScenarioOverrides } from '../applyOverrides.js';
import { InputError } from '../../model/InputError.js';

/** How to build the target's model again, as data that crosses threads. */
export type TargetSource =
  | { readonly kind: 'scenario'; readonly scenario: Scenario }
  | { readonly kind: 'file'; readonly path: string };

/** A loaded target. */
export interface ExploreTarget {
  readonly name: string;
  readonly description: string;
  readonly model: Model<unknown, unknown>;
  readonly source: TargetSource;
  /** The SRCU implementation of a kernel scenario (where its SRCU functions live); undefined for a model file. */
  readonly srcu?: SrcuImpl;
}

/** Builds the model `source` describes. */
export async function modelOfSource(source: TargetSource): Promise<Model<unknown, unknown>> {
  if (source.kind === 'scenario') return buildKernelModel(source.scenario) as unknown as Model<unknown, unknown>;
  return (await loadModelFile(source.path)).model;
}

/**
 * Loads `arg` (a scenario name, a scenario file or a model file), a scenario with the command
 * line's `overrides` (`--kernel`, `--readers`, `--mutant`, …); bad input throws InputError.
 */
export async function loadExploreTarget(
  arg: string,
  loadingModelFile?: (file: string) => void,
  overrides: ScenarioOverrides = {},
): Promise<ExploreTarget> {
  if (isModelFile(arg)) {
    const given = Object.keys(overrides).filter((k) => overrides[k as keyof ScenarioOverrides] !== undefined);
    if (given.length > 0)
      throw new InputError(`applies to a kernel scenario, not a model file`, undefined, `--${given[0]}`);
    loadingModelFile?.(arg);
    const loaded = await loadModelFile(arg);
    return {
      name: loaded.name,
      description: loaded.description ?? '',
      model: loaded.model,
      source: { kind: 'file', path: resolve(arg) },
    };
  }
  const scenario = applyOverrides(loadScenario(arg), overrides);
  const source: TargetSource = { kind: 'scenario', scenario };
  return {
    name: scenario.name,
    description: scenario.description,
    model: await modelOfSource(source),
    source,
    srcu: scenario.srcu,
  };
}
