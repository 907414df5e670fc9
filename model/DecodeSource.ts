/** Where a state is decoded from: the integer stream its `encode` wrote, read back in order. */

/** Reads back what an `EncodeSink` received. */
export interface DecodeSource {
  /** The next integer. */
  int(): number;
  /** The next string (written with `EncodeSink.string`). */
  string(): string;
}
