/**
 * A model's compiled form for the search engine: it expands states straight from their canonical
 * encodings, with no Immutable value in between. The Immutable model stays the reference: it
 * decides every property, and builds every trace, on the states the expander flags.
 */
import type { IntSink } from './IntSink.js';

/** Expands encoded states; one per search thread, as it keeps the loaded state. */
export interface PackedExpander {
  /** Loads a state from the encoding `Model.encode` writes, held in `data[start…end)`. */
  load(data: Int32Array, start: number, end: number): void;
  /** Actions enabled in the loaded state, in the order `Model.actions` lists them. */
  readonly actionCount: number;
  /**
   * False only when the loaded state certainly satisfies every property and is not a deadlock;
   * otherwise the search decodes it and asks the model's properties.
   */
  needsCheck(): boolean;
  /** Writes the encoding of the successor by the `k`-th enabled action, as `Model.encode` would. */
  successor(k: number, out: IntSink): void;
  /**
   * The thread that takes the `k`-th enabled action, as a stable number (a program's thread index),
   * for a simulation that weighs threads; absent when the form has no threads.
   */
  actionThread?(k: number): number;
  /**
   * The statement the `k`-th enabled action executes, as its index in the model's `statements()`,
   * for statement coverage; absent when the form cannot tell (coverage then asks `actionView`).
   */
  actionStatement?(k: number): number;
  /**
   * From now on, writes each successor as the encoding of its representative (that of
   * `Model.symmetry().representative`, the same integers): for a search with symmetry reduction.
   * Absent when the form cannot; the search then expands the model's values.
   */
  reduceSymmetry?(): void;
  /** The loaded state as the form holds it, for properties' packed tests (`PackedTests`). */
  readonly view?: unknown;
}
