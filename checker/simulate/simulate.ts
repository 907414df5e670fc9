/**
 * A simulation: walks 1, 2, 3, … of a plan, split into batches of WALKS_PER_BATCH that run wherever
 * `runBatch` sends them (the check pool's workers, or this thread), and combined in walk order.
 *
 * Why the result does not depend on how many batches run at once: walk N is a function of the seed
 * and N alone (WalkRandom.ts), a batch stops at its first walk that finds something, and batches are
 * merged in batch order whatever order they end in. Once batch b has found a violation (or a model
 * error), no batch after b is started, every batch before b is awaited (one of them may hold an
 * earlier find), and batches after b that were already running are not counted. So the find
 * reported is the first in walk order, and the walks, steps and distinct states counted are those
 * of walks 1 to that walk's number: the same for one job or many.
 *
 * A stop (interrupt, timeout, memory) starts no more batches and stops the running ones at their next
 * walk; the run then counts every walk that ended, in batch order.
 */
import { FingerprintSet } from '../FingerprintSet.js';
import type { IncompleteReason } from '../Outcome.js';
import type { JobCutShort } from '../pool/PoolJob.js';
import type { WalkStop } from './runWalks.js';
import type { BatchSummary, FoundWalk, WalkBatch, WalkPlan } from './WalkBatch.js';

/** Walks per batch: small enough that a batch takes a fraction of a second, large enough that sending it costs little. */
export const WALKS_PER_BATCH = 50;

/** How to run a simulation. */
export interface SimulationOptions extends WalkPlan {
  /** How many walks; undefined: until `shouldStop` says so (a timeout). */
  readonly walks?: number;
  /** How many batches may be out at once. */
  readonly parallel: number;
  /** Runs a batch: on a pool worker, or on this thread. */
  readonly runBatch: (batch: WalkBatch) => Promise<BatchSummary | JobCutShort>;
  /** Asked before each batch is sent: a reason (or true: interrupted) ends the run. */
  readonly shouldStop?: WalkStop;
  /** Called each time batches are counted in, with the totals so far. */
  readonly onProgress?: (progress: SimulationProgress) => void;
}

/** The totals of the walks counted so far. */
export interface SimulationProgress {
  readonly walks: number;
  /** The walks planned; undefined when the run goes on until stopped. */
  readonly planned: number | undefined;
  readonly steps: number;
  /** Distinct fingerprints of the states the walks visited. */
  readonly distinct: number;
  readonly elapsedMs: number;
}

/** How a simulation ended. */
export interface SimulationResult extends SimulationProgress {
  /** The most steps one walk took. */
  readonly deepest: number;
  /** Bytes of the set of distinct fingerprints. */
  readonly storeBytes: number;
  /** The first walk, in walk order, that violated a property or met a model error. */
  readonly found?: FoundWalk;
  /** A model that could not be built or walked, or a batch whose worker was lost: the run's model error. */
  readonly failure?: string;
  /** Why the run stopped before its planned walks, when it did. */
  readonly stopped?: IncompleteReason;
}

/** Runs the simulation `options` describes. */
export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const started = performance.now();
  const { walks: planned, parallel } = options;
  const lastBatch = planned === undefined ? Infinity : Math.ceil(planned / WALKS_PER_BATCH) - 1;
  const ended = new Map<number, BatchSummary | JobCutShort>();
  const running = new Set<Promise<void>>();
  const tally = new Tally();
  let limit = lastBatch; // the last batch that can count: lowered to the first that finds something
  let next = 0;
  let counted = 0; // batches before this one are counted in
  let stopped: IncompleteReason | undefined;

  const progress = () => options.onProgress?.({ ...tally.totals(), planned, elapsedMs: performance.now() - started });
  const countReady = () => {
    const before = counted;
    while (counted <= limit && ended.has(counted)) tally.add(ended.get(counted++)!);
    if (counted > before) progress();
  };
  const launch = (b: number) => {
    const first = b * WALKS_PER_BATCH + 1;
    const count = Math.min(WALKS_PER_BATCH, (planned ?? Infinity) - (first - 1));
    const batch: WalkBatch = { seed: options.seed, maxDepth: options.maxDepth, mode: options.mode, first, count };
    const done: Promise<void> = options.runBatch(batch).then((summary) => {
      running.delete(done);
      ended.set(b, summary);
      if (endsRun(summary)) limit = Math.min(limit, b);
      stopped ??= stopReasonOf(summary);
      countReady();
    });
    running.add(done);
  };

  for (;;) {
    while (stopped === undefined && next <= limit && running.size < parallel) {
      const answer = options.shouldStop?.();
      const reason = answer === true ? 'interrupted' : answer || undefined;
      if (reason !== undefined) stopped = reason;
      else launch(next++);
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  // A stopped run leaves gaps (batches never sent or cut short): it counts what ended, in order.
  for (const b of [...ended.keys()].sort((x, y) => x - y)) if (b >= counted && b <= limit) tally.add(ended.get(b)!);
  return {
    ...tally.totals(),
    planned,
    elapsedMs: performance.now() - started,
    deepest: tally.deepest,
    storeBytes: tally.seen.bytes,
    ...tally.ending(),
    ...(stopped === undefined ? {} : { stopped }),
  };
}

/** True when a batch's result ends the run at that batch: a find, or a failure. */
function endsRun(summary: BatchSummary | JobCutShort): boolean {
  if (summary.kind === 'walks') return summary.found !== undefined || summary.failure !== undefined;
  return summary.kind === 'modelError';
}

function stopReasonOf(summary: BatchSummary | JobCutShort): IncompleteReason | undefined {
  if (summary.kind === 'walks') return summary.stopped;
  return summary.kind === 'incomplete' ? summary.reason : undefined;
}

/** The walks counted in so far, in batch order, and the first find or failure among them. */
class Tally {
  readonly seen = new FingerprintSet();
  private walks = 0;
  private steps = 0;
  deepest = 0;
  private found: FoundWalk | undefined;
  private failure: string | undefined;

  add(summary: BatchSummary | JobCutShort): void {
    if (this.found !== undefined || this.failure !== undefined) return;
    if (summary.kind === 'modelError') this.failure = summary.message;
    if (summary.kind !== 'walks') return;
    this.walks += summary.walks;
    this.steps += summary.steps;
    this.deepest = Math.max(this.deepest, summary.deepest);
    const fingerprints = summary.fingerprints;
    for (let i = 0; i < fingerprints.length; i += 2) this.seen.insert(fingerprints[i]!, fingerprints[i + 1]!);
    this.found = summary.found;
    this.failure = summary.failure;
  }

  totals(): { walks: number; steps: number; distinct: number } {
    return { walks: this.walks, steps: this.steps, distinct: this.seen.size };
  }

  ending(): { found?: FoundWalk; failure?: string } {
    return {
      ...(this.found === undefined ? {} : { found: this.found }),
      ...(this.failure === undefined ? {} : { failure: this.failure }),
    };
  }
}
