/**
 * What the check pool and its workers say to each other: a job with its number, its summary with
 * the same number, and one shared word through which the pool asks every running job to stop.
 */
import type { CheckOptions } from '../CheckOptions.js';
import type { PoolJob, PoolResult } from './PoolJob.js';

/** Why the pool's jobs must stop: what a caller's `shouldStop` may answer besides true. */
export type PoolStopReason = 'interrupted' | 'memory' | 'timeout';

/** The caller's stop callback, as the checker's options take it. */
export type StopCallback = NonNullable<CheckOptions['shouldStop']>;

/** A job sent to a worker. */
export interface JobMessage {
  readonly id: number;
  readonly job: PoolJob;
}

/** A worker's answer to job `id`. */
export interface SummaryMessage {
  readonly id: number;
  readonly summary: PoolResult;
}

/** What a pool worker starts with. */
export interface PoolWorkerData {
  /** Word 0: 0 while jobs may run, else the `STOP_REASONS` index (plus one) of why they must stop. */
  readonly stop: Int32Array;
}

const STOP_REASONS: readonly PoolStopReason[] = ['interrupted', 'memory', 'timeout'];

/** A new stop word, cleared. */
export function stopWord(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** Raises `word` with `reason`, unless it was raised already. */
export function raiseStop(word: Int32Array, reason: PoolStopReason): void {
  Atomics.compareExchange(word, 0, 0, STOP_REASONS.indexOf(reason) + 1);
}

/** Why `word` says jobs must stop, or undefined while they may run. */
export function stopReasonOf(word: Int32Array): PoolStopReason | undefined {
  const code = Atomics.load(word, 0);
  return code === 0 ? undefined : STOP_REASONS[code - 1];
}
