/**
 * Which expansion a search of a model gets, decided in one place for every search (one thread or
 * workers): the model's packed form when it has one the search can use, else the model's own
 * `actions` and `nextState` over its canonical encoding (the model's, or the generic one).
 */
import type { Model } from '../../model/Model.js';
import type { PackedExpander } from '../../model/PackedExpander.js';
import type { ModelSymmetry } from '../../model/ModelSymmetry.js';
import { encodeValue } from '../encodeValue.js';
import type { Encoder } from '../fingerprint.js';
import { hasValidProperties } from '../modelContract.js';
import { needsStateGraph } from '../liveness/needsStateGraph.js';

/**
 * A model's form for the search: a packed expander, or the encoding its values are stored under;
 * with `symmetry`, the reduction every stored state went through (initial states and successors
 * are stored as their representatives), which a trace is rebuilt through.
 */
export type SearchForm<S> = (
  | { readonly kind: 'packed'; readonly expander: PackedExpander }
  | { readonly kind: 'values'; readonly encode: Encoder<S> }
) & { readonly symmetry: ModelSymmetry<S> | undefined };

/**
 * The form to search `model` in. A packed form decides `always` and `deadlockFree` properties
 * without decoding (liveness properties decode every state for the state graph, or read it through
 * their packed tests), and knows no boundary; models with `sometimes` properties or a boundary are
 * searched through their values (and properties that break the contract are reported by that search).
 * With `reduceSymmetry` and a model that has interchangeable parts, states are stored as their
 * representatives: by the packed form when it can write them, else through the model's values.
 */
export function searchFormOf<S, A>(model: Model<S, A>, reduceSymmetry = false): SearchForm<S> {
  const symmetry = symmetryOf(model, reduceSymmetry);
  const expander = usablePackedForm(model);
  if (expander && (symmetry === undefined || expander.reduceSymmetry !== undefined)) {
    if (symmetry) expander.reduceSymmetry!();
    return { kind: 'packed', expander, symmetry };
  }
  return { kind: 'values', encode: encoderOf(model), symmetry };
}

/**
 * The symmetry a search of `model` reduces by: the model's, when asked for and it has one, and
 * the model has no liveness property (fairness is per thread, so liveness is judged on the
 * concrete state graph, never on representatives).
 */
export function symmetryOf<S>(
  model: Model<S, unknown>,
  reduceSymmetry: boolean | undefined,
): ModelSymmetry<S> | undefined {
  return reduceSymmetry === true && !needsStateGraph(model) ? model.symmetry?.() : undefined;
}

/** The states a search stores: a state itself, or its representative under the form's symmetry. */
export function storedStateOf<S>(form: Pick<SearchForm<S>, 'symmetry'>): ((state: S) => S) | undefined {
  const symmetry = form.symmetry;
  return symmetry === undefined ? undefined : (state) => symmetry.representative(state);
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
