/** Whether a model's search must record its state graph: it has liveness properties to judge there. */
import type { Model } from '../../model/Model.js';
import { isLiveness } from '../../model/Property.js';
import { hasValidProperties } from '../modelContract.js';

/** True when `model` has a liveness property (a model whose properties() breaks its contract: false, the search reports it). */
export function needsStateGraph(model: Pick<Model<unknown, unknown>, 'properties'>): boolean {
  return hasValidProperties(model) && model.properties().some(isLiveness);
}
