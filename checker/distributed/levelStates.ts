/**
 * Reading a level's states and links from the store by position. A level's states are kept as its
 * sources (one per chunk of the level before, in rank order), so position p is in the source
 * where the running total of their counts passes p.
 */
import { intsOf, LINK_BYTES, readLink, recordOffsets } from './chunkCodec.js';
import type { Store } from './StoreConnection.js';
import { keys } from './storeKeys.js';

/** The running totals of a level's source counts: totals[k] states are in sources before k. */
export async function levelTotals(store: Store, level: number): Promise<Float64Array> {
  const bytes = await store.getBuffer(keys.counts(level));
  if (bytes === null) throw new Error(`the store holds no counts of level ${level}`);
  const totals = new Float64Array(bytes.length / 4 + 1);
  for (let k = 0; k < bytes.length / 4; k++) totals[k + 1] = totals[k]! + bytes.readUInt32LE(4 * k);
  return totals;
}

/** The source holding position `p`, and p's index in it. */
function sourceOf(totals: Float64Array, p: number): { source: number; index: number } {
  let lo = 0;
  let hi = totals.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (totals[mid]! <= p) lo = mid;
    else hi = mid - 1;
  }
  return { source: lo, index: p - totals[lo]! };
}

/** The records of positions [first, first + n) of `level`: their integers and each record's offset. */
export async function positionsOf(
  store: Store,
  level: number,
  totals: Float64Array,
  first: number,
  n: number,
): Promise<{ data: Int32Array; offsets: number[] }> {
  if (n === 0) return { data: new Int32Array(0), offsets: [] };
  const from = sourceOf(totals, first);
  const to = sourceOf(totals, first + n - 1);
  const parts: Int32Array[] = [];
  const wanted: Promise<Buffer | null>[] = [];
  for (let k = from.source; k <= to.source; k++) wanted.push(store.getBuffer(keys.states(level, k)));
  const values = await Promise.all(wanted);
  for (let k = from.source; k <= to.source; k++) {
    const bytes = values[k - from.source];
    if (bytes === null || bytes === undefined)
      throw new Error(`the store lost the states of level ${level}, source ${k}`);
    const ints = intsOf(bytes);
    const offsets = recordOffsets(ints);
    const start = k === from.source ? from.index : 0;
    const end = k === to.source ? to.index + 1 : offsets.length;
    if (offsets.length < end) throw new Error(`the store's states of level ${level}, source ${k} are incomplete`);
    const startAt = offsets[start]!;
    const endAt = end < offsets.length ? offsets[end]! : ints.length;
    parts.push(ints.subarray(startAt, endAt));
  }
  const data = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return { data, offsets: recordOffsets(data) };
}

/** The trace link of the state at position `p` of `level`. */
export async function linkAt(
  store: Store,
  level: number,
  totals: Float64Array,
  p: number,
): Promise<{ parent: number; action: number }> {
  const { source, index } = sourceOf(totals, p);
  const bytes = await store.getrangeBuffer(
    keys.links(level, source),
    index * LINK_BYTES,
    index * LINK_BYTES + LINK_BYTES - 1,
  );
  if (bytes.length !== LINK_BYTES) throw new Error(`the store lost the trace link of level ${level}, position ${p}`);
  return readLink(bytes);
}
