/**
 * The parallel seen set: one shared fingerprint table, claims of the current level that keep the
 * lowest discoverer's rank, each worker drawing blocks of claim indices from one shared counter,
 * and the level's end that turns claims into stored states.
 */
import { describe, expect, it } from 'vitest';
import { Insert, MIN_CLAIMS, SharedSeenSet } from '../../../checker/parallel/SharedSeenSet.js';
import { FingerprintSet } from '../../../checker/FingerprintSet.js';

const hiOf = (i: number): number => Math.imul(i ^ (i >>> 13), 0x85eb_ca6b) >>> 0;
const loOf = (i: number): number => Math.imul(i, 0x9e37_79b1) >>> 0;

/** A set with a level begun, this thread claiming. */
function levelOf(expected: number): SharedSeenSet {
  const seen = SharedSeenSet.create();
  seen.beginLevel(expected);
  seen.startClaiming();
  return seen;
}

/** Ends the level of `seen` once every thread (set attached to it) has finished claiming. */
function end(seen: SharedSeenSet, ...threads: SharedSeenSet[]): void {
  for (const thread of threads) thread.finishClaiming();
  seen.endLevel();
}

describe('SharedSeenSet', () => {
  it('keeps the lowest rank of a level and answers Old for the states of finished levels', () => {
    const seen = levelOf(100);
    expect(seen.insert(1, 2, 50)).toBe(Insert.New);
    const claim = seen.lastClaim;
    expect(seen.insert(1, 2, 70)).toBe(Insert.Lost);
    expect(seen.insert(1, 2, 30)).toBe(Insert.Won);
    expect(seen.lastClaim).toBe(claim);
    expect(seen.rankAt(claim)).toBe(30);
    expect(seen.insert(3, 4, 0xffff_fff0)).toBe(Insert.New); // ranks use all 32 bits
    expect(seen.rankAt(seen.lastClaim)).toBe(0xffff_fff0);
    expect(seen.claimsTaken).toBe(2);
    expect(seen.has(1, 2)).toBe(false); // only finished levels count
    end(seen, seen);
    expect({ settled: seen.settled, has12: seen.has(1, 2), has34: seen.has(3, 4) }).toEqual({
      settled: 2,
      has12: true,
      has34: true,
    });
    seen.beginLevel(100);
    seen.startClaiming();
    expect(seen.insert(1, 2, 1)).toBe(Insert.Old);
    expect(seen.insert(5, 6, 1)).toBe(Insert.New);
  });

  it('stores 63 bits of a fingerprint: the top bit of the low word is what marks a pending claim', () => {
    const seen = levelOf(10);
    expect(seen.insert(7, 0x8000_0005, 1)).toBe(Insert.New);
    end(seen, seen);
    expect(seen.has(7, 5)).toBe(true);
    expect(seen.has(7, 0x8000_0005)).toBe(true);
  });

  it('follows a grown table and a new claim list when reattached, as a worker does each level', () => {
    const seen = levelOf(10);
    const worker = SharedSeenSet.attach(seen.buffers);
    worker.startClaiming();
    expect(worker.insert(1, 2, 1)).toBe(Insert.New);
    end(seen, worker);
    const before = seen.buffers;
    seen.beginLevel(20 * MIN_CLAIMS); // more claims than the list and the table hold: both are replaced
    expect(seen.buffers.table).not.toBe(before.table);
    expect(seen.buffers.claims).not.toBe(before.claims);
    worker.reattach(seen.buffers);
    worker.startClaiming();
    expect(worker.insert(1, 2, 1)).toBe(Insert.Old);
    expect(worker.insert(3, 4, 1)).toBe(Insert.New);
    expect(worker.lastClaim).toBe(0);
    end(seen, worker);
    expect(seen.has(3, 4)).toBe(true);
  });

  it('numbers its buffers, so a worker, which receives a new object for the same memory each level, can tell new memory apart', () => {
    const seen = levelOf(10);
    const first = seen.buffers;
    expect(structuredClone(first.table)).not.toBe(first.table); // what posting does: identity says nothing
    end(seen, seen);
    seen.beginLevel(10); // the same table and claim list
    expect({ table: seen.buffers.tableVersion, claims: seen.buffers.claimsVersion }).toEqual({
      table: first.tableVersion,
      claims: first.claimsVersion,
    });
    end(seen, seen);
    seen.beginLevel(20 * MIN_CLAIMS); // both replaced
    expect(seen.buffers.tableVersion).toBeGreaterThan(first.tableVersion);
    expect(seen.buffers.claimsVersion).toBeGreaterThan(first.claimsVersion);
    const grown = seen.buffers;
    seen.retryLevel(); // a rebuilt table and a claim list twice as large
    expect(seen.buffers.tableVersion).toBeGreaterThan(grown.tableVersion);
    expect(seen.buffers.claimsVersion).toBeGreaterThan(grown.claimsVersion);
  });

  it('sees what another thread attached to the same buffers claimed, each drawing its own blocks of claims', () => {
    const seen = SharedSeenSet.create();
    seen.beginLevel(100);
    seen.startClaiming();
    const other = SharedSeenSet.attach(seen.buffers);
    other.startClaiming();
    expect(other.insert(-1, -2, 9)).toBe(Insert.New); // signed and unsigned words are the same fingerprint
    expect(other.lastClaim).toBe(0); // the first block went to the thread that claimed first
    expect(seen.insert(0xffff_ffff, 0xffff_fffe, 4)).toBe(Insert.Won);
    expect(other.rankAt(seen.lastClaim)).toBe(4);
    expect(seen.insert(8, 9, 1)).toBe(Insert.New);
    expect(seen.lastClaim).toBe(256); // the next block
    end(seen, seen, other);
    expect([seen.settled, seen.has(-1, -2), seen.has(8, 9)]).toEqual([2, true, true]);
  });

  it('costs 8 bytes a table slot and 12 a claim; the table grows by quarters to hold the states and the claims', () => {
    const seen = levelOf(20_000);
    expect(seen.claimCapacity).toBe(20_000);
    expect(seen.capacity).toBe(23_293); // the first of 1024, 1280, 1600, … (growth by a quarter) to hold 20,000 claims at 7/8 load
    expect(seen.bytes).toBe(seen.capacity * 8 + 20_000 * 12 + 16);
    for (let i = 1; i <= 10_000; i++) expect(seen.insert(hiOf(i), loOf(i), i)).toBe(Insert.New);
    end(seen, seen);
    for (let i = 1; i <= 10_000; i++) if (!seen.has(hiOf(i), loOf(i))) expect.unreachable(`lost ${i}`);
    seen.beginLevel(17_000); // a claim list large enough, and not four times too large, is used again
    expect([seen.claimCapacity, seen.claimLimit]).toEqual([20_000, 17_000]);
    seen.startClaiming();
    for (let i = 1; i <= 10_000; i++)
      if (seen.insert(hiOf(i), loOf(i), 1) !== Insert.Old) expect.unreachable(`not old ${i}`);
    end(seen, seen);
    seen.beginLevel(5_000); // large enough, and not four times too large: used again
    expect([seen.claimCapacity, seen.claimLimit]).toEqual([20_000, 5_000]);
    seen.beginLevel(100); // no level gets fewer than MIN_CLAIMS claims
    expect([seen.claimCapacity, seen.claimLimit]).toEqual([MIN_CLAIMS, MIN_CLAIMS]);
    seen.beginLevel(100_000);
    seen.beginLevel(1); // more than four times too large: a smaller one
    expect([seen.claimCapacity, seen.claimLimit]).toEqual([MIN_CLAIMS, MIN_CLAIMS]);
  });

  it('answers Full once the claim list is used up, however the threads shared it; the level then runs again with twice the room, its claims forgotten', () => {
    const seen = SharedSeenSet.create();
    seen.beginLevel(1); // MIN_CLAIMS claims: four blocks of 256
    seen.startClaiming();
    const other = SharedSeenSet.attach(seen.buffers);
    other.startClaiming();
    for (let i = 1; i <= 700; i++) expect(seen.insert(hiOf(i), loOf(i), i)).toBe(Insert.New); // three blocks
    for (let i = 701; i <= 956; i++) expect(other.insert(hiOf(i), loOf(i), i)).toBe(Insert.New); // the fourth
    expect(other.insert(hiOf(957), loOf(957), 1)).toBe(Insert.Full);
    for (let i = 958; i <= 1025; i++) expect(seen.insert(hiOf(i), loOf(i), i)).toBe(Insert.New); // the rest of its third block
    expect(seen.insert(hiOf(1026), loOf(1026), 1)).toBe(Insert.Full);
    expect(seen.insert(hiOf(1), loOf(1), 1)).toBe(Insert.Lost); // present ones are still found
    seen.retryLevel();
    seen.startClaiming();
    expect([seen.claimLimit, seen.settled]).toEqual([2 * MIN_CLAIMS, 0]);
    expect(seen.insert(hiOf(1), loOf(1), 1)).toBe(Insert.New);
    expect(seen.insert(hiOf(957), loOf(957), 1)).toBe(Insert.New);
  });

  it("counts only the claims taken when a level ends, not the unused rest of each thread's last block", () => {
    const seen = levelOf(100);
    const other = SharedSeenSet.attach(seen.buffers);
    other.startClaiming();
    for (let i = 1; i <= 10; i++) seen.insert(hiOf(i), loOf(i), i);
    for (let i = 11; i <= 15; i++) other.insert(hiOf(i), loOf(i), i);
    expect([seen.claimsTaken, other.claimsTaken]).toEqual([10, 5]);
    end(seen, seen, other);
    expect(seen.settled).toBe(15);
    expect(Array.from({ length: 15 }, (_v, i) => seen.has(hiOf(i + 1), loOf(i + 1))).every(Boolean)).toBe(true);
  });
  it("takes over a one-thread search's fingerprints: every one is found again, cut to 63 bits as a worker's insertion cuts it", () => {
    const sequential = new FingerprintSet();
    // The all-zero fingerprint (stored as (0, 1) there), a zero high word, a low word with its top bit set, and many more.
    const fingerprints: [number, number][] = [
      [0, 0],
      [0, 5],
      [7, 0x8000_0009],
      [-1, -2],
    ];
    for (let i = 1; i <= 5000; i++) fingerprints.push([hiOf(i), loOf(i)]);
    for (const [hi, lo] of fingerprints) expect(sequential.insert(hi, lo)).toBeGreaterThanOrEqual(0);
    const seen = SharedSeenSet.create();
    seen.adopt(sequential.slots, sequential.size);
    expect(seen.settled).toBe(fingerprints.length);
    for (const [hi, lo] of fingerprints) if (!seen.has(hi, lo)) expect.unreachable(`lost (${hi}, ${lo})`);
    seen.beginLevel(100);
    seen.startClaiming();
    for (const [hi, lo] of fingerprints)
      if (seen.insert(hi, lo, 1) !== Insert.Old) expect.unreachable(`(${hi}, ${lo}) is not Old`);
    expect(seen.insert(7, 9, 1)).toBe(Insert.Old); // the same 63 bits as (7, 0x8000_0009)
    expect(seen.insert(8, 9, 1)).toBe(Insert.New);
    end(seen, seen);
    expect(seen.settled).toBe(fingerprints.length + 1);
  });
});
