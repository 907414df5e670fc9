/** An `EncodeSink` whose integers land in an array the writer may fill directly, for hot paths. */
import type { EncodeSink } from './EncodeSink.js';

/** A growable integer array: make room with `grow`, write `data[length…]`, then advance `length`. */
export interface IntSink extends EncodeSink {
  data: Int32Array;
  length: number;
  /** Makes room for at least `capacity` integers in all (`data` may be replaced). */
  grow(capacity: number): void;
}
