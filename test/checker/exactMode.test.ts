/**
 * Exact mode (`exact: true`) stores every state in full: it must give the fingerprint search's
 * result exactly (counts, verdict, counterexample), report a collision probability of 0, and run
 * on one thread whatever the number of workers asked for.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import type { Outcome } from '../../checker/Outcome.js';
import { applyOverrides } from '../../cli/applyOverrides.js';
import { buildKernelModel } from '../../model/kernel/buildKernelModel.js';
import { bundledScenarioNames, loadScenario } from '../../model/kernel/loadScenario.js';
import { expectIncomplete, expectModelError } from '../helpers/expect.js';
import { flakyActionOrder, throwingCounter } from '../helpers/misbehaving.js';

/** What must not depend on how states are stored. */
function summary(o: Outcome<unknown, unknown>) {
  return {
    kind: o.kind,
    distinct: o.stats.distinct,
    generated: o.stats.generated,
    depth: o.stats.depth,
    queue: o.stats.queue,
    violations: o.kind === 'violation' ? o.violations.map((v) => v.propertyId) : [],
    actions: o.kind === 'violation' ? o.trace.steps.map((s) => s.action) : [],
  };
}

describe('exact mode', () => {
  for (const name of bundledScenarioNames()) {
    it(`${name}: the fingerprint search's counts, verdict and counterexample, with collision probability 0`, () => {
      const model = buildKernelModel(loadScenario(name));
      const exact = check(model, { exact: true });
      expect(summary(exact)).toEqual(summary(check(model)));
      expect(exact.stats).toMatchObject({ collisionProbability: 0, exact: true });
    });
  }

  it('seed with 2 readers: 5,133 states either way; the full states take more memory than fingerprints', () => {
    const model = buildKernelModel(applyOverrides(loadScenario('seed'), { readers: 2 }));
    const exact = check(model, { exact: true });
    const hashed = check(model);
    expect(summary(exact)).toEqual(summary(hashed));
    expect(exact.stats.distinct).toBe(5133);
    expect(hashed.stats.collisionProbability).toBeGreaterThan(0);
    expect(hashed.stats.exact).toBeUndefined();
    expect(exact.stats.storeBytes).toBeGreaterThan(hashed.stats.storeBytes);
  });

  it('runs on one thread when workers are asked for: the worker-side model is never built', async () => {
    const model = buildKernelModel(loadScenario('sync-in-release'));
    const unloadable = { module: 'file:///nowhere/model.js', exportName: 'model', args: [] };
    const exact = await checkWithWorkers(model, unloadable, { workers: 2, exact: true });
    expect(summary(exact)).toEqual(summary(check(model)));
    expect(exact.stats.collisionProbability).toBe(0);
  });

  it('keeps the bounds, the model errors and the determinism check of the fingerprint search', () => {
    const model = buildKernelModel(loadScenario('seed'));
    expect(expectIncomplete(check(model, { exact: true, maxStates: 100 }), 'maxStates').stats).toMatchObject({ distinct: 100, exact: true });
    expectModelError(check(throwingCounter('nextState'), { exact: true }), /^boom at 2$/);
    expectModelError(check(flakyActionOrder(), { exact: true }), /^the model is not deterministic/);
  });
});
