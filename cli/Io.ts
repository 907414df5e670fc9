/** Where the CLI writes: results to stdout, progress and diagnostics to stderr. Tests capture both. */
import type { GuardedReason, GuardLink } from './guardMessages.js';

/** The CLI's output channels and what kind of terminal they are. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: colour and the default text format are allowed. */
  readonly stdoutIsTty: boolean;
  /** stderr is a terminal: progress is a live line rather than plain lines. */
  readonly stderrIsTty: boolean;
  /** Polled during long runs: why the run must stop now (SIGINT/SIGTERM, the memory bound), or undefined. */
  readonly stopRequested?: () => GuardedReason | undefined;
  /** The main thread's guard, which ends a run that does not stop by itself (absent in-process). */
  readonly guard?: GuardLink;
  /** Told the model file a command is about to load, so that errors its code raises outside any step name it (strayErrors.ts). */
  readonly loadingModelFile?: (file: string) => void;
  /** After the search: what the first error model code raised outside any step said, if any (strayErrors.ts). */
  readonly strayError?: () => Promise<string | undefined>;
}

/** The process's own channels. */
export function processIo(stopRequested?: () => GuardedReason | undefined): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    ...(stopRequested ? { stopRequested } : {}),
  };
}
