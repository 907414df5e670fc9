import { describe, expect, it } from 'vitest';
import { Insert, MIN_LEVEL_CAPACITY, SharedSeenSet } from '../../../checker/parallel/SharedSeenSet.js';

const hiOf = (i: number): number => Math.imul(i ^ (i >>> 13), 0x85eb_ca6b) >>> 0;
const loOf = (i: number): number => Math.imul(i, 0x9e37_79b1) >>> 0;

describe('SharedSeenSet', () => {
  it('keeps the lowest rank of a level and answers Old for the states of finished levels', () => {
    const seen = SharedSeenSet.create();
    seen.beginLevel(100);
    expect(seen.insert(1, 2, 50)).toBe(Insert.New);
    const slot = seen.lastSlot;
    expect(seen.insert(1, 2, 70)).toBe(Insert.Lost);
    expect(seen.insert(1, 2, 30)).toBe(Insert.Won);
    expect(seen.lastSlot).toBe(slot);
    expect(seen.rankAt(slot)).toBe(30);
    expect(seen.insert(3, 4, 0xffff_fff0)).toBe(Insert.New); // ranks use all 32 bits
    expect(seen.rankAt(seen.lastSlot)).toBe(0xffff_fff0);
    expect(seen.size).toBe(2);
    expect(seen.has(1, 2)).toBe(false); // only finished levels count
    seen.endLevel();
    expect({ size: seen.size, has12: seen.has(1, 2), has34: seen.has(3, 4) }).toEqual({ size: 2, has12: true, has34: true });
    seen.beginLevel(100);
    expect(seen.insert(1, 2, 1)).toBe(Insert.Old);
    expect(seen.insert(5, 6, 1)).toBe(Insert.New);
    seen.beginLevel(100); // the level is run again: what it claimed is forgotten
    expect(seen.size).toBe(2);
    expect(seen.insert(5, 6, 2)).toBe(Insert.New);
  });

  it('sees what another thread attached to the same buffers inserted', () => {
    const seen = SharedSeenSet.create();
    seen.beginLevel(100);
    const other = SharedSeenSet.attach(seen.buffers);
    expect(other.insert(-1, -2, 9)).toBe(Insert.New); // signed and unsigned words are the same fingerprint
    expect(seen.insert(0xffff_ffff, 0xffff_fffe, 4)).toBe(Insert.Won);
    expect(other.rankAt(seen.lastSlot)).toBe(4);
  });

  it('costs 8 bytes a slot for finished levels and 12 for the level table, which later levels reuse', () => {
    const seen = SharedSeenSet.create();
    expect(seen.bytes).toBe(1024 * 8 + 8);
    seen.beginLevel(20_000);
    const levelBuffer = seen.buffers.level;
    expect(seen.levelCapacity).toBe(20_000);
    expect(seen.bytes).toBe(1024 * 8 + 20_000 * 12 + 8);
    for (let i = 1; i <= 10_000; i++) expect(seen.insert(hiOf(i), loOf(i), i)).toBe(Insert.New);
    seen.endLevel();
    // The table grows in one step to the capacity the sequential set reaches by quarters: 1024 … 11,925 slots.
    expect({ capacity: seen.capacity, bytes: seen.bytes, size: seen.size }).toEqual({ capacity: 11_925, bytes: 11_925 * 8 + 20_000 * 12 + 8, size: 10_000 });
    for (let i = 1; i <= 10_000; i++) if (!seen.has(hiOf(i), loOf(i))) expect.unreachable(`lost ${i}`);
    seen.beginLevel(5_000); // up to four times too large: the cleared table is used again
    expect(seen.buffers.level).toBe(levelBuffer);
    for (let i = 1; i <= 10_000; i++) if (seen.insert(hiOf(i), loOf(i), 1) !== Insert.Old) expect.unreachable(`not old ${i}`);
    expect(seen.insert(1, 1, 1)).toBe(Insert.New);
    seen.endLevel();
    seen.beginLevel(70_000); // too small: a larger one
    seen.endLevel();
    seen.beginLevel(17_000); // more than four times too large: a smaller one
    expect(seen.levelCapacity).toBe(17_000);
  });

  it('refuses new fingerprints past 97 % of the level table, so that probing ends; the level is then run again', () => {
    const seen = SharedSeenSet.create();
    seen.beginLevel(1);
    expect(seen.levelCapacity).toBe(MIN_LEVEL_CAPACITY);
    expect(seen.levelFullAt(0.9)).toBe(14_745);
    let accepted = 0;
    for (let i = 1; i <= MIN_LEVEL_CAPACITY; i++) if (seen.insert(hiOf(i), loOf(i), i) === Insert.New) accepted++;
    expect(accepted).toBe(15_892);
    expect(seen.insert(hiOf(1), loOf(1), 1)).toBe(Insert.Lost); // present ones are still found
    seen.beginLevel(2 * MIN_LEVEL_CAPACITY);
    expect(seen.size).toBe(0);
    expect(seen.insert(hiOf(1), loOf(1), 1)).toBe(Insert.New);
  });
});
