/**
 * `sequentialFirst`: with more than one worker, a space that ends within the bound is searched on
 * the calling thread alone (no worker is started), and a larger one by the workers from the start,
 * with the same result either way.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../../checker/check.js';
import { checkWithWorkers } from '../../../checker/checkWithWorkers.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import { buildKernelModel } from '../../../model/kernel/buildKernelModel.js';
import { kernelModelSource } from '../../../model/kernel/kernelModelSource.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { faultyCounter } from '../../fixtures/faults/workerFaults.js';
import { outcomeSummary } from '../../helpers/outcomeSummary.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
// A model of 200 states whose copy in a worker thread cannot be built: any worker start fails the run.
const unbuildable = { module: pathToFileURL(join(REPO_ROOT, 'test', 'fixtures', 'faults', 'workerFaults.ts')).href, exportName: 'faultyCounter', args: ['build'] };

describe('a first search on one thread', () => {
  it('answers a space within its bound without starting a worker', async () => {
    const outcome = await checkWithWorkers(faultyCounter('build'), unbuildable, { workers: 2, sequentialFirst: 1000 });
    expect([outcome.kind, outcome.stats.distinct]).toEqual(['ok', 200]);
  });

  it('hands a larger space to the workers, which search it from the start', async () => {
    const outcome = await checkWithWorkers(faultyCounter('build'), unbuildable, { workers: 2, sequentialFirst: 100 });
    expect(outcome.kind === 'modelError' && outcome.message).toMatch(/^worker 1 could not build the model/);
  });

  it('seed with 3 readers (42,155 states) past a bound of 5,000: the result of one thread, counterexample and all', async () => {
    const scenario = applyOverrides(loadScenario('seed'), { readers: 3 });
    const model = buildKernelModel(scenario);
    const outcome = await checkWithWorkers(model, kernelModelSource(scenario), { workers: 2, sequentialFirst: 5000 });
    expect(outcomeSummary(outcome, true)).toEqual(outcomeSummary(check(model), true));
    const lazy = loadScenario('lazy-with-reader');
    const lazyModel = buildKernelModel(lazy);
    const violation = await checkWithWorkers(lazyModel, kernelModelSource(lazy), { workers: 2, sequentialFirst: 100 });
    expect(outcomeSummary(violation, true)).toEqual(outcomeSummary(check(lazyModel), true));
  });

  it('keeps a state bound below its own: the first search is then the whole run', async () => {
    const outcome = await checkWithWorkers(faultyCounter('build'), unbuildable, { workers: 2, sequentialFirst: 1000, maxStates: 50 });
    expect(outcome.kind === 'incomplete' && [outcome.reason, outcome.stats.distinct]).toEqual(['maxStates', 50]);
  });
});
