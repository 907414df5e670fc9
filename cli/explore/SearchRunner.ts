/**
 * The server's one search at a time: each runs on a thread of its own (searchWorker.ts), a new
 * one cancels the one before, and `cancel()` (the page's button, or the server closing) raises
 * the stop word the search polls before every state, so it ends within one state as incomplete.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../checker/pool/startWorker.js';
import type { TargetSource } from './exploreTarget.js';
import type { SearchReply, SearchRequest } from './searchFromPosition.js';

/** How long a search thread may take to stop once asked before it is ended from outside. */
const STOP_GRACE_MS = 2000;

interface Running {
  readonly worker: Worker;
  readonly stop: Int32Array;
  readonly done: Promise<SearchReply>;
}

/** Runs the target's searches, one at a time. */
export class SearchRunner {
  private running: Running | undefined;

  constructor(private readonly source: TargetSource) {}

  /** Runs `request` (cancelling any search still running) and resolves to its reply. */
  async run(request: SearchRequest): Promise<SearchReply> {
    await this.cancel();
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const worker = startWorker(new URL('./searchWorker.js', import.meta.url), { source: this.source, request, stop });
    const done = new Promise<SearchReply>((resolve) => {
      let reply: SearchReply | undefined;
      worker.once('message', (m: SearchReply) => {
        reply = m;
      });
      worker.once('error', (e: Error) => {
        reply ??= { kind: 'error', message: `the search thread failed: ${e.message}` };
      });
      worker.once('exit', () => {
        if (this.running?.worker === worker) this.running = undefined;
        resolve(
          reply ??
            (Atomics.load(stop, 0) !== 0
              ? { kind: 'incomplete', reason: 'interrupted', distinct: 0 }
              : { kind: 'error', message: 'the search thread ended without a reply' }),
        );
      });
    });
    this.running = { worker, stop, done };
    return done;
  }

  /** Stops the running search, if any; true when there was one. Resolves once its thread has ended. */
  async cancel(): Promise<boolean> {
    const running = this.running;
    if (!running) return false;
    Atomics.store(running.stop, 0, 1);
    const timer = setTimeout(() => void running.worker.terminate(), STOP_GRACE_MS);
    await running.done;
    clearTimeout(timer);
    return true;
  }
}
