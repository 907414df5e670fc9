/**
 * How the search loads a state and builds its successors: the one part of the search loop that
 * depends on the model's form. A model with a packed form is expanded straight from encodings
 * (`PackedExpansion`); any other model through its `actions` and `nextState` (`ModelExpansion`).
 * Either way each successor comes out as its canonical encoding, so the stores, the fingerprints
 * and the loop that drives them are the same for both.
 */
import type { IntSink } from '../../model/IntSink.js';
import type { StatementSource } from '../StatementCoverage.js';

/** Loads one state at a time and writes the encodings of its successors (and, for coverage, names their statements). */
export interface Expansion<S, A> extends StatementSource {
  /** Loads the state whose canonical encoding is `data[start…end)`. */
  loadEncoded(data: Int32Array, start: number, end: number): void;
  /** False when the loaded state lies outside the model's boundary: it is then neither checked nor expanded. */
  withinBoundary(): boolean;
  /** False only when the loaded state certainly violates no property (a packed form can tell without decoding it). */
  needsCheck(): boolean;
  /** The loaded state as the model's properties see it (decoded on demand from a packed form). */
  state(): S;
  /** Actions enabled in the loaded state, in the order `Model.actions` lists them. */
  actionCount(): number;
  /** Writes the canonical encoding of the successor by the `k`-th enabled action. */
  successor(k: number, out: IntSink): void;
  /**
   * Checks what can only be checked once every successor of the loaded state (stored as
   * `parentId`) is built: that no step changed the state it was given. Returns the failure, if any.
   */
  finishExpansion(parentId: number): ExpansionFailure | undefined;
  /** The `k`-th enabled action of the loaded state, to name it in a model error; undefined when it cannot be found. */
  actionAt(k: number): A | undefined;
  /** The thread that takes the `k`-th action, when the form knows it without decoding (a packed program's). */
  actionThread?(k: number): number | undefined;
  /** The loaded state as a packed form holds it, for properties' packed tests; undefined for a values form. */
  packedView?(): unknown;
}

/** A step found at fault after the expansion: its action index and what it did. */
export interface ExpansionFailure {
  readonly actionIndex: number;
  readonly message: string;
}
