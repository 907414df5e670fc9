/**
 * Runs the mmucheck program on a worker thread, so that the process's main thread stays free to
 * receive SIGINT and SIGTERM while a search runs synchronously: a signal handler cannot run while
 * the thread it belongs to is busy, but it can set a shared flag that a search on another thread
 * polls. The main thread keeps the process's stdout and stderr and writes what the program sends.
 */
import { startWorker } from '../checker/pool/startWorker.js';
import { EXIT } from './exitCodes.js';
import type { GuardMessage } from './guardMessages.js';
import { RunGuard } from './RunGuard.js';
import { processOutput } from './outputChannels.js';

/** What the program thread starts with. */
export interface ProgramStart {
  /** The user's arguments (without `node` and the script). */
  readonly args: readonly string[];
  /** Word 0 becomes non-zero when the run must stop (`STOP_CODE`: signal, memory, timeout). */
  readonly stop: Int32Array;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
}

/** What the program thread sends: output as it is written, what the guard must know, then its exit code. */
export type FromProgram =
  | { readonly type: 'out' | 'err'; readonly text: string }
  | { readonly type: 'exit'; readonly code: number }
  | GuardMessage;

/** A program running on its thread: its guard takes signals, and `exitCode` resolves when it ends. */
export interface ProgramThread {
  readonly guard: RunGuard;
  readonly exitCode: Promise<number>;
}

/** Runs the program on `args` in a worker thread; its exit code resolves to 4 if the thread failed. */
export function runOnProgramThread(start: ProgramStart): ProgramThread {
  const worker = startWorker(new URL('./programWorker.js', import.meta.url), { ...start });
  const output = processOutput();
  const guard = new RunGuard(worker, start.stop, (text) => output.write('out', text));
  let code: number | undefined;
  worker.on('message', (m: FromProgram) => {
    if (m.type === 'exit') code = m.code;
    else if (m.type === 'arm') guard.arm(m.limits);
    else if (m.type === 'fallback') guard.setFallback(m.fallback);
    else if (m.type === 'disarm') guard.disarm();
    else output.write(m.type, m.text);
  });
  worker.on('error', (e: Error) => {
    process.stderr.write(
      `mmucheck: internal error: ${e.message}\n${start.args.includes('--debug') ? `${e.stack}\n` : ''}`,
    );
    code = EXIT.modelError;
  });
  const exitCode = new Promise<number>((resolve) => {
    worker.on('exit', () => {
      guard.finished();
      if (code === undefined && guard.forced) return resolve(EXIT.incomplete);
      if (code === undefined)
        process.stderr.write('mmucheck: internal error: the program thread ended without an exit code\n');
      void output.exitCode(code ?? EXIT.modelError, start.args.includes('--debug')).then(resolve);
    });
  });
  return { guard, exitCode };
}
