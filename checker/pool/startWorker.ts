/**
 * Starts a worker thread on one of mmucheck's worker programs, from compiled JavaScript or, when
 * the code runs from its TypeScript sources (the tests), through the tsx loader (tsBoot.mjs). The
 * search workers, the check pool and the CLI's program thread all start their threads here.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** True when this module, and so every module of the program, runs from TypeScript sources. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/**
 * A new worker running the program at `entry`, the URL of its compiled `.js` file (built from the
 * caller's `import.meta.url`); from sources the `.ts` file beside it runs instead. `workerData`
 * reaches the program as `workerData` (from sources with one more field, `entry`).
 */
export function startWorker(entry: URL, workerData: Record<string, unknown> = {}): Worker {
  if (!FROM_SOURCES) return new Worker(fileURLToPath(entry), { workerData });
  const source = new URL(entry.href.replace(/\.js$/, '.ts'));
  return new Worker(fileURLToPath(new URL('./tsBoot.mjs', import.meta.url)), {
    workerData: { ...workerData, entry: source.href },
  });
}
