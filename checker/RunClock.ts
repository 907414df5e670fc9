/** The wall clock of a run and the caller's hooks on it: the timeout, the stop callback, progress reports. */
import type { CheckOptions } from './CheckOptions.js';
import type { Stats } from './Stats.js';
import type { IncompleteReason } from './Outcome.js';
import { stopRequest } from './stopRequest.js';

const PROGRESS_INTERVAL_MS = 1000;

/** Decides, when polled, whether a run must stop, and reports progress about once a second. */
export class RunClock {
  private readonly startMs = performance.now();
  private lastProgressMs = this.startMs;
  /** True while a caller's callback runs: what it throws is the caller's error, not the model's. */
  inCallback = false;

  constructor(private readonly options: CheckOptions) {}

  /** Milliseconds since the run started. */
  get elapsedMs(): number {
    return performance.now() - this.startMs;
  }

  /**
   * True when the caller asks the run to stop: cheap enough to ask at every state, where the full
   * poll (clock, memory) runs only every thousand or so, so a search of large states still stops
   * within one state of being asked.
   */
  stopAsked(): boolean {
    if (this.options.shouldStop === undefined) return false;
    this.inCallback = true;
    const asked = stopRequest(this.options) !== undefined;
    this.inCallback = false;
    return asked;
  }

  /** Why the run must stop now (`timeout`, `memory`, `interrupted`), or undefined; `stats` is read only for a progress report. */
  poll(stats: () => Stats): IncompleteReason | undefined {
    const now = performance.now();
    if (now - this.startMs >= this.options.timeoutMs) return 'timeout';
    if (this.options.maxMemoryBytes !== undefined && process.memoryUsage.rss() >= this.options.maxMemoryBytes)
      return 'memory';
    this.inCallback = true;
    const stop = stopRequest(this.options);
    if (
      stop === undefined &&
      this.options.onProgress !== undefined &&
      now - this.lastProgressMs >= PROGRESS_INTERVAL_MS
    ) {
      this.lastProgressMs = now;
      this.options.onProgress(stats());
    }
    this.inCallback = false;
    return stop;
  }
}
