/**
 * Differential tests: the checker against the reference explorer (test/helpers/referenceExplorer.ts),
 * which shares nothing with it but the model contract. On every bundled scenario and on hundreds of
 * random models they must agree on the distinct and generated counts, the depth, which properties
 * fail, which states are deadlocks, and the length of the shortest counterexample: with fingerprints,
 * over a model's packed form and over its Immutable states, in exact mode, and with two workers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import type { CheckOptions } from '../../checker/CheckOptions.js';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import type { Outcome } from '../../checker/Outcome.js';
import { immutableForm } from '../helpers/immutableForm.js';
import type { ModelSource } from '../../checker/parallel/ModelSource.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { kernelModelSource } from '../../properties/kernelModelSource.js';
import { bundledScenarioNames, loadScenario } from '../../model/kernel/loadScenario.js';
import type { Model } from '../../model/Model.js';
import { deadlockFree, type Property } from '../../model/Property.js';
import { describeOutcome } from '../helpers/expect.js';
import { graphModelOf, graphSpecs, programModelOf, programSpecs, randomModelSource } from '../helpers/randomModels.js';
import { exploreReference, type ReferenceResult } from '../helpers/referenceExplorer.js';

type AnyModel = Model<unknown, unknown>;

/** `model` checking only `properties` (the state space is the model's own). */
function withProperties(model: AnyModel, properties: readonly Property<unknown>[]): AnyModel {
  return Object.assign(Object.create(model) as AnyModel, { properties: () => properties });
}

/** The final state of a violation's trace. */
function finalState(outcome: Outcome<unknown, unknown>): unknown {
  if (outcome.kind !== 'violation') throw new Error(`expected a violation\n${describeOutcome(outcome)}`);
  return outcome.trace.steps.at(-1)?.state ?? outcome.trace.initial;
}

/**
 * Asserts that `outcome`, a run of `model` restricted to `properties`, is what the reference says:
 * ok with the full counts when no state violates them, else a violation at the shortest depth, on a
 * state that really violates what the outcome names, with the counts as of that level.
 */
function expectAgrees(
  ref: ReferenceResult<unknown>,
  properties: readonly Property<unknown>[],
  outcome: Outcome<unknown, unknown>,
): void {
  const shown = describeOutcome(outcome);
  const bad = new Set<string>();
  for (const p of properties)
    for (const key of p.kind === 'always' ? ref.violating.get(p.id)! : p.kind === 'deadlockFree' ? ref.deadlocks : [])
      bad.add(key);
  const depth = ref.shortest(bad);
  if (depth === undefined) {
    expect(outcome.kind, shown).toBe('ok');
    expect(
      { distinct: outcome.stats.distinct, generated: outcome.stats.generated, depth: outcome.stats.depth },
      shown,
    ).toEqual({
      distinct: ref.distinct,
      generated: ref.generated,
      depth: ref.maxDepth,
    });
    return;
  }
  expect(outcome.kind, shown).toBe('violation');
  if (outcome.kind !== 'violation') return;
  expect(outcome.trace.steps.length, shown).toBe(depth);
  expect(
    { distinct: outcome.stats.distinct, generated: outcome.stats.generated, depth: outcome.stats.depth },
    shown,
  ).toEqual({
    distinct: ref.countWithin(depth),
    generated: ref.generatedBefore(depth),
    depth,
  });
  const key = ref.keyOf(finalState(outcome));
  expect(ref.nodes.get(key)?.depth, shown).toBe(depth);
  for (const v of outcome.violations) {
    const property = properties.find((p) => p.id === v.propertyId)!;
    const where = property.kind === 'deadlockFree' ? ref.deadlocks : ref.violating.get(property.id)!;
    expect(where.has(key), `${v.propertyId} does not hold at the final state\n${shown}`).toBe(true);
  }
}

/**
 * Cross-checks the checker on `model` against the reference: the whole space (no properties), each
 * property the reference finds violated on its own, the rest together, deadlock freedom, and the
 * model's own properties with fingerprints and in exact mode. Returns the reference's result.
 */
function crossCheck(model: AnyModel, options: Partial<CheckOptions> = {}): ReferenceResult<unknown> {
  const ref = exploreReference(model);
  const own = model.properties();
  const invariants = own.filter((p) => p.kind === 'always');
  const violated = invariants.filter((p) => ref.violating.get(p.id)!.size > 0);
  const holding = invariants.filter((p) => ref.violating.get(p.id)!.size === 0);
  const deadlock = own.find((p) => p.kind === 'deadlockFree') ?? deadlockFree('deadlock-free', 'no deadlock');
  for (const properties of [[], holding, [deadlock], ...violated.map((p) => [p])]) {
    expectAgrees(ref, properties, check(withProperties(model, properties), options));
  }
  expectAgrees(ref, own, check(model, options));
  expectAgrees(ref, own, check(immutableForm(model), options));
  expectAgrees(ref, own, check(model, { ...options, exact: true }));
  return ref;
}

/** Checks `model` with two workers and asserts the reference's answer for its own properties. */
async function crossCheckParallel(model: AnyModel, source: ModelSource): Promise<void> {
  const ref = exploreReference(model);
  expectAgrees(ref, model.properties(), await checkWithWorkers(model, source, { workers: 2 }));
}

describe('the checker agrees with the reference explorer', () => {
  for (const name of bundledScenarioNames()) {
    it(`on the bundled scenario ${name}`, () => {
      const ref = crossCheck(buildKernelModel(loadScenario(name)) as AnyModel);
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
