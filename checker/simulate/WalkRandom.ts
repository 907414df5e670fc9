/**
 * The random numbers of one walk of a simulation. A walk's stream is a pure function of the run's
 * seed and the walk's number, never of the walks run before it on the same thread, so walk N is the
 * same walk whichever worker runs it, in whatever batch, with any number of jobs. The generator is
 * xoshiro128** (32-bit words, fast in JavaScript), seeded through an integer hash of (seed, walk).
 */

/** A 32-bit integer hash with good avalanche (Wellons' lowbias32), used to seed streams and weights. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb_352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846c_a68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The hash of (seed, walk) every stream and swarm weight of that walk derives from. */
export function walkKey(seed: number, walk: number): number {
  const low = walk >>> 0;
  const high = Math.floor(walk / 2 ** 32) >>> 0;
  return mix32(mix32(mix32((seed >>> 0) ^ 0x243f_6a88) ^ low) ^ mix32(high ^ 0x1319_8a2e));
}

/** The random stream of walk `walk` of a run seeded with `seed`. */
export class WalkRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, walk: number) {
    const key = walkKey(seed, walk);
    this.a = mix32(key ^ 0x9e37_79b9);
    this.b = mix32(this.a ^ 0x85eb_ca6b);
    this.c = mix32(this.b ^ 0xc2b2_ae35);
    this.d = mix32(this.c ^ 0x27d4_eb2f);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the one state xoshiro cannot leave
  }

  /** The next 32 random bits, as an unsigned integer. */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A whole number in [0, n), for n up to 2^21, each about equally likely (the bias is below 2^-11). */
  below(n: number): number {
    return Math.floor((this.next() * n) / 2 ** 32);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The most a swarm weight can be: weights are 2^0 … 2^SWARM_LEVELS-1. */
const SWARM_LEVELS = 8;

/**
 * The swarm priority of thread `thread` (an index, or any integer key) in the walk whose
 * `walkKey` is `key`: a power of two from 1 to 128, drawn afresh for every walk, so some walks
 * let a thread run far ahead of the others and some hold it back (swarm testing: each walk leaves
 * out, in effect, a different part of the schedule). A pure function, so it needs no state.
 */
export function swarmWeight(key: number, thread: number): number {
  return 1 << (mix32(key ^ mix32((thread >>> 0) ^ 0x5bd1_e995)) % SWARM_LEVELS);
}

/** A stable integer key of a thread's name, for models that name their threads but do not number them. */
export function nameKey(name: string): number {
  let h = 0x811c_9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x0100_0193);
  return h >>> 0;
}
