/**
 * Differential tests: the checker against the reference explorer (test/helpers/referenceExplorer.ts),
 * which shares nothing with it but the model contract. On every bundled scenario and on hundreds of
 * random models they must agree on the distinct and generated counts, the depth, which properties
 * fail, which states are deadlocks, and the length of the shortest counterexample: with fingerprints,
 * over a model's packed form and over its Immutable states, in exact mode, and with two workers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import type { ModelSource } from '../../checker/parallel/ModelSource.js';
// The reference explorer judges states, not runs: the scenarios are compared on their safety properties.
import { applyOverrides } from '../../cli/applyOverrides.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { kernelModelSource } from '../../properties/kernelModelSource.js';
import { bundledScenarioNames, loadScenario } from '../../model/kernel/loadScenario.js';
import { graphModelOf, graphSpecs, programModelOf, programSpecs, randomModelSource } from '../helpers/randomModels.js';
import { exploreReference } from '../helpers/referenceExplorer.js';
import { crossCheck, expectAgrees, LARGE_SCENARIOS, type AnyModel } from '../helpers/crossCheck.js';

/** Checks `model` with two workers and asserts the reference's answer for its own properties. */
async function crossCheckParallel(model: AnyModel, source: ModelSource): Promise<void> {
  const ref = exploreReference(model);
  expectAgrees(ref, model.properties(), await checkWithWorkers(model, source, { workers: 2, symmetry: false }));
}

describe('the checker agrees with the reference explorer', () => {
  // The two largest bundled spaces are cross-checked by differential.slow.test.ts instead.
  for (const name of bundledScenarioNames().filter((n) => !LARGE_SCENARIOS.includes(n))) {
    it(`on the bundled scenario ${name}`, () => {
      const ref = crossCheck(buildKernelModel(applyOverrides(loadScenario(name), { liveness: false })) as AnyModel);
      expect(ref.distinct).toBeGreaterThan(50);
    });
  }

  // Two workers cost a second or so each (worker start-up); pinnedCounts.test.ts runs every bundled
  // scenario with two workers against the counts this file confirms with one.
  it('on bundled scenarios with two workers (a deadlock, a violation of several properties, a pass)', async () => {
    for (const name of ['sync-in-release', 'lazy-with-reader', 'seed']) {
      const scenario = loadScenario(name);
      await crossCheckParallel(buildKernelModel(scenario) as AnyModel, kernelModelSource(scenario));
    }
  });

  it('on 150 random transition systems (Immutable states, deadlocks, boundaries, final states)', () => {
    fc.assert(
      fc.property(graphSpecs, (spec) => void crossCheck(graphModelOf(spec) as AnyModel)),
      { numRuns: 150, seed: 0x5eed },
    );
  });

  it('on 100 random programs of the program kit (guards, loops, daemons)', () => {
    fc.assert(
      fc.property(programSpecs, (spec) => void crossCheck(programModelOf(spec) as AnyModel)),
      { numRuns: 100, seed: 0x5eed },
    );
  });

  it('on random models with two workers', async () => {
    const graphs = fc.sample(
      graphSpecs.map((s) => ({ ...s, ownEncoding: true })),
      { numRuns: 2, seed: 7 },
    );
    const programs = fc.sample(
      programSpecs.map((s) => ({ ...s, ownEncoding: true })),
      { numRuns: 2, seed: 7 },
    );
    for (const spec of graphs)
      await crossCheckParallel(graphModelOf(spec) as AnyModel, randomModelSource('graph', spec));
    for (const spec of programs)
      await crossCheckParallel(programModelOf(spec) as AnyModel, randomModelSource('program', spec));
  });
});
