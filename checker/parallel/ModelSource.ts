/** Builds, in a worker thread, the model a ModelSource (model/ModelSource.ts) describes. */
import type { Model } from '../../model/Model.js';
import type { ModelSource } from '../../model/ModelSource.js';

export type { ModelSource };

/** Imports and builds the model a source describes. */
export async function loadModel(source: ModelSource): Promise<Model<unknown, unknown>> {
  const module = (await import(source.module)) as Record<string, unknown>;
  const exported = module[source.exportName];
  if (exported === undefined) throw new Error(`${source.module} has no export named ${source.exportName}`);
  const model =
    typeof exported === 'function' ? (exported as (...args: unknown[]) => unknown)(...source.args) : exported;
  return model as Model<unknown, unknown>;
}
