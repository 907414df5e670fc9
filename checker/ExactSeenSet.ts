/**
 * The seen set of exact mode: every stored state's full integer encoding, so two different states
 * are never taken for one and a "holds" verdict carries no collision risk. The fingerprint only
 * chooses the slot; equality is decided on the encodings. Encodings live in an arena of paged
 * Int32Arrays (one record per state: its length, then its integers), and the table holds, per
 * slot, the low fingerprint half and the state id: 8 bytes a slot, plus 4 bytes a state for its
 * arena position, plus the encoding itself.
 */
import type { Encoder } from './fingerprint.js';
import { IntBuffer } from '../model/IntBuffer.js';
import type { SeenSet } from './Stores.js';

const MAX_LOAD = 0.75;
const MIN_CAPACITY = 1024;
// Arena pages of 2^18 integers (1 MiB); a position is page * ARENA_PAGE + offset in 32 bits, so
// the arena can hold 16 GiB. A record longer than a page gets a page of its own, at offset 0.
const ARENA_BITS = 18;
const ARENA_PAGE = 1 << ARENA_BITS;
const ARENA_MASK = ARENA_PAGE - 1;
const MAX_ARENA_PAGES = 2 ** (32 - ARENA_BITS);
// Positions by state id, in pages as the trace store keeps its links.
const ID_BITS = 14;
const ID_PAGE = 1 << ID_BITS;
const ID_MASK = ID_PAGE - 1;

/**
 * A hash set of full state encodings. `insert` and `find` act on the encoding that the encoder
 * made by `recording()` wrote last (their fingerprint arguments only pick the slot), so every call
 * must follow the encoding of its state through that encoder, as the explorer and the trace
 * rebuild do: hash a state, then look it up.
 */
export class ExactSeenSet implements SeenSet {
  /** The id of the state the last `insert` that returned -1 found stored (see IndexedSeenSet). */
  lastFound = -1;
  private readonly pending = new IntBuffer(256);
  private armed = false; // an encoding awaits its insert or find: `length` integers of `source` from `start`
  private source: Int32Array = this.pending.data;
  private start = 0;
  private length = 0;
  private slotIds: Uint32Array; // id + 1; 0 marks an empty slot
  private slotHashes: Uint32Array;
  private mask: number;
  private limit: number;
  private count = 0;
  private readonly positions: Uint32Array[] = [];
  private readonly arena: Int32Array[] = [];
  private arenaUsed = ARENA_PAGE; // integers used in the last arena page (none yet: a page must be added)

  constructor(initialCapacity = MIN_CAPACITY) {
    let capacity = MIN_CAPACITY;
    while (capacity < initialCapacity) capacity *= 2;
    this.slotIds = new Uint32Array(capacity);
    this.slotHashes = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.limit = Math.floor(capacity * MAX_LOAD);
  }

  /** Number of states stored, which is also the next id. */
  get size(): number {
    return this.count;
  }

  /** Bytes held: the table, the positions and the arena pages. */
  get bytes(): number {
    const arena = this.arena.reduce((n, page) => n + page.byteLength, 0);
    return this.slotIds.byteLength + this.slotHashes.byteLength + this.positions.length * ID_PAGE * 4 + arena;
  }

  /**
   * `encode`, also recording what it writes for the `insert` or `find` that follows. The state is
   * encoded once into the record and the sink is fed from it: the integer buffer packs strings
   * exactly as the fingerprint hasher does, so the fingerprint is the one `encode` alone gives.
   */
  recording<S>(encode: Encoder<S>): Encoder<S> {
    const pending = this.pending;
    return (state, sink) => {
      pending.clear();
      this.armed = false;
      encode(state, pending);
      this.arm(pending.data, 0, pending.length);
      const data = pending.data;
      for (let i = 0; i < pending.length; i++) sink.int(data[i] as number);
    };
  }

  /**
   * Stores the encoding `data[start, end)` (fingerprinted as `hi`, `lo`) and returns its new id,
   * or -1 when an equal one was stored before: for a search whose states are already encoded.
   */
  insertEncoding(data: Int32Array, start: number, end: number, hi: number, lo: number): number {
    this.arm(data, start, end - start);
    return this.insert(hi, lo);
  }

  // The encoding the next insert or find acts on, read in place (not copied).
  private arm(source: Int32Array, start: number, length: number): void {
    this.source = source;
    this.start = start;
    this.length = length;
    this.armed = true;
  }

