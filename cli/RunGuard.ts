/**
 * The main thread's guard over the program thread: it enforces the interrupt, the timeout and the
 * memory bound from outside the thread that runs the model, so that a step that never returns, or
 * states so large that memory grows between two of the search's polls, cannot hold the process.
 * The program thread keeps it informed (its bounds, and the incomplete report it would print if it
 * were stopped now); when the program does not stop by itself in time, the guard ends it and
 * prints that report.
 */
import { writeFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { EXIT } from './exitCodes.js';
import {
  GUARD_WORD,
  PHASE,
  STOP_CODE,
  type GuardLimits,
  type GuardedReason,
  type FallbackReports,
} from './guardMessages.js';

/** How long the program may take to stop by itself once asked (signal, timeout, memory). */
export const STOP_GRACE_MS = 1500;
/** How long a program that has not begun its search yet has to begin it and stop, once asked. */
export const START_GRACE_MS = 10_000;
/** How often the resident memory is sampled while a search runs. */
const MEMORY_SAMPLE_MS = 10;
/** Above this share of the bound, the program thread is ended at once instead of asked. */
const MEMORY_HARD_FACTOR = 1.08;
/** How long ending the program thread may take before the process kills itself. */
const TERMINATE_MS = 2000;

/** Watches one program thread; `signal()` for SIGINT/SIGTERM, the message handlers for what it sends. */
export class RunGuard {
  private fallback: FallbackReports | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  private memoryTimer: NodeJS.Timeout | undefined;
  private signals = 0;
  private ended = false;
  /** True once the guard ended the program thread itself. */
  forced = false;

  constructor(
    private readonly worker: Worker,
    /** The shared guard words (`GUARD_WORD`): why the run must stop, and the program thread's `PHASE`. */
    private readonly stop: Int32Array,
    /** Where the fallback report goes when it goes to stdout (the process's output channels). */
    private readonly writeOut: (text: string) => void = (text) => process.stdout.write(text),
    private readonly debugName = 'mmucheck',
  ) {}

  /** SIGINT or SIGTERM: the first asks the run to stop, a second (or an unanswered first) ends it. */
  signal(): void {
    if (++this.signals > 1) return this.forceEnd('interrupted', 'interrupted again', true);
    this.request('interrupted');
  }

  /** The program thread's search started with these bounds. */
  arm(limits: GuardLimits): void {
    this.disarm();
    if (limits.deadlineMs !== undefined) {
      const wait = Math.max(0, limits.deadlineMs - Date.now()) + STOP_GRACE_MS;
      this.deadlineTimer = setTimeout(
        () =>
          this.forceEnd(
            'timeout',
            `the search did not stop within ${seconds(STOP_GRACE_MS)} of its --timeout (a step that does not return?)`,
          ),
        wait,
      );
      this.deadlineTimer.unref();
    }
    if (limits.maxMemoryBytes !== undefined) {
      this.memoryTimer = setInterval(() => this.sampleMemory(limits.maxMemoryBytes!), MEMORY_SAMPLE_MS);
      this.memoryTimer.unref();
    }
  }

  /** The report to print if the run must be ended now. */
  setFallback(reports: FallbackReports): void {
    this.fallback = reports;
  }

  /** The search is over: its own report follows, and only a signal can still end the thread. */
  disarm(): void {
    clearTimeout(this.deadlineTimer);
    clearInterval(this.memoryTimer);
    this.deadlineTimer = this.memoryTimer = undefined;
  }

  /** The program thread ended by itself. */
  finished(): void {
    this.disarm();
    clearTimeout(this.graceTimer);
    this.ended = true;
  }

  private sampleMemory(max: number): void {
    const rss = process.memoryUsage.rss();
    if (rss >= max * MEMORY_HARD_FACTOR)
      return this.forceEnd('memory', `resident memory reached ${mib(rss)} MiB, past --max-memory ${mib(max)} MiB`);
    if (rss >= max) this.request('memory');
  }

  /** Asks the search to stop, and ends the thread if it has not within the grace period. */
  private request(reason: GuardedReason): void {
    if (this.ended) return;
    Atomics.compareExchange(this.stop, GUARD_WORD.stop, STOP_CODE.none, STOP_CODE[reason]);
    if (this.graceTimer !== undefined) return;
    // A program still starting stops as soon as its search begins; it may take long to get there on a loaded machine.
    const starting = Atomics.load(this.stop, GUARD_WORD.phase) === PHASE.starting;
    const grace = starting ? START_GRACE_MS : STOP_GRACE_MS;
    const what = starting
      ? `the run did not reach its search within ${seconds(grace)} of being asked (${ASKED[reason]}; a model file that does not finish loading?)`
      : `the search did not stop within ${seconds(grace)} of being asked (${ASKED[reason]}; a step that does not return?)`;
    this.graceTimer = setTimeout(() => this.forceEnd(reason, what), grace);
    this.graceTimer.unref();
  }

  /**
   * Ends the program thread and the process with the last incomplete report the program sent:
   * exit 3. If the thread cannot be ended (blocked in a system call), the process kills itself.
   */
  private forceEnd(reason: GuardedReason, why: string, asked = false): void {
    if (this.ended) return;
    // A checkpoint being written is left to finish (it ends the stop in a checkpoint that can be
    // resumed); the program is looked at again a grace period later. A second signal does not wait.
    if (!asked && Atomics.load(this.stop, GUARD_WORD.phase) === PHASE.checkpointing) {
      setTimeout(() => this.forceEnd(reason, why, asked), STOP_GRACE_MS).unref();
      return;
    }
    // A search that is over is writing its own report: a timer leaves it to finish, and even a
    // second signal does not add a report of its own to it.
    const searchOver = Atomics.load(this.stop, GUARD_WORD.phase) === PHASE.reporting;
    if (searchOver && !asked) return;
    this.ended = this.forced = true;
    this.disarm();
    clearTimeout(this.graceTimer);
    Atomics.store(this.stop, GUARD_WORD.stop, STOP_CODE[reason]);
    const fallback = searchOver ? undefined : this.fallback;
    const note = fallback ? 'the run ends now, with the statistics of its last progress report' : 'the run ends now';
    process.stderr.write(`${this.debugName}: ${why}; ${note}\n`);
    if (fallback) this.writeFallback(fallback, reason);
    process.exitCode = EXIT.incomplete;
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), TERMINATE_MS).unref();
    void this.worker.terminate().then(() => process.exit(EXIT.incomplete));
  }

  private writeFallback(fallback: FallbackReports, reason: GuardedReason): void {
    const text = fallback.reports[reason];
    try {
      if (fallback.out === undefined) this.writeOut(text);
      else writeFileSync(fallback.out, text);
    } catch (e) {
      process.stderr.write(`${this.debugName}: cannot write the report: ${(e as Error).message}\n`);
    }
  }
}

const ASKED: Readonly<Record<GuardedReason, string>> = {
  interrupted: 'an interrupt',
  memory: 'the memory bound',
  timeout: 'the timeout',
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function mib(bytes: number): string {
  return Math.round(bytes / 2 ** 20).toLocaleString('en-US');
}
