/** The checker's entry point: a breadth-first search of a model with in-memory stores. */
import type { Model } from '../model/Model.js';
import type { CheckOptions } from './CheckOptions.js';
import type { Stats } from './Stats.js';
import { encodeValue } from './encodeValue.js';
import { ExactSeenSet } from './ExactSeenSet.js';
import { Explorer } from './Explorer.js';
import type { Encoder } from './fingerprint.js';
import { FingerprintSet } from './FingerprintSet.js';
import { LevelFrontier } from './LevelFrontier.js';
import { PackedExplorer, packedFormFor } from './PackedExplorer.js';
import type { Outcome } from './Outcome.js';
import { resolveOptions } from './resolveOptions.js';
import { TraceStore } from './TraceStore.js';

/** Explores every state of `model` reachable within the bounds and says whether its properties hold. */
export function check<S, A>(model: Model<S, A>, options?: Partial<CheckOptions>): Outcome<S, A> {
  const resolved = resolveOptions(options);
  if (resolved.exact === true) return checkExact(model, resolved);
  const expander = packedFormFor(model, resolved);
  if (expander) return new PackedExplorer(model, resolved, new FingerprintSet(), new TraceStore(), expander).run();
  const stores = { seen: new FingerprintSet(), links: new TraceStore(), frontier: new LevelFrontier<S>() };
  return new Explorer(model, resolved, stores, encoderOf(model)).run();
}

/** The model's own canonical encoding when it has one, else the generic encoding of Immutable values. */
export function encoderOf<S>(model: Model<S, unknown>): Encoder<S> {
  return model.encode !== undefined ? model.encode.bind(model) : encodeValue;
}

// Exact mode: the same search over a seen set of full encodings; no state can be lost to a
// collision, so the statistics say so (collision probability 0, `exact`).
function checkExact<S, A>(model: Model<S, A>, options: CheckOptions): Outcome<S, A> {
  const seen = new ExactSeenSet();
  const onProgress = options.onProgress;
  const exactOptions =
    onProgress === undefined ? options : { ...options, onProgress: (s: Stats) => onProgress(exactStats(s)) };
  const expander = packedFormFor(model, options);
  const outcome = expander
    ? new PackedExplorer(model, exactOptions, seen, new TraceStore(), expander).run()
    : new Explorer(
        model,
        exactOptions,
        { seen, links: new TraceStore(), frontier: new LevelFrontier<S>() },
        seen.recording(encoderOf(model)),
      ).run();
  return { ...outcome, stats: exactStats(outcome.stats) };
}

function exactStats(stats: Stats): Stats {
  return { ...stats, collisionProbability: 0, exact: true };
}
