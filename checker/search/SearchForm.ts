/**
 * Which expansion a search of a model gets, decided in one place for every search (one thread or
 * workers): the model's packed form when it has one the search can use, else the model's own
 * `actions` and `nextState` over its canonical encoding (the model's, or the generic one).
 */
import type { Model } from '../../model/Model.js';
import type { PackedExpander } from '../../model/PackedExpander.js';
import { encodeValue } from '../encodeValue.js';
import type { Encoder } from '../fingerprint.js';
import { hasValidProperties } from '../modelContract.js';

/** A model's form for the search: a packed expander, or the encoding its values are stored under. */
export type SearchForm<S> =
  | { readonly kind: 'packed'; readonly expander: PackedExpander }
  | { readonly kind: 'values'; readonly encode: Encoder<S> };

/**
 * The form to search `model` in. A packed form decides `always` and `deadlockFree` properties
 * without decoding (liveness properties decode every state for the state graph), and knows no
 * boundary; models with `sometimes` properties or a boundary are searched through their values
 * (and properties that break the contract are reported by that search).
 */
export function searchFormOf<S, A>(model: Model<S, A>): SearchForm<S> {
  const expander = usablePackedForm(model);
  return expander ? { kind: 'packed', expander } : { kind: 'values', encode: encoderOf(model) };
}

/** The model's own canonical encoding when it has one, else the generic encoding of Immutable values. */
export function encoderOf<S>(model: Model<S, unknown>): Encoder<S> {
  return model.encode !== undefined ? model.encode.bind(model) : encodeValue;
}

function usablePackedForm<S, A>(model: Model<S, A>): PackedExpander | undefined {
  if (model.packed === undefined || model.encode === undefined || model.decode === undefined) return undefined;
  if (model.withinBoundary !== undefined) return undefined;
  if (!hasValidProperties(model) || model.properties().some((p) => p.kind === 'sometimes')) return undefined;
  return model.packed();
}
