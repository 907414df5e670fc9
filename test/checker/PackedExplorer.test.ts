/**
 * The search over a model's packed form: used for the kernel model whenever the options allow it,
 * never for a model that replaces a transition method, and giving exactly the result of the
 * search over Immutable states (exact mode runs that one) — counts, queue, verdict, counterexample.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { packedFormFor } from '../../checker/PackedExplorer.js';
import { resolveOptions } from '../../checker/resolveOptions.js';
import { applyOverrides } from '../../cli/applyOverrides.js';
import { buildKernelModel, type KernelModel } from '../../model/kernel/buildKernelModel.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { outcomeSummary } from '../helpers/outcomeSummary.js';

const summary = (o: Parameters<typeof outcomeSummary>[0]) => outcomeSummary(o, true);

describe('packed form', () => {
  const seed = buildKernelModel(loadScenario('seed'));

  it('is what the kernel model is searched in, but not in exact mode', () => {
    expect(packedFormFor(seed, resolveOptions({}))).toBeDefined();
    expect(packedFormFor(seed, resolveOptions({ exact: true }))).toBeUndefined();
  });

  it('is not used for a model derived from the kernel model that replaces nextState: the replacement is searched', () => {
    const derived = Object.create(seed) as KernelModel;
    derived.nextState = (state, tid) => {
      if (seed.actionView(state, tid).code.startsWith('mn->ops->invalidate_range_start')) throw new Error('instrumented');
      return seed.nextState(state, tid);
    };
    expect(derived.packed()).toBeUndefined();
    const outcome = check(derived);
    expect(outcome.kind === 'modelError' && outcome.message).toBe('instrumented');
  });

  const cases: [string, Parameters<typeof applyOverrides>[1]][] = [
    ['kvm-reclaim v3.8 (no-null-deref)', { kernel: 'v3.8', property: ['no-null-deref'] }],
    ['kvm-reclaim v3.9 (all properties)', { kernel: 'v3.9' }],
    ['kvm-reclaim v3.10 with release-at-most-once', { kernel: 'v3.10', property: ['release-at-most-once', 'no-use-after-free'] }],
    ['get-put v5.4 tree (module unloaded under a callback)', { kernel: 'v5.4', srcu: 'tree' }],
    ['get-put v5.4 classic with no-leak and no-deadlock', { kernel: 'v5.4', property: ['no-leak', 'no-deadlock'] }],
  ];
  for (const [what, overrides] of cases) {
    it(`${what}: the Immutable search's counts, queue, verdict and counterexample`, () => {
      const file = what.startsWith('kvm') ? 'examples/history/kvm-reclaim.json' : 'examples/history/get-put.json';
      const model = buildKernelModel(applyOverrides(loadScenario(file), overrides));
      expect(summary(check(model))).toEqual(summary(check(model, { exact: true })));
    });
  }

  it('seed with 3 readers: 42,155 states and 163,727 successors, as over Immutable states', () => {
    const model = buildKernelModel(applyOverrides(loadScenario('seed'), { readers: 3 }));
    const packed = check(model);
    expect([packed.kind, packed.stats.distinct, packed.stats.generated, packed.stats.depth]).toEqual(['ok', 42155, 163727, 42]);
  });
});
