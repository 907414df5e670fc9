/**
 * Symmetry reduction: counts pinned with it (the same for one worker and two), the same verdicts
 * and shortest counterexample lengths as without it on every bundled scenario (as bundled and with
 * two readers), a sample of history cells, the teaching models and random models with
 * interchangeable processes; the value path stores the packed path's states; counterexamples are
 * runs of the concrete model. The whole history table is in symmetry.slow.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import type { Outcome } from '../../checker/Outcome.js';
import { replay } from '../../checker/replay.js';
import { applyOverrides } from '../../cli/applyOverrides.js';
import { bundledScenarioNames, loadScenario } from '../../model/kernel/loadScenario.js';
import type { Model } from '../../model/Model.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { kernelModelSource } from '../../properties/kernelModelSource.js';
import { kref } from '../../examples/teaching/kref.js';
import { lostUpdate } from '../../examples/teaching/lost-update.js';
import { peterson } from '../../examples/teaching/peterson.js';
import { philosophers } from '../../examples/teaching/philosophers.js';
import { rcuList } from '../../examples/teaching/rcu-list.js';
import { seqlock } from '../../examples/teaching/seqlock.js';
import { historyRows } from '../../cli/history/historyRows.js';
import { immutableForm } from '../helpers/immutableForm.js';
import { exploreReference } from '../helpers/referenceExplorer.js';
import { symmetricModelOf, symmetricModelSource, symmetricSpecs } from '../helpers/symmetricModels.js';
import { verdictSummary } from '../helpers/outcomeSummary.js';

type AnyModel = Model<unknown, unknown>;

/** Verdict and shortest counterexample length: what reduction must not change. */
function verdictOf(o: Outcome<unknown, unknown>): { verdict: string; length?: number } {
  const { verdict, length } = verdictSummary(o) as { verdict: string; length?: number };
  return length === undefined ? { verdict } : { verdict, length };
}

/** Checks `model` with and without reduction and asserts the same verdict; returns both outcomes. */
function bothWays(model: AnyModel, bounds: { maxStates?: number } = {}) {
  const reduced = check(model, bounds);
  const full = check(model, { ...bounds, symmetry: false });
  expect(verdictOf(reduced)).toEqual(verdictOf(full));
  expect(reduced.stats.distinct).toBeLessThanOrEqual(full.stats.distinct);
  expect(full.stats.symmetry).toBeUndefined();
  return { reduced, full };
}

/** The action indices a trace takes, found by replaying it on the model: a run of the concrete model. */
function concreteIndices(model: AnyModel, o: Outcome<unknown, unknown>): number[] {
  if (o.kind !== 'violation') throw new Error(`expected a violation, got ${o.kind}`);
  let state = o.trace.initial;
  return o.trace.steps.map((step) => {
    const index = model.actions(state).findIndex((a) => JSON.stringify(a) === JSON.stringify(step.action));
    expect(index).toBeGreaterThanOrEqual(0);
    state = step.state;
    return index;
  });
}

interface Pinned {
  readonly verdict: string;
  readonly length?: number;
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  readonly groups: readonly string[];
}

// Reduced counts; without reduction the same verdicts on 5,133, 42,155, 375,909, 24,147, 42,187 and 14,184 states.
const PINNED: [string, { readers?: number; reclaimers?: number }, Pinned][] = [
  ['seed', { readers: 2 }, { verdict: 'ok', distinct: 2908, generated: 9052, depth: 38, groups: ['reader0, reader1'] }],
  [
    'seed',
    { readers: 3 },
    { verdict: 'ok', distinct: 9808, generated: 38344, depth: 42, groups: ['reader0, reader1, reader2'] },
  ],
  [
    'seed',
    { readers: 4 },
    { verdict: 'ok', distinct: 28705, generated: 135574, depth: 46, groups: ['reader0…reader3'] },
  ],
  [
    'lazy-with-reader',
    { readers: 3 },
    {
      verdict: 'no-callback-on-freed',
      length: 16,
      distinct: 5158,
      generated: 16412,
      depth: 16,
      groups: ['reader0, reader1, reader2'],
    },
  ],
  [
    'no-mm-pin',
    { readers: 3 },
    {
      verdict: 'no-use-after-free',
      length: 33,
      distinct: 9775,
      generated: 37999,
      depth: 33,
      groups: ['reader0, reader1, reader2'],
    },
  ],
  [
    'hmm-mirror-read-begin-under-lock',
    {},
    {
      verdict: 'no-deadlock',
      length: 43,
      distinct: 7270,
      generated: 20885,
      depth: 43,
      groups: ['invalidator0, invalidator1'],
    },
  ],
];

describe('symmetry reduction: pinned counts', () => {
  for (const [name, overrides, pinned] of PINNED) {
    it(`${name} ${JSON.stringify(overrides)}: ${pinned.verdict} on ${pinned.distinct} states, with 1 and 2 workers`, async () => {
      const scenario = applyOverrides(loadScenario(name), { ...overrides, liveness: false });
      const model = buildKernelModel(scenario);
      for (const workers of [1, 2]) {
        const o = await checkWithWorkers(model, kernelModelSource(scenario), { workers });
        const { distinct, generated, depth } = o.stats;
        expect({ ...verdictOf(o), distinct, generated, depth, groups: o.stats.symmetry }, `${workers}`).toEqual(pinned);
      }
    });
  }

  it('two groups at once (two readers, two reclaimers): 82,800 states against 284,376, with 1 and 2 workers', async () => {
    const scenario = applyOverrides(loadScenario('seed'), { readers: 2, reclaimers: 2, liveness: false });
    const model = buildKernelModel(scenario);
    for (const workers of [1, 2]) {
      const o = await checkWithWorkers(model, kernelModelSource(scenario), { workers });
      expect([o.kind, o.stats.distinct, o.stats.generated, o.stats.symmetry]).toEqual([
        'ok',
        82800,
        381612,
        ['reader0, reader1', 'reclaimer0, reclaimer1'],
      ]);
    }
  });
});

