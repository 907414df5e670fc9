/**
 * A model without its packed form: the checker then searches it as Immutable states, the second of
 * the two forms that must agree (exact mode searches the packed form too, with full encodings).
 */
import type { Model } from '../../model/Model.js';

/** `model`, searched over its Immutable states. */
export function immutableForm<S, A>(model: Model<S, A>): Model<S, A> {
  return Object.assign(Object.create(model) as Model<S, A>, { packed: undefined });
}