  /** Stores the recorded encoding and returns its new id, or -1 when an equal one was stored before. */
  insert(_hi: number, lo: number): number {
    const slot = this.probe(lo);
    if ((this.slotIds[slot] as number) !== 0) {
      this.lastFound = (this.slotIds[slot] as number) - 1;
      return -1;
    }
    const id = this.count++;
    this.store(id);
    this.slotIds[slot] = id + 1;
    this.slotHashes[slot] = lo;
    if (this.count > this.limit) this.grow();
    return id;
  }

  /** The id of the recorded encoding, or -1 when it is absent. */
  find(_hi: number, lo: number): number {
    return (this.slotIds[this.probe(lo)] as number) - 1;
  }

  /** Whether the recorded encoding is stored. */
  has(hi: number, lo: number): boolean {
    return this.find(hi, lo) >= 0;
  }

  /** The stored encoding of state `id`, a copy (for tests and tools). */
  encodingOf(id: number): Int32Array {
    if (!Number.isInteger(id) || id < 0 || id >= this.count) throw new RangeError(`no state ${id} is stored`);
    const { page, offset } = this.recordAt(id);
    return page.slice(offset + 1, offset + 1 + (page[offset] as number));
  }

  // The slot holding the recorded encoding, or the empty slot where it belongs.
  private probe(lo: number): number {
    if (!this.armed) throw new Error('ExactSeenSet: insert() or find() without an encoding recorded by recording()');
    this.armed = false;
    const ids = this.slotIds;
    const hashes = this.slotHashes;
    const mask = this.mask;
    let slot = lo & mask;
    for (;;) {
      const entry = ids[slot] as number;
      if (entry === 0 || ((hashes[slot] as number) === lo && this.matches(entry - 1))) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private matches(id: number): boolean {
    const { page, offset } = this.recordAt(id);
    const length = this.length;
    if ((page[offset] as number) !== length) return false;
    const data = this.source;
    const start = this.start;
    for (let i = 0; i < length; i++) if ((page[offset + 1 + i] as number) !== (data[start + i] as number)) return false;
    return true;
  }

  private recordAt(id: number): { page: Int32Array; offset: number } {
    const position = (this.positions[id >>> ID_BITS] as Uint32Array)[id & ID_MASK] as number;
    return { page: this.arena[position >>> ARENA_BITS] as Int32Array, offset: position & ARENA_MASK };
  }

  // Appends the recorded encoding to the arena and notes its position under `id`.
  private store(id: number): void {
    const length = this.length;
    const need = length + 1;
    if (this.arenaUsed + need > ARENA_PAGE) {
      if (this.arena.length >= MAX_ARENA_PAGES)
        throw new RangeError('exact mode: the stored states exceed the 16 GiB the state store can address');
      this.arena.push(new Int32Array(Math.max(ARENA_PAGE, need)));
      this.arenaUsed = 0;
    }
    const pageIndex = this.arena.length - 1;
    const page = this.arena[pageIndex] as Int32Array;
    const offset = this.arenaUsed;
    page[offset] = length;
    const data = this.source;
    const start = this.start;
    for (let i = 0; i < length; i++) page[offset + 1 + i] = data[start + i] as number;
    this.arenaUsed = need > ARENA_PAGE ? ARENA_PAGE : offset + need;
    if ((id & ID_MASK) === 0) this.positions.push(new Uint32Array(ID_PAGE));
    (this.positions[id >>> ID_BITS] as Uint32Array)[id & ID_MASK] = pageIndex * ARENA_PAGE + offset;
  }

  // Doubling keeps the load between 3/8 and 3/4; slots move by their stored hash, the arena stays put.
  private grow(): void {
    const { slotIds, slotHashes } = this;
    const capacity = slotIds.length * 2;
    this.slotIds = new Uint32Array(capacity);
    this.slotHashes = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.limit = Math.floor(capacity * MAX_LOAD);
    for (let i = 0; i < slotIds.length; i++) {
      const entry = slotIds[i] as number;
      if (entry === 0) continue;
      const lo = slotHashes[i] as number;
      let slot = lo & this.mask;
      while ((this.slotIds[slot] as number) !== 0) slot = (slot + 1) & this.mask;
      this.slotIds[slot] = entry;
      this.slotHashes[slot] = lo;
    }
  }
}
