/**
 * The coordinator's clock during a parallel search: every 100 ms it checks the timeout, the stop
 * callback (SIGINT/SIGTERM) and the memory bound, tells the workers to stop through the shared
 * control word, and reports progress about once a second.
 */
import type { CheckOptions } from '../CheckOptions.js';
import type { Stats } from '../Stats.js';
import type { IncompleteReason } from '../Outcome.js';
import { Control, StopReason } from './messages.js';
import { stopRequest } from '../stopRequest.js';

const TICK_MS = 100;
const PROGRESS_MS = 1000;

/** Watches a running search from the coordinating thread. */
export class RunWatch {
  private readonly startMs = performance.now();
  private lastProgressMs = this.startMs;
  private timer: NodeJS.Timeout | undefined;
  /** Why the run must stop, once it must. */
  reason: IncompleteReason | undefined;

  constructor(
    private readonly options: CheckOptions,
    private readonly control: Int32Array,
    private readonly stats: () => Stats,
    /** Time the run had taken before this search began (a first search on this thread). */
    private readonly priorMs = 0,
  ) {}

  /** Milliseconds since the run started. */
  get elapsedMs(): number {
    return performance.now() - this.startMs + this.priorMs;
  }

  /** Starts watching; the bounds are checked at once, so a run shorter than a tick still meets them. */
  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = performance.now();
    if (!this.reason) this.reason = this.stopReason(now);
    if (this.reason) Atomics.store(this.control, Control.Stop, StopReason.Requested);
    if (this.options.onProgress && now - this.lastProgressMs >= PROGRESS_MS) {
      this.lastProgressMs = now;
      this.options.onProgress(this.stats());
    }
  }

  private stopReason(now: number): IncompleteReason | undefined {
    if (now - this.startMs + this.priorMs >= this.options.timeoutMs) return 'timeout';
    const requested = stopRequest(this.options);
    if (requested !== undefined) return requested;
    if (this.options.maxMemoryBytes !== undefined && process.memoryUsage.rss() >= this.options.maxMemoryBytes)
      return 'memory';
    return undefined;
  }
}
