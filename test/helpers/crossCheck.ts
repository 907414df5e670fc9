/**
 * The cross-check of the differential tests: a model checked by the checker in every form (each
 * property alone, none, all; the packed and the Immutable form; exact storage) against the
 * reference explorer (referenceExplorer.ts), which shares nothing with the checker but the model
 * contract.
 */
import { expect } from 'vitest';
import { check } from '../../checker/check.js';
import type { CheckOptions } from '../../checker/CheckOptions.js';
import type { Outcome } from '../../checker/Outcome.js';
import type { Model } from '../../model/Model.js';
import { deadlockFree, type Property } from '../../model/Property.js';
import { describeOutcome } from './expect.js';
import { immutableForm } from './immutableForm.js';
import { exploreReference, type ReferenceResult } from './referenceExplorer.js';

export type AnyModel = Model<unknown, unknown>;

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
export function expectAgrees(
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
export function crossCheck(model: AnyModel, given: Partial<CheckOptions> = {}): ReferenceResult<unknown> {
  const options = { symmetry: false, ...given }; // the reference stores every state, not one per orbit
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

/** Bundled scenarios whose cross-check takes seconds: run by the slow tests only. */
export const LARGE_SCENARIOS: readonly string[] = [
  'hmm-mirror-read-begin-under-lock',
  'hmm-mirror-insert-during-invalidate',
];
