/**
 * One benchmark run in a process of its own (so that peak memory is this run's): checks a scaled
 * `seed` and prints one JSON line with the counts, the time and the memory. Arguments: readers,
 * listeners, workers. The default `--max-states` (100 million) applies: `5 3 2` is the run of
 * 100 million states, which ends incomplete at that bound.
 */
import { checkWithWorkers } from '../checker/checkWithWorkers.js';
import { buildKernelModel } from '../model/kernel/buildKernelModel.js';
import { kernelModelSource } from '../model/kernel/kernelModelSource.js';
import { loadScenario } from '../model/kernel/loadScenario.js';
import { applyOverrides } from '../cli/applyOverrides.js';
import type { Scenario } from '../model/kernel/Scenario.js';

/** The seed scaled to `readers` invalidate readers and `listeners` amdkfd listeners. */
export function scaledSeed(readers: number, listeners: number): Scenario {
  const seed = applyOverrides(loadScenario('seed'), { readers });
  return { ...seed, listeners: Array.from({ length: listeners }, () => seed.listeners[0]!) };
}

const [readers = 3, listeners = 1, workers = 1] = process.argv.slice(2).map(Number);
const scenario = scaledSeed(readers, listeners);
const started = performance.now();
const outcome = await checkWithWorkers(buildKernelModel(scenario), kernelModelSource(scenario), { workers });
const seconds = (performance.now() - started) / 1000;
const { distinct, generated, depth, storeBytes } = outcome.stats;
process.stdout.write(
  JSON.stringify({
    readers,
    listeners,
    workers,
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
