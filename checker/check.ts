/** The checker's entry point: a breadth-first search of a model with in-memory stores. */
import type { Model } from '../model/Model.js';
import type { CheckOptions } from './CheckOptions.js';
import { encodeValue } from './encodeValue.js';
import { Explorer } from './Explorer.js';
import type { Encoder } from './fingerprint.js';
import { FingerprintSet } from './FingerprintSet.js';
import { LevelFrontier } from './LevelFrontier.js';
import type { Outcome } from './Outcome.js';
import { resolveOptions } from './resolveOptions.js';
import { TraceStore } from './TraceStore.js';

/** Explores every state of `model` reachable within the bounds and says whether its properties hold. */
export function check<S, A>(model: Model<S, A>, options?: Partial<CheckOptions>): Outcome<S, A> {
  const stores = { seen: new FingerprintSet(), links: new TraceStore(), frontier: new LevelFrontier<S>() };
  return new Explorer(model, resolveOptions(options), stores, encoderOf(model)).run();
}

/** The model's own canonical encoding when it has one, else the generic encoding of Immutable values. */
export function encoderOf<S>(model: Model<S, unknown>): Encoder<S> {
  return model.encode !== undefined ? model.encode.bind(model) : encodeValue;
}
