/** Where the CLI writes: results to stdout, progress and diagnostics to stderr. Tests capture both. */

/** The CLI's output channels and what kind of terminal they are. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: colour and the default text format are allowed. */
  readonly stdoutIsTty: boolean;
  /** stderr is a terminal: progress is a live line rather than plain lines. */
  readonly stderrIsTty: boolean;
  /** Polled during long runs; true asks the run to stop (SIGINT/SIGTERM). */
  readonly interrupted?: () => boolean;
  /** Told the model file a command is about to load, so that errors its code raises outside any step name it (strayErrors.ts). */
  readonly loadingModelFile?: (file: string) => void;
}

/** The process's own channels. */
export function processIo(interrupted?: () => boolean): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    ...(interrupted ? { interrupted } : {}),
  };
}
