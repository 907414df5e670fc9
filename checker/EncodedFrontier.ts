/**
 * The breadth-first frontier held encoded: each level is one integer buffer of records (length,
 * then the state's canonical encoding) with the state ids beside it, so a level of millions of
 * states is a few flat arrays and no object per state.
 */
import { IntBuffer } from '../model/IntBuffer.js';
import type { Frontier } from './Stores.js';
import type { SuccessorBatch } from './SuccessorBatch.js';
import type { Expansion } from './search/Expansion.js';

/** The level being expanded and the one being discovered, both encoded. */
export class EncodedFrontier implements Frontier<unknown> {
  /** `expansion`: what `load` loads states into (none: the frontier is only written and read back). */
  constructor(private readonly expansion?: Pick<Expansion<unknown, unknown>, 'loadEncoded'>) {}

  private current = new IntBuffer(1024);
  private currentRecords = new IntBuffer(256); // (offset, id) pairs
  private next = new IntBuffer(1024);
  private nextRecords = new IntBuffer(256);

  /** States in the current level. */
  get levelSize(): number {
    return this.currentRecords.length >>> 1;
  }

  /** States discovered so far for the next level. */
  get nextSize(): number {
    return this.nextRecords.length >>> 1;
  }

  /** Bytes held by both levels. */
  get bytes(): number {
    return (
      4 *
      (this.current.data.length +
        this.currentRecords.data.length +
        this.next.data.length +
        this.nextRecords.data.length)
    );
  }

  load(index: number): void {
    const offset = this.currentRecords.data[2 * index]!;
    const data = this.current.data;
    this.expansion!.loadEncoded(data, offset + 1, offset + 1 + data[offset]!);
  }

  keepInitial(_state: unknown, data: Int32Array, start: number, end: number, id: number): void {
    this.pushRange(data, start, end, id);
  }

  keep(batch: SuccessorBatch, k: number, id: number): void {
    this.pushRange(batch.data, batch.start(k), batch.end(k), id);
  }

  /** Adds a state of the next level: `length` integers of `data`. */
  push(data: Int32Array, length: number, id: number): void {
    this.pushRange(data, 0, length, id);
  }

  /** Adds a state of the next level: integers [start, end) of `data`. */
  pushRange(data: Int32Array, start: number, end: number, id: number): void {
    const next = this.next;
    const length = end - start;
    this.nextRecords.int(next.length);
    this.nextRecords.int(id);
    next.grow(next.length + length + 1);
    const into = next.data;
    const at = next.length + 1;
    into[at - 1] = length;
    // A loop, not set(subarray()): records are tens of integers, and a subarray is an allocation.
    for (let i = 0; i < length; i++) into[at + i] = data[start + i]!;
    next.length = at + length;
  }

  /** The next level's records and (offset, id) pairs, as views of the buffers (valid until `advance`). */
  get nextLevel(): { readonly data: Int32Array; readonly records: Int32Array } {
    return {
      data: this.next.data.subarray(0, this.next.length),
      records: this.nextRecords.data.subarray(0, this.nextRecords.length),
    };
  }

  /** The current level's records and (offset, id) pairs, as views of the buffers (valid until `advance`). */
  get currentLevel(): { readonly data: Int32Array; readonly records: Int32Array } {
    return {
      data: this.current.data.subarray(0, this.current.length),
      records: this.currentRecords.data.subarray(0, this.currentRecords.length),
    };
  }

  /** Makes `data` and `records` (a level in the form `nextLevel` gives) the next level, replacing what it held. */
  adoptNext(data: Int32Array, records: Int32Array): void {
    this.next.clear();
    this.next.grow(data.length);
    this.next.data.set(data);
    this.next.length = data.length;
    this.nextRecords.clear();
    this.nextRecords.grow(records.length);
    this.nextRecords.data.set(records);
    this.nextRecords.length = records.length;
  }

  /** Makes the next level current (the old current level's memory is reused) and returns its size. */
  advance(): number {
    const oldData = this.current;
    const oldRecords = this.currentRecords;
    this.current = this.next;
    this.currentRecords = this.nextRecords;
    oldData.clear();
    oldRecords.clear();
    this.next = oldData;
    this.nextRecords = oldRecords;
    return this.levelSize;
  }

  /** The state id of the `index`-th state of the current level. */
  idAt(index: number): number {
    return this.currentRecords.data[2 * index + 1]!;
  }
}
