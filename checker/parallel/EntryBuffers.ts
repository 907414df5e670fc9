/**
 * Where the merge writes each level's entries: shared memory the workers read as it is, one
 * buffer per level parity, kept from level to level. A level's buffer is written again two levels
 * later, when its level is done. A new buffer each level (and a copy of it into shared memory)
 * cost about 10,000 page faults on a run of a few million states, each a fresh zeroed page.
 */

/** Two reusable shared buffers of entry triples. */
export class EntryBuffers {
  private readonly buffers: Int32Array[] = [
    new Int32Array(new SharedArrayBuffer(4)),
    new Int32Array(new SharedArrayBuffer(4)),
  ];

  /** Room for `words` integers for the level at `depth`, over the buffer of its parity (grown when too small). */
  take(depth: number, words: number): Int32Array {
    const parity = depth & 1;
    if (this.buffers[parity]!.length < words)
      this.buffers[parity] = new Int32Array(new SharedArrayBuffer(4 * Math.ceil(words * 1.25)));
    return this.buffers[parity]!;
  }
}
