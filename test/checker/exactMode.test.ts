/**
 * Exact mode (`exact: true`) stores every state in full: it must give the fingerprint search's
 * result exactly (counts, verdict, counterexample), report a collision probability of 0, and run
 * on one thread whatever the number of workers asked for.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import { applyOverrides } from '../../cli/applyOverrides.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { bundledScenarioNames, loadScenario } from '../../model/kernel/loadScenario.js';
import { expectIncomplete, expectModelError } from '../helpers/expect.js';
import { flakyActionOrder, throwingCounter } from '../helpers/misbehaving.js';
import { outcomeSummary } from '../helpers/outcomeSummary.js';

const summaryWithQueue = (o: Parameters<typeof outcomeSummary>[0]) => outcomeSummary(o, true);

describe('exact mode', () => {
  for (const name of bundledScenarioNames()) {
    it(`${name}: the fingerprint search's counts, verdict and counterexample, with collision probability 0`, () => {
      const model = buildKernelModel(loadScenario(name));
      const exact = check(model, { exact: true });
      expect(summaryWithQueue(exact)).toEqual(summaryWithQueue(check(model)));
      expect(exact.stats).toMatchObject({ collisionProbability: 0, exact: true });
    });
  }

  it('seed with 2 readers (no symmetry reduction): 5,133 states either way; the full states take more memory than fingerprints', () => {
    const model = buildKernelModel(applyOverrides(loadScenario('seed'), { readers: 2 }));
    const exact = check(model, { exact: true, symmetry: false });
    const hashed = check(model, { symmetry: false });
    expect(summaryWithQueue(exact)).toEqual(summaryWithQueue(hashed));
    expect(exact.stats.distinct).toBe(5133);
    expect(hashed.stats.collisionProbability).toBeGreaterThan(0);
    expect(hashed.stats.exact).toBeUndefined();
    expect(exact.stats.storeBytes).toBeGreaterThan(hashed.stats.storeBytes);
  });

  it('runs on one thread when workers are asked for: the worker-side model is never built', async () => {
    const model = buildKernelModel(loadScenario('sync-in-release'));
    const unloadable = { module: 'file:///nowhere/model.js', exportName: 'model', args: [] };
    const exact = await checkWithWorkers(model, unloadable, { workers: 2, exact: true });
    expect(summaryWithQueue(exact)).toEqual(summaryWithQueue(check(model)));
    expect(exact.stats.collisionProbability).toBe(0);
  });

  it('keeps the bounds, the model errors and the determinism check of the fingerprint search', () => {
    const model = buildKernelModel(loadScenario('seed'));
    expect(expectIncomplete(check(model, { exact: true, maxStates: 100 }), 'maxStates').stats).toMatchObject({
      distinct: 100,
      exact: true,
    });
    expectModelError(check(throwingCounter('nextState'), { exact: true }), /^boom at 2$/);
    expectModelError(check(flakyActionOrder(), { exact: true }), /^the model is not deterministic/);
  });
});
