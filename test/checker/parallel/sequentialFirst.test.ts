/**
 * `sequentialFirst`: with more than one worker, a space that ends within the bound is searched on
 * the calling thread alone (no worker is started). In a larger one the workers go on from the level
 * where the first search stopped (models with a packed form) or search again from the start
 * (others), with the same result either way.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { check } from '../../../checker/check.js';
import { checkWithWorkers } from '../../../checker/checkWithWorkers.js';
import { ParallelExplorer } from '../../../checker/parallel/ParallelExplorer.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { kernelModelSource } from '../../../properties/kernelModelSource.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { faultyCounter } from '../../fixtures/faults/workerFaults.js';
import { outcomeSummary } from '../../helpers/outcomeSummary.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
// A model of 200 states whose copy in a worker thread cannot be built: any worker start fails the run.
const unbuildable = {
  module: pathToFileURL(join(REPO_ROOT, 'test', 'fixtures', 'faults', 'workerFaults.ts')).href,
  exportName: 'faultyCounter',
  args: ['build'],
};

describe('a first search on one thread', () => {
  it('answers a space within its bound without starting a worker', async () => {
    const outcome = await checkWithWorkers(faultyCounter('build'), unbuildable, { workers: 2, sequentialFirst: 1000 });
    expect([outcome.kind, outcome.stats.distinct]).toEqual(['ok', 200]);
  });

  it('hands a larger space of a model without a packed form to the workers, which search it from the start', async () => {
    const outcome = await checkWithWorkers(faultyCounter('build'), unbuildable, { workers: 2, sequentialFirst: 100 });
    expect(outcome.kind === 'modelError' && outcome.message).toMatch(/^worker 1 could not build the model/);
  });

  it('keeps a state bound below its own: the first search is then the whole run', async () => {
    const outcome = await checkWithWorkers(faultyCounter('build'), unbuildable, {
      workers: 2,
      sequentialFirst: 1000,
      maxStates: 50,
    });
    expect(outcome.kind === 'incomplete' && [outcome.reason, outcome.stats.distinct]).toEqual(['maxStates', 50]);
  });
  describe('going on from the level where it stopped', () => {
    const seed3 = applyOverrides(loadScenario('seed'), { readers: 3, liveness: false });
    const model = buildKernelModel(seed3);
    // Without symmetry reduction: the larger space hands over at the depths pinned below.
    const single = outcomeSummary(check(model, { symmetry: false }), true);

    /** Runs with a first search, and says where the workers took over (undefined: they searched from the start or not at all). */
    async function handedRun(options: Parameters<typeof checkWithWorkers>[2], scenario = seed3, kernel = model) {
      const run = vi.spyOn(ParallelExplorer.prototype, 'run');
      try {
        const outcome = await checkWithWorkers(kernel, kernelModelSource(scenario), { symmetry: false, ...options });
        const from = run.mock.calls[0]?.[0];
        return {
          outcome,
          handedAt: from && { depth: from.level.depth, distinct: from.level.distinct, count: from.level.count },
        };
      } finally {
        run.mockRestore();
      }
    }

    it('seed with 3 readers: the result of one thread whatever the bound and the number of workers', async () => {
      const runs = [];
      for (const [sequentialFirst, workers] of [
        [1, 2],
        [5000, 4],
        [30_000, 2],
      ] as const) {
        const { outcome, handedAt } = await handedRun({ workers, sequentialFirst });
        expect(outcomeSummary(outcome, true)).toEqual(single);
        runs.push(handedAt);
      }
      expect(runs).toEqual([
        { depth: 1, distinct: 5, count: 4 },
        { depth: 16, distinct: 5067, count: 1381 },
        { depth: 24, distinct: 30_017, count: 3257 },
      ]);
    });

    it('a violation found by the workers after the hand-over: the counterexample of one thread', async () => {
      const lazy = applyOverrides(loadScenario('lazy-with-reader'), { liveness: false });
      const lazyModel = buildKernelModel(lazy);
      const alone = check(lazyModel);
      const { outcome, handedAt } = await handedRun({ workers: 2, sequentialFirst: 100 }, lazy, lazyModel);
      expect(outcomeSummary(outcome, true)).toEqual(outcomeSummary(alone, true));
      expect(alone.kind).toBe('violation');
      expect(handedAt!.depth).toBeLessThan(alone.stats.depth);
    });

    it('the state and depth bounds after the hand-over: the result of one thread', async () => {
      const deep = await handedRun({ workers: 2, sequentialFirst: 5000, maxDepth: 30 });
      const alone = (bounds: { maxDepth?: number; maxStates?: number }) => check(model, { symmetry: false, ...bounds });
      expect(outcomeSummary(deep.outcome, true)).toEqual(outcomeSummary(alone({ maxDepth: 30 }), true));
      expect(deep.handedAt?.depth).toBe(16);
      const bounded = await handedRun({ workers: 2, sequentialFirst: 5000, maxStates: 20_000 });
      expect(outcomeSummary(bounded.outcome, true)).toEqual(outcomeSummary(alone({ maxStates: 20_000 }), true));
      expect([bounded.outcome.kind, bounded.outcome.stats.distinct]).toEqual(['incomplete', 20_000]);
      expect(bounded.handedAt?.depth).toBe(16);
    });
  });
});
