/**
 * The explorer's search thread: builds its own copy of the target's model, runs one search
 * (searchFromPosition.ts) and posts its reply. It runs apart from the server so that the server
 * keeps answering — the page's cancel among others — while a search of many states runs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { modelOfSource, type TargetSource } from './exploreTarget.js';
import { searchFromPosition, type SearchReply, type SearchRequest } from './searchFromPosition.js';

/** What the search thread starts with. */
export interface SearchStart {
  readonly source: TargetSource;
  readonly request: SearchRequest;
  /** Word 0 becomes non-zero when the search must stop. */
  readonly stop: Int32Array;
}

const start = workerData as SearchStart;
let reply: SearchReply;
try {
  const model = await modelOfSource(start.source);
  reply = searchFromPosition(model, start.request, () => Atomics.load(start.stop, 0) !== 0);
} catch (e) {
  reply = { kind: 'error', message: `the model could not be built: ${e instanceof Error ? e.message : String(e)}` };
}
parentPort!.postMessage(reply);
