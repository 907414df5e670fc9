/**
 * A growable stream of 32-bit integers that is both an `EncodeSink` (states are written to it
 * encoded) and, through `IntReader`, a `DecodeSource`. Strings are packed exactly as the
 * fingerprint hasher mixes them, so hashing the buffer gives the state's fingerprint.
 */
import type { EncodeSink } from './EncodeSink.js';
import type { DecodeSource } from './DecodeSource.js';

/** An append-only integer buffer. */
export class IntBuffer implements EncodeSink {
  data: Int32Array;
  length = 0;

  constructor(capacity = 256) {
    this.data = new Int32Array(capacity);
  }

  /** Forgets the contents, keeping the memory. */
  clear(): void {
    this.length = 0;
  }

  int(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  string(value: string): void {
    const n = value.length;
    this.int(n);
    let i = 0;
    for (; i + 1 < n; i += 2) this.int(value.charCodeAt(i) | (value.charCodeAt(i + 1) << 16));
    if (i < n) this.int(value.charCodeAt(i));
  }

  /** Makes room for at least `capacity` integers. */
  grow(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new Int32Array(Math.max(capacity, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** Reads integers and strings back from a range of an Int32Array. */
export class IntReader implements DecodeSource {
  constructor(
    private readonly data: Int32Array,
    /** The position of the next integer. */
    public position = 0,
    private readonly end = data.length,
  ) {}

  int(): number {
    if (this.position >= this.end) throw new RangeError('decoding ran past the end of the encoded state');
    return this.data[this.position++]!;
  }

  string(): string {
    const n = this.int();
    let s = '';
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const pair = this.int();
      s += String.fromCharCode(pair & 0xffff, pair >>> 16);
    }
    if (i < n) s += String.fromCharCode(this.int() & 0xffff);
    return s;
  }

  /** True when every integer of the range has been read. */
  get done(): boolean {
    return this.position === this.end;
  }
}
