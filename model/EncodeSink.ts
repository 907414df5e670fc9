/** Where a canonical state encoding goes: a stream of 32-bit integers, hashed or stored as it arrives. */
export interface EncodeSink {
  /** Appends one integer (truncated to 32 bits). */
  int(value: number): void;
  /** Appends a string, length-prefixed so that adjacent strings cannot run together. */
  string(value: string): void;
}
