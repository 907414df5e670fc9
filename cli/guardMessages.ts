/**
 * What the program thread tells the main thread's RunGuard, and the shared stop word between them:
 * the bounds of the search that runs, and the incomplete report to print if it must be ended.
 */
import type { IncompleteReason } from '../checker/Outcome.js';

/** The reasons the guard can end a run for. */
export type GuardedReason = Extract<IncompleteReason, 'interrupted' | 'timeout' | 'memory'>;

/**
 * The words shared by the two threads: why the run must stop (written by the guard), and where the
 * program thread is (`PHASE`, written by the program thread as it goes, so a busy main thread
 * that reads its messages late still knows).
 */
export const GUARD_WORD = { stop: 0, phase: 1 } as const;

/**
 * Where the program thread is: still starting (loading a model file, say), in a search, past
 * it, writing its own report, or in a search writing a checkpoint. The guard gives a starting
 * program longer to reach its search, leaves a reporting one to finish instead of printing a
 * report of its own beside it, and waits for a checkpoint being written (which can take seconds
 * on a large run) before it ends a search that was asked to stop.
 */
export const PHASE = { starting: 0, searching: 1, reporting: 2, checkpointing: 3 } as const;

/** A new pair of shared guard words. */
export function guardWords(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8));
}

/** Values of the shared stop word: 0 while the run may go on, else why it must stop. */
export const STOP_CODE: Readonly<Record<GuardedReason | 'none', number>> = {
  none: 0,
  interrupted: 1,
  memory: 2,
  timeout: 3,
};

/** The stop word's value as a reason, or undefined while the run may go on. */
export function stopReasonOf(code: number): GuardedReason | undefined {
  if (code === STOP_CODE.interrupted) return 'interrupted';
  if (code === STOP_CODE.memory) return 'memory';
  if (code === STOP_CODE.timeout) return 'timeout';
  return undefined;
}

/** The bounds of a search, as the guard enforces them. */
export interface GuardLimits {
  /** `Date.now()` at which the run's --timeout falls, if it has one. */
  readonly deadlineMs?: number;
  readonly maxMemoryBytes?: number;
}

/** The report the run would end with if it were stopped now, for each reason, and where it goes. */
export interface FallbackReports {
  /** The --out file, or undefined for stdout. */
  readonly out?: string;
  readonly reports: Readonly<Record<GuardedReason, string>>;
}

/** Messages from the program thread to the guard. */
export type GuardMessage =
  | { readonly type: 'arm'; readonly limits: GuardLimits }
  | { readonly type: 'fallback'; readonly fallback: FallbackReports }
  | { readonly type: 'disarm' };

/** The program thread's side: how a command keeps the guard informed (absent when no guard runs, as in tests). */
export interface GuardLink {
  arm(limits: GuardLimits): void;
  fallback(reports: FallbackReports): void;
  disarm(): void;
  /** The search starts (true) or ends (false) writing a checkpoint. */
  checkpointing?(active: boolean): void;
}
