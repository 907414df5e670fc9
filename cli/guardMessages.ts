/**
 * What the program thread tells the main thread's RunGuard, and the shared stop word between them:
 * the bounds of the search that runs, and the incomplete report to print if it must be ended.
 */
import type { IncompleteReason } from '../checker/Outcome.js';

/** The reasons the guard can end a run for. */
export type GuardedReason = Extract<IncompleteReason, 'interrupted' | 'timeout' | 'memory'>;

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
}
