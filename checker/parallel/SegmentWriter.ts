/** An append-only store of encoded states in shared memory, grown by copying into a larger buffer. */

/** Writes records of (length, integers…) into a SharedArrayBuffer. */
export class SegmentWriter {
  buffer: SharedArrayBuffer;
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buffer = new SharedArrayBuffer(4 * capacity);
    this.data = new Int32Array(this.buffer);
  }

  /** Forgets the records, keeping the memory (whoever holds the buffer must be done with them). */
  reset(): void {
    this.length = 0;
  }

  /** Appends `count` integers from `source` as one record; returns the record's offset. */
  append(source: Int32Array, count: number): number {
    return this.appendRange(source, 0, count);
  }

  /** Appends integers [start, end) of `source` as one record; returns the record's offset. */
  appendRange(source: Int32Array, start: number, end: number): number {
    const count = end - start;
    if (this.length + count + 1 > this.data.length) this.grow(this.length + count + 1);
    const offset = this.length;
    const data = this.data;
    data[offset] = count;
    // A loop, not set(subarray()): records are tens of integers, and a subarray is an allocation.
    for (let i = 0; i < count; i++) data[offset + 1 + i] = source[start + i]!;
    this.length += count + 1;
    return offset;
  }

  private grow(capacity: number): void {
    let size = this.data.length * 2;
    while (size < capacity) size *= 2;
    const buffer = new SharedArrayBuffer(4 * size);
    const data = new Int32Array(buffer);
    data.set(this.data.subarray(0, this.length));
    this.buffer = buffer;
    this.data = data;
  }
}
