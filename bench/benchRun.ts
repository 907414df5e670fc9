/**
 * One benchmark run in a process of its own (so that peak memory is this run's): checks a scaled
 * `seed` and prints one JSON line with the counts, the time and the memory. Arguments: readers,
 * listeners, workers, and optionally `parallel`, which runs the parallel search even with one
 * worker (one worker otherwise runs the one-thread search, as `--workers 1` does): that measures
 * how the parallel search itself scales; and `no-symmetry`, which stores every state instead of one
 * per orbit of interchangeable readers (symmetry reduction is on by default, as in `check`). The default `--max-states` (100 million) applies:
 * `5 3 2` is the run of 100 million states, which ends incomplete at that bound.
 */
import { checkWithWorkers } from '../checker/checkWithWorkers.js';
import { ParallelExplorer } from '../checker/parallel/ParallelExplorer.js';
import { resolveOptions } from '../checker/resolveOptions.js';
import { buildKernelModel } from '../properties/buildKernelModel.js';
import { kernelModelSource } from '../properties/kernelModelSource.js';
import { loadScenario } from '../model/kernel/loadScenario.js';
import { applyOverrides } from '../cli/applyOverrides.js';
import type { Scenario } from '../model/kernel/Scenario.js';

/**
 * The seed scaled to `readers` invalidate readers and `listeners` amdkfd listeners, with its safety
 * properties: the benchmark measures the search engine (workers, symmetry reduction), which the
 * liveness properties' one-thread state graph would bypass.
 */
export function scaledSeed(readers: number, listeners: number): Scenario {
  const seed = applyOverrides(loadScenario('seed'), { readers, liveness: false });
  return { ...seed, listeners: Array.from({ length: listeners }, () => seed.listeners[0]!) };
}

const [readers = 3, listeners = 1, workers = 1] = process.argv.slice(2, 5).map(Number);
const extra = process.argv.slice(5);
const stray = extra.find((a) => a !== 'parallel' && a !== 'no-symmetry');
if (stray !== undefined) {
  console.error(
    `benchRun: after readers, listeners and workers come only "parallel" and "no-symmetry", not "${stray}"`,
  );
  process.exit(2);
}
const engine = extra.includes('parallel') ? 'parallel' : 'auto';
const symmetry = !extra.includes('no-symmetry');
const scenario = scaledSeed(readers, listeners);
const started = performance.now();
const model = buildKernelModel(scenario);
const outcome =
  engine === 'parallel'
    ? await new ParallelExplorer(model, kernelModelSource(scenario), resolveOptions({ symmetry }), workers).run()
    : await checkWithWorkers(model, kernelModelSource(scenario), { workers, symmetry });
const seconds = (performance.now() - started) / 1000;
const { distinct, generated, depth, storeBytes } = outcome.stats;
process.stdout.write(
  JSON.stringify({
    readers,
    listeners,
    workers,
    engine,
    symmetry,
    verdict: outcome.kind,
    ...(outcome.kind === 'incomplete' ? { reason: outcome.reason } : {}),
    distinct,
    generated,
    depth,
    seconds,
    statesPerSecond: distinct / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    storeBytesPerState: storeBytes / distinct,
  }) + '\n',
);
