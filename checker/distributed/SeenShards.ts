/**
 * The distributed seen set, as a process uses it: batches of fingerprints grouped by shard, one
 * script call per shard and batch, all in flight at once (the client pipelines them per node).
 * A fingerprint's shard and bucket come from its high bits; its field is its 8 bytes.
 */
import type { Store } from './StoreConnection.js';
import { keys, SHARDS } from './storeKeys.js';
import { SEEN_SCRIPTS } from './seenScripts.js';

/** Fingerprints per script call: large enough to amortise the round trip, small enough not to hold the server long. */
const BATCH = 2048;

/** Fingerprints with ranks, in three parallel arrays. */
export interface RankedFingerprints {
  readonly count: number;
  readonly hi: Uint32Array | Int32Array;
  readonly lo: Uint32Array | Int32Array;
  readonly rank: Float64Array | Uint32Array;
}

/** Thrown when a claim reaches a shard that has moved on: the task is stale and its work is dropped. */
export class StaleTask extends Error {
  constructor() {
    super('the level of this task is no longer the current one');
  }
}

interface ScriptStore {
  mmucheckClaim(numKeys: number, ...args: (string | Buffer)[]): Promise<string | number>;
  mmucheckConfirm(numKeys: number, ...args: (string | Buffer)[]): Promise<string>;
}

/** Bytes a fingerprint takes in a script's packed argument: bucket key index, fingerprint, rank. */
const PACKED = 14;

/** Bucket bits for a run that may store `states` states: about 100 fingerprints a bucket (a compact Redis hash holds up to 128). */
export function bucketBitsFor(states: number): number {
  return Math.min(28, Math.max(6, Math.ceil(Math.log2(Math.max(1, states) / 100))));
}

export class SeenShards {
  private readonly scripts: ScriptStore;
  private readonly shift: number;

  constructor(
    private readonly store: Store,
    readonly bucketBits: number,
  ) {
    for (const [name, lua] of Object.entries(SEEN_SCRIPTS)) store.defineCommand(name, { lua });
    this.scripts = store as unknown as ScriptStore;
    this.shift = 32 - bucketBits;
  }

  /** Makes `level` the current level of every shard, with no claims yet (before any claim of it). */
  async setLevel(level: number): Promise<void> {
    await Promise.all(
      Array.from({ length: SHARDS }, async (_v, s) => {
        await this.store.set(keys.shardLevel(s), String(level));
        await this.store.del(keys.claims(s));
      }),
    );
  }

  /** Claims each fingerprint for `level` at its rank; per fingerprint 1 when it holds the claim. Throws StaleTask. */
  async claim(level: number, fps: RankedFingerprints): Promise<Uint8Array> {
    return this.run(level, fps, true);
  }

  /** Per fingerprint 1 when its rank still holds the claim of `level`. */
  async confirm(level: number, fps: RankedFingerprints): Promise<Uint8Array> {
    return this.run(level, fps, false);
  }

  /** Whether each fingerprint is stored (by any level). */
  async has(hi: readonly number[], lo: readonly number[]): Promise<boolean[]> {
    return Promise.all(
      hi.map(async (h, i) => {
        const { key, field } = this.place(h >>> 0, lo[i]! >>> 0);
        return (await this.store.hexists(key, field)) === 1;
      }),
    );
  }

  private async run(level: number, fps: RankedFingerprints, claim: boolean): Promise<Uint8Array> {
    const out = new Uint8Array(fps.count);
    const byShard: number[][] = Array.from({ length: SHARDS }, () => []);
    for (let i = 0; i < fps.count; i++) byShard[this.shardOf(fps.hi[i]! >>> 0)]!.push(i);
    const calls: Promise<void>[] = [];
    for (let shard = 0; shard < SHARDS; shard++) {
      const members = byShard[shard]!;
      for (let from = 0; from < members.length; from += BATCH)
        calls.push(this.batch(level, shard, members.slice(from, from + BATCH), fps, claim, out));
    }
    await Promise.all(calls);
    return out;
  }

  private async batch(
    level: number,
    shard: number,
    members: number[],
    fps: RankedFingerprints,
    claim: boolean,
    out: Uint8Array,
  ): Promise<void> {
    const keyIndex = new Map<number, number>();
    const keyList: string[] = claim ? [keys.shardLevel(shard), keys.claims(shard)] : [keys.claims(shard)];
    const packed = Buffer.allocUnsafe(PACKED * members.length);
    members.forEach((i, j) => {
      const hi = fps.hi[i]! >>> 0;
      const bucket = hi >>> this.shift;
      let k = keyIndex.get(bucket);
      if (k === undefined) {
        keyList.push(keys.bucket(shard, bucket));
        k = keyList.length;
        keyIndex.set(bucket, k);
      }
      const at = PACKED * j;
      packed.writeUInt16LE(k, at);
      packed.writeUInt32BE(hi, at + 2);
      packed.writeUInt32BE(fps.lo[i]! >>> 0, at + 6);
      packed.writeUInt32LE(fps.rank[i]!, at + 10);
    });
    const answer = claim
      ? await this.scripts.mmucheckClaim(keyList.length, ...keyList, String(level), packed)
      : await this.scripts.mmucheckConfirm(keyList.length, ...keyList, String(level), packed);
    if (typeof answer !== 'string') throw new StaleTask();
    for (let j = 0; j < members.length; j++) out[members[j]!] = answer.charCodeAt(j) === 49 ? 1 : 0;
  }

  private shardOf(hi: number): number {
    return (hi >>> this.shift) % SHARDS;
  }

  private place(hi: number, lo: number): { key: string; field: Buffer } {
    const field = Buffer.allocUnsafe(8);
    field.writeUInt32BE(hi, 0);
    field.writeUInt32BE(lo, 4);
    const bucket = hi >>> this.shift;
    return { key: keys.bucket(bucket % SHARDS, bucket), field };
  }
}
