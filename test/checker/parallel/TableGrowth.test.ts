/**
 * The table's growth as the workers copy it: regions of the new table, each written by one
 * thread, with the fingerprints whose probe leaves their region added by the coordinator after.
 */
import { describe, expect, it } from 'vitest';
import { FingerprintTable, grownCapacity } from '../../../checker/FingerprintTable.js';
import {
  REGION,
  copyRegions,
  finishGrowth,
  growMessage,
  type GrownMessage,
} from '../../../checker/parallel/TableGrowth.js';

/** A shared table of `capacity` slots holding `his` (low word = index + 1). */
function tableOf(capacity: number, his: readonly number[]): FingerprintTable {
  const table = FingerprintTable.createShared(capacity);
  his.forEach((hi, i) => table.add(hi, i + 1));
  return table;
}

/** High words whose home slots in a table of `capacity` slots are `slot` (many of them: a cluster). */
function homedAt(capacity: number, slot: number, count: number): number[] {
  const first = Math.ceil((slot * 2 ** 32) / capacity);
  return Array.from({ length: count }, (_, i) => first + i);
}

function grow(table: FingerprintTable, threads: number): { grown: FingerprintTable; left: number } {
  const msg = growMessage(table, FingerprintTable.createShared(grownCapacity(table.capacity)));
  // Threads draw regions from one counter: here, one after another, each taking one region at a
  // time until none is left, as the workers' draws interleave.
  const replies: GrownMessage[] = [];
  for (let t = 0; t < threads; t++) replies.push(copyRegions(msg));
  return { grown: finishGrowth(msg, replies), left: replies.reduce((n, r) => n + r.left.length / 2, 0) };
}

describe('TableGrowth', () => {
  it('copies every fingerprint, including clusters that cross a region boundary and wrap round the end', () => {
    const capacity = 3 * REGION;
    const next = grownCapacity(capacity);
    const his = [
      ...homedAt(next, REGION - 3, 40), // runs past the end of the first region
      ...homedAt(next, 2 * REGION - 1, 25),
      ...homedAt(next, next - 2, 30), // wraps round to slot 0
      ...Array.from({ length: 100_000 }, (_, i) => Math.imul(i + 1, 0x9e37_79b1) >>> 0 || 1),
    ];
    const table = tableOf(capacity, his);
    const { grown, left } = grow(table, 2);
    expect(grown.capacity).toBe(next);
    expect(left).toBeGreaterThanOrEqual(37 + 24 + 28); // what of the three long clusters does not fit before its region's end
    let stored = 0;
    for (let s = 0; s < grown.capacity; s++) if (grown.words[2 * s] !== 0) stored++;
    expect(stored).toBe(his.length);
    expect(his.every((hi, i) => grown.has(hi, i + 1))).toBe(true);
  });

  it('leaves a table a lookup can trust: every fingerprint sits in an unbroken run of taken slots from its home', () => {
    const capacity = 2 * REGION;
    const his = Array.from(
      { length: Math.floor(capacity * 0.875) },
      (_, i) => Math.imul(i + 7, 0x85eb_ca6b) >>> 0 || 1,
    );
    const { grown } = grow(tableOf(capacity, his), 3);
    const taken = (s: number): boolean => grown.words[2 * s] !== 0;
    // One expect for the whole table: an expect per probed slot took seconds.
    const holes: number[] = [];
    for (let s = 0; s < grown.capacity; s++) {
      if (!taken(s)) continue;
      for (let p = grown.home(grown.words[2 * s]!); p !== s; p = (p + 1) % grown.capacity) if (!taken(p)) holes.push(p);
    }
    expect(holes).toEqual([]);
    const serial = FingerprintTable.createShared(grown.capacity);
    serial.addAll(tableOf(capacity, his));
    const pairs = (t: FingerprintTable) =>
      Array.from({ length: t.capacity }, (_, s) => `${t.words[2 * s]}:${t.words[2 * s + 1]}`)
        .filter((p) => p !== '0:0')
        .sort();
    expect(pairs(grown)).toEqual(pairs(serial));
  });
});
