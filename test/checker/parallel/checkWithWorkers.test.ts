/**
 * Results never depend on the number of workers: the parallel search gives the sequential
 * search's distinct and generated counts, verdict, and the very same counterexample.
 */
import { describe, expect, it } from 'vitest';
import { checkWithWorkers } from '../../../checker/checkWithWorkers.js';
import { check } from '../../../checker/check.js';
import { buildKernelModel } from '../../../model/kernel/buildKernelModel.js';
import { kernelModelSource } from '../../../model/kernel/kernelModelSource.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import { outcomeSummary } from '../../helpers/outcomeSummary.js';


const SCENARIOS = ['seed', 'lazy-with-reader', 'no-mm-pin', 'sync-in-release', 'tree-barrier-one-cpu', 'tree-barrier'];

describe('checkWithWorkers', () => {
  for (const name of SCENARIOS) {
    it(`${name}: 2 and 4 workers give the sequential result exactly`, async () => {
      const scenario = loadScenario(name);
      const model = buildKernelModel(scenario);
      const sequential = outcomeSummary(check(model));
      for (const workers of [2, 4]) {
        const parallel = outcomeSummary(await checkWithWorkers(model, kernelModelSource(scenario), { workers }));
        expect(parallel).toEqual(sequential);
      }
    });
  }

  it('seed with 3 readers: 42,155 distinct states with 2 workers, as with one', async () => {
    const scenario = applyOverrides(loadScenario('seed'), { readers: 3 });
    const outcome = await checkWithWorkers(buildKernelModel(scenario), kernelModelSource(scenario), { workers: 2 });
    expect(outcome.kind).toBe('ok');
    expect(outcome.stats.distinct).toBe(42155);
    expect(outcome.stats.generated).toBe(163727);
  });

  it('ends incomplete at maxStates and maxDepth, never ok', async () => {
    const scenario = loadScenario('seed');
    const model = buildKernelModel(scenario);
    const byStates = await checkWithWorkers(model, kernelModelSource(scenario), { workers: 2, maxStates: 100 });
    expect(byStates.kind).toBe('incomplete');
    expect(byStates.kind === 'incomplete' && byStates.reason).toBe('maxStates');
    expect(byStates.stats.distinct).toBe(100);
    const byDepth = await checkWithWorkers(model, kernelModelSource(scenario), { workers: 2, maxDepth: 5 });
    expect(outcomeSummary(byDepth)).toEqual(outcomeSummary(check(model, { maxDepth: 5 })));
  });
});
