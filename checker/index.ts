/** The checker's public surface: `check` and `replay`, the outcome types, and the stores a parallel explorer can reuse. */
export { check } from './check.js';
export { encoderOf } from './search/SearchForm.js';
export { checkWithWorkers, singleThreadReason } from './checkWithWorkers.js';
export type { ModelSource } from './parallel/ModelSource.js';
export { DEFAULT_OPTIONS, type CheckOptions } from './CheckOptions.js';
export type { Stats } from './Stats.js';
export { resolveOptions, MAX_STATES_LIMIT } from './resolveOptions.js';
export type {
  Continuation,
  Counterexample,
  IncompleteOutcome,
  IncompleteReason,
  ModelErrorOutcome,
  OkOutcome,
  Outcome,
  Violation,
  ViolationOutcome,
} from './Outcome.js';
export type { Trace, TraceStep } from './Trace.js';
export { replay, ReplayError, type ReplayObserver } from './replay.js';
export { rebuildTrace, type TraceSource } from './rebuildTrace.js';
export { encodeValue } from './encodeValue.js';
export { FingerprintHasher, fingerprint, fingerprintHex, type Encoder, type Fingerprint } from './fingerprint.js';
export { FingerprintSet } from './FingerprintSet.js';
export { TraceStore, ROOT_PARENT, MAX_ACTION_INDEX } from './TraceStore.js';
export { LevelFrontier } from './LevelFrontier.js';
export type { Frontier, SeenSet, TraceIndices, TraceLinks } from './Stores.js';
export { Explorer, type ExplorerStores } from './Explorer.js';
export { PropertyChecker, DEADLOCK_MESSAGE } from './PropertyChecker.js';
export { RunClock } from './RunClock.js';
export { modelErrorOutcome, nondeterminismMessage } from './modelErrorOutcome.js';
export { makeStats, type StatsCounts } from './makeStats.js';
