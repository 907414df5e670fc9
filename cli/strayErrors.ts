/**
 * Errors that no step raised: a promise rejected without a handler, or an exception thrown from a
 * timer or callback, by model code the run loaded. The search cannot see them (model methods are
 * synchronous and the search never awaits), so without this guard Node.js reports them after the
 * run, as an internal error, while the report may already say that every property holds. Whatever
 * the run found, the program then exits 4 (a model error) with a message naming the model file.
 */
import { EXIT } from './exitCodes.js';
import type { Io } from './Io.js';

/** The guard of one program run. */
export interface StrayErrorGuard {
  /** Called with the model file a command is about to load: its code is then what raises stray errors. */
  loadingModelFile(file: string): void;
  /**
   * The run's exit code once rejections left by its last steps have surfaced (one macrotask
   * later): `code`, or 4 when a stray error was seen.
   */
  settle(code: number): Promise<number>;
  /** Called after the exit code was sent, when a later stray error must replace it. */
  onLateError(replaceExit: (code: number) => void): void;
  /**
   * After one macrotask, so that rejections left by the search's last steps have surfaced: what
   * the first stray error said, or undefined. A report printed after this cannot say "holds"
   * about a model whose code failed behind the search's back.
   */
  firstError(): Promise<string | undefined>;
}

/** Installs the process handlers for the rest of this thread's life; `debug`: show stacks. */
export function guardStrayErrors(io: Io, debug: boolean): StrayErrorGuard {
  let modelFile: string | undefined;
  let seen = false;
  let first: string | undefined;
  let late: ((code: number) => void) | undefined;
  const report = (what: string, error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error));
    first ??= `${what}: ${err.message}`;
    const where = modelFile === undefined ? 'internal error' : `model error: ${modelFile}`;
    const hint =
      modelFile === undefined
        ? ''
        : "; a model's methods must do their work before they return, leaving no promise or timer behind";
    io.err(`mmucheck: ${where}: ${what}: ${err.message}${hint}\n${debug && err.stack ? `${err.stack}\n` : ''}`);
    if (!seen) late?.(EXIT.modelError);
    seen = true;
  };
  process.on('unhandledRejection', (reason) => report('a promise was rejected and nothing handled it', reason));
  process.on('uncaughtException', (error) =>
    report('an exception was thrown outside any step (from a timer or a callback)', error),
  );
  return {
    loadingModelFile: (file) => void (modelFile = file),
    settle: async (code) => {
      await new Promise((resolve) => setImmediate(resolve));
      return seen ? EXIT.modelError : code;
    },
    onLateError: (replaceExit) => void (late = replaceExit),
    firstError: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return first;
    },
  };
}
