/**
 * The growth of the shared fingerprint table, copied by every worker at once. Growing by a
 * quarter at 7/8 load keeps the table within its bytes per state, but it copies about four times
 * the final table over a run: a third of a second on a few million states, which on the
 * coordinating thread leaves every core but one idle.
 *
 * The new table is cut into regions drawn by the workers from a shared counter. A worker copies
 * into its region every fingerprint whose home slot is there, with plain stores: no other thread
 * writes that region. The few whose probe runs past the region's end (the last cluster) are sent
 * back, and the coordinator adds them once every region is done. Compare-and-swap on every slot,
 * which would need no such split, made the copy twice as slow as one thread's.
 */
import { FingerprintTable } from '../FingerprintTable.js';

/** New slots a worker copies into at a time: 512 KB of the new table. */
export const REGION = 1 << 16;
/** 32-bit words in a 4 KB page. */
const PAGE_WORDS = 1024;

/** Copies an old table into a new, larger, empty one. */
export interface GrowMessage {
  readonly type: 'grow';
  /** The old table's words: finished states only, (0, 0) an empty slot. */
  readonly from: SharedArrayBuffer;
  /** The new table's words, all zero. */
  readonly to: SharedArrayBuffer;
  /** The next region's index (Int32 in shared memory), drawn by every worker. */
  readonly cursor: SharedArrayBuffer;
}

/** A worker's part done: the (hi, lo) pairs it left for the coordinator. */
export interface GrownMessage {
  readonly type: 'grown';
  readonly left: Uint32Array;
}

/** A growth to be copied: the message every worker is sent. */
export function growMessage(from: FingerprintTable, to: FingerprintTable): GrowMessage {
  return {
    type: 'grow',
    from: from.words.buffer as SharedArrayBuffer,
    to: to.words.buffer as SharedArrayBuffer,
    cursor: new SharedArrayBuffer(4),
  };
}

/**
 * Copies regions of the new table until none is left (any number of threads at once); returns
 * the fingerprints whose probe left their region, for `finishGrowth`.
 */
export function copyRegions(msg: GrowMessage): GrownMessage {
  const from = new FingerprintTable(new Uint32Array(msg.from));
  const to = new FingerprintTable(new Uint32Array(msg.to));
  const cursor = new Int32Array(msg.cursor);
  const left: number[] = [];
  for (let region = Atomics.add(cursor, 0, 1); region * REGION < to.capacity; region = Atomics.add(cursor, 0, 1)) {
    copyRegion(from, to, region * REGION, Math.min(to.capacity, (region + 1) * REGION), left);
  }
  return { type: 'grown', left: Uint32Array.from(left) };
}

/**
 * Copies the fingerprints whose new home is in [first, end). Their old homes lie in the matching
 * part of the old table (widened by a slot either side for rounding), and each sits at its home
 * or later in an unbroken run of taken slots: so the scan starts at that part and goes on past
 * it until an empty slot, wrapping round the end of the table.
 */
function copyRegion(from: FingerprintTable, to: FingerprintTable, first: number, end: number, left: number[]): void {
  const old = from.words;
  const words = to.words;
  const oldCapacity = from.capacity;
  const ratio = oldCapacity / to.capacity;
  const start = Math.max(0, Math.floor(first * ratio) - 1);
  const stop = Math.min(oldCapacity, Math.floor(end * ratio) + 2);
  // A new page is first read by the probes below: the kernel would map its shared zero page, and
  // the first store would then replace it, flushing the page from every core's TLB by interrupt
  // while the other workers run. A store first gets a page of our own at once (and costs nothing
  // else: the region is zero and only this thread writes it).
  for (let w = 2 * first; w < 2 * end; w += PAGE_WORDS) words[w] = 0;
  for (let i = start, scanned = 0; scanned < oldCapacity; scanned++, i = i + 1 === oldCapacity ? 0 : i + 1) {
    const hi = old[2 * i]!;
    const lo = old[2 * i + 1]!;
    if ((hi | lo) === 0) {
      if (scanned >= stop - start) return;
      continue;
    }
    let slot = to.home(hi);
    if (slot < first || slot >= end) continue;
    while (slot < end && (words[2 * slot]! | words[2 * slot + 1]!) !== 0) slot++;
    if (slot === end) {
      left.push(hi, lo);
      continue;
    }
    words[2 * slot] = hi;
    words[2 * slot + 1] = lo;
  }
}

/** Adds what the workers left, once every region is copied: the new table, complete. */
export function finishGrowth(msg: GrowMessage, replies: readonly GrownMessage[]): FingerprintTable {
  const table = new FingerprintTable(new Uint32Array(msg.to));
  for (const { left } of replies) for (let i = 0; i < left.length; i += 2) table.add(left[i]!, left[i + 1]!);
  return table;
}
