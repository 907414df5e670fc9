/**
 * A full garbage collection on demand, for threads whose heaps are small and rarely collected: a
 * SharedArrayBuffer a thread no longer uses stays mapped until that thread collects its wrapper,
 * so a worker that saw a table, claim list or segment replaced collects at once.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** Runs a full collection of this thread's heap (exposing V8's `gc` the first time). */
export function collectGarbage(): void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
