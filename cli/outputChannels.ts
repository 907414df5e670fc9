/**
 * The process's stdout and stderr as the main thread writes them for the program thread. A failed
 * write to stdout (EPIPE: the reader closed the pipe, as `| head -1` does; ENOSPC: /dev/full or a
 * full disk) is remembered rather than thrown, later output to it is dropped, and the run ends with
 * exit code 5 and one line on stderr instead of the verdict's code: an exit code must never report
 * a verdict whose report was lost. A failed write to stderr (progress, diagnostics) is ignored: it
 * cannot be reported anywhere, and the report and the exit code do not depend on it.
 */
import type { Writable } from 'node:stream';
import { EXIT } from './exitCodes.js';
import { outputFailureReason } from './OutputError.js';

/** Which channel a piece of output goes to. */
export type Channel = 'out' | 'err';

/** stdout and stderr, with stdout's first failure kept for the exit code. */
export class OutputChannels {
  private failure: unknown;
  private failed = false;
  private pending = 0;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly stdout: Writable,
    private readonly stderr: Writable,
  ) {
    stdout.on('error', (e: unknown) => this.fail(e));
    stderr.on('error', () => {});
  }

  /** Writes `text` to the channel, unless stdout has already failed (its output is lost from then on). */
  write(channel: Channel, text: string): void {
    if (channel === 'err') {
      this.stderr.write(text, () => {});
      return;
    }
    if (this.failed) return;
    this.pending++;
    this.stdout.write(text, (e) => {
      if (e) this.fail(e);
      if (--this.pending === 0) this.waiting.splice(0).forEach((wake) => wake());
    });
  }

  /**
   * The exit code to end with once every write has finished: `code`, or 5 (output failed) with one
   * line on stderr when stdout failed (its stack only with `debug`).
   */
  async exitCode(code: number, debug: boolean): Promise<number> {
    if (this.pending > 0) await new Promise<void>((wake) => this.waiting.push(wake));
    if (!this.failed) return code;
    const stack = debug && this.failure instanceof Error ? `${this.failure.stack}\n` : '';
    this.stderr.write(
      `mmucheck: error: the report could not be written: stdout: ${outputFailureReason(this.failure)}\n${stack}`,
      () => {},
    );
    return EXIT.outputFailed;
  }

  private fail(e: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.failure = e;
  }
}

let processChannels: OutputChannels | undefined;

/** The process's own stdout and stderr (one instance, so that their error handlers are added once). */
export function processOutput(): OutputChannels {
  processChannels ??= new OutputChannels(process.stdout, process.stderr);
  return processChannels;
}