describe('symmetry reduction: the same verdicts as without it', () => {
  for (const name of bundledScenarioNames()) {
    it(`on ${name}, as bundled and with two readers`, () => {
      const scenario = applyOverrides(loadScenario(name), { liveness: false });
      bothWays(buildKernelModel(scenario) as AnyModel);
      if (scenario.mirrors.length === 0)
        bothWays(buildKernelModel(applyOverrides(scenario, { readers: 2 })) as AnyModel);
    });
  }

  it('on history cells: every version and SRCU of lazy-with-reader and seed-no-synchronize with two readers', () => {
    for (const name of ['lazy-with-reader', 'seed-no-synchronize']) {
      const scenario = applyOverrides(loadScenario(name), { readers: 2, liveness: false });
      for (const { kernel, srcu } of historyRows(scenario))
        bothWays(buildKernelModel(applyOverrides(scenario, { kernel, srcu })) as AnyModel);
    }
  });

  it('on the teaching models (none declares interchangeable parts: the same counts too)', () => {
    const models = [
      peterson(),
      peterson(true),
      philosophers(4),
      philosophers(4, true),
      lostUpdate(false),
      lostUpdate(true),
      rcuList(2),
      rcuList(2, true),
      kref(false),
      kref(true),
      seqlock(),
      seqlock(true),
    ] as AnyModel[];
    for (const model of models) {
      const { reduced, full } = bothWays(model);
      expect(reduced.stats).toMatchObject({ distinct: full.stats.distinct, generated: full.stats.generated });
    }
  });

  it('on 150 random models of interchangeable processes, as the reference explorer finds without it', () => {
    fc.assert(
      fc.property(symmetricSpecs, (spec) => {
        const model = symmetricModelOf(spec) as AnyModel;
        const { reduced, full } = bothWays(model);
        const ref = exploreReference(model);
        if (full.kind === 'ok') expect(full.stats.distinct).toBe(ref.distinct);
        else expect([...ref.violating.values()].some((v) => v.size > 0) || ref.deadlocks.size > 0).toBe(true);
        expect(reduced.stats.symmetry).toEqual(['every process']);
        if (reduced.kind === 'violation') concreteIndices(model, reduced);
      }),
      { numRuns: 150, seed: 0x5eed },
    );
  });

  it('on random models of interchangeable processes with two workers: the counts of one', async () => {
    const specs = fc.sample(symmetricSpecs, { numRuns: 3, seed: 11 });
    for (const spec of specs) {
      const model = symmetricModelOf(spec) as AnyModel;
      const two = await checkWithWorkers(model, symmetricModelSource(spec), { workers: 2 });
      const one = check(model);
      expect([verdictOf(two), two.stats.distinct, two.stats.generated]).toEqual([
        verdictOf(one),
        one.stats.distinct,
        one.stats.generated,
      ]);
    }
  });
});

describe('symmetry reduction: one semantics, concrete traces', () => {
  const seed3 = buildKernelModel(applyOverrides(loadScenario('seed'), { readers: 3, liveness: false })) as AnyModel;
  const lazy3 = buildKernelModel(
    applyOverrides(loadScenario('lazy-with-reader'), { readers: 3, liveness: false }),
  ) as AnyModel;

  it('the value path (nextState, then the representative) stores the packed path’s states', () => {
    const seed2 = buildKernelModel(applyOverrides(loadScenario('seed'), { readers: 2, liveness: false })) as AnyModel;
    const lazy2 = buildKernelModel(
      applyOverrides(loadScenario('lazy-with-reader'), { readers: 2, liveness: false }),
    ) as AnyModel;
    for (const model of [seed2, lazy2]) {
      const packed = check(model);
      const values = check(immutableForm(model));
      expect(verdictSummary(values)).toEqual(verdictSummary(packed));
      expect(values.stats.symmetry).toEqual(packed.stats.symmetry);
    }
    expect(check(seed2, { exact: true }).stats.distinct).toBe(2908);
  });

  it('a counterexample is a run of the concrete model, replayable step by step, as short as without reduction', () => {
    const reduced = check(lazy3);
    const full = check(lazy3, { symmetry: false });
    const indices = concreteIndices(lazy3, reduced);
    const again = replay(lazy3, 0, indices);
    expect(again.steps.map((s) => s.action)).toEqual(
      reduced.kind === 'violation' && reduced.trace.steps.map((s) => s.action),
    );
    expect(indices.length).toBe(full.kind === 'violation' && full.trace.steps.length);
  });

  it('the representative is the same for every member of an orbit, and a member of it', () => {
    const model = seed3 as Model<unknown, number> & { threadName(tid: number): string };
    const symmetry = model.symmetry!()!;
    const initial = model.initStates()[0] as unknown;
    const stepOf = (s: unknown, name: string) => model.actions(s).find((tid) => model.threadName(tid) === name)!;
    // The same walk with reader0 and reader2 exchanged: the states reached are renamings of each other.
    const walk = (first: string, second: string) =>
      [first, first, second, second, first].reduce((s, name) => model.nextState(s, stepOf(s, name)), initial);
    const shown = (s: unknown) => JSON.stringify(s);
    const a = walk('reader2', 'reader0');
    const b = walk('reader0', 'reader2');
    expect(shown(a)).not.toBe(shown(b));
    expect(shown(symmetry.representative(a))).toBe(shown(symmetry.representative(b)));
    expect(shown(symmetry.representative(symmetry.representative(a)))).toBe(shown(symmetry.representative(a)));
  });
});
