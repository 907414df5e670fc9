/**
 * The bundled scenarios of docs/kernel-model.md §7: verdict, primary property, shortest counterexample
 * length and distinct-state counts are pinned, so any change to the explored space shows up here.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../checker/check.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { bundledScenarioNames, loadScenario } from '../../../model/kernel/loadScenario.js';
import { expectOk, expectViolation } from '../../helpers/expect.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';

/** name → expected result; `length` is the shortest counterexample, `distinct` the states explored. */
const TABLE: Record<
  string,
  { verdict: 'ok'; distinct: number; depth: number } | { verdict: string; length: number; also?: string[] }
> = {
  seed: { verdict: 'ok', distinct: 707, depth: 34 },
  'seed-pre-patch-lazy': { verdict: 'no-use-after-free', length: 12 },
  'seed-post-patch-lazy': { verdict: 'ok', distinct: 115, depth: 26 },
  'lazy-with-reader': { verdict: 'no-callback-on-freed', length: 16, also: ['no-use-after-free'] },
  'seed-no-synchronize': { verdict: 'no-code-after-unload', length: 15 },
  'eager-free': { verdict: 'no-use-after-free', length: 6 },
  'no-mm-pin': { verdict: 'no-use-after-free', length: 25 },
  'sync-in-release': { verdict: 'no-deadlock', length: 13 },
  'destroy-requeues': { verdict: 'callbacks-run', length: 19 },
  'tree-barrier-one-cpu': { verdict: 'barrier-waits-for-queued', length: 25 },
  'tree-barrier': { verdict: 'ok', distinct: 1366, depth: 38 },
  'hmm-mirror': { verdict: 'ok', distinct: 2019, depth: 104 },
  'hmm-mirror-close': { verdict: 'ok', distinct: 2555, depth: 91 },
  'hmm-mirror-free-without-remove': { verdict: 'no-use-after-free', length: 31 },
  'hmm-mirror-invalidate-unlocked': { verdict: 'no-stale-mapping', length: 42 },
  'hmm-mirror-no-read-retry': { verdict: 'no-stale-mapping', length: 43 },
  'hmm-mirror-remove-under-driver-lock': { verdict: 'no-deadlock', length: 43 },
  'hmm-mirror-set-seq-after-unlock': { verdict: 'no-stale-mapping', length: 44 },
  'hmm-mirror-read-begin-under-lock': { verdict: 'no-deadlock', length: 43 },
  'hmm-mirror-remove-from-invalidate': { verdict: 'no-deadlock', length: 39 },
  'hmm-mirror-skip-invalidate-on-exit': { verdict: 'no-stale-mapping', length: 66 },
  'hmm-mirror-doc-no-mmput': { verdict: 'no-leak', length: 36 },
  'hmm-mirror-insert-during-invalidate': { verdict: 'ok', distinct: 5562, depth: 129 },
};

describe('bundled scenarios', () => {
  it('are exactly the table of docs/kernel-model.md §7', () => {
    expect(bundledScenarioNames()).toEqual(Object.keys(TABLE).sort());
  });

  for (const [name, want] of Object.entries(TABLE)) {
    it(`${name}: ${want.verdict === 'ok' ? 'all properties hold' : `${want.verdict} violated`}, as its file expects`, () => {
      const scenario = loadScenario(name);
      const outcome = check(buildKernelModel(scenario));
      if (want.verdict === 'ok' && 'distinct' in want) {
        expect(scenario.expect).toEqual({ verdict: 'ok' });
        expectOk(outcome);
        expect(outcome.stats.distinct).toBe(want.distinct);
        expect(outcome.stats.depth).toBe(want.depth);
      } else if ('length' in want) {
        expect(scenario.expect).toEqual({ verdict: 'violation', property: want.verdict });
        const v = expectViolation(outcome, want.verdict, { length: want.length });
        expect(v.violations.map((x) => x.propertyId).slice(1)).toEqual(want.also ?? []);
      }
    });
  }
});

describe('the seed scaled up', () => {
  it.each([
    [2, 5133, 2908],
    [3, 42155, 9808],
  ])(
    'with %i readers all properties hold on %i distinct states, %i with symmetry reduction',
    (readers, all, reduced) => {
      // Symmetry reduction applies to the safety properties: liveness is judged on the concrete graph.
      const model = buildKernelModel(applyOverrides(loadScenario('seed'), { readers, liveness: false }));
      const outcome = check(model, { symmetry: false });
      expectOk(outcome);
      expect(outcome.stats.distinct).toBe(all);
      const reducedOutcome = check(model);
      expectOk(reducedOutcome);
      expect(reducedOutcome.stats.distinct).toBe(reduced);
    },
  );

  it('with the v3.10 release order and a lazy listener plus a reader still fails', () => {
    const scenario = applyOverrides(loadScenario('lazy-with-reader'), { kernel: 'v3.10' });
    expectViolation(check(buildKernelModel(scenario)), 'no-use-after-free', { length: 12 });
  });

  it('with tree SRCU and the correct barrier the seed still holds', () => {
    expectOk(check(buildKernelModel(applyOverrides(loadScenario('seed'), { srcu: 'tree' }))));
  });
});

describe('optional and selected properties', () => {
  it('release-at-most-once is off by default and holds on the seed when asked for', () => {
    expect(loadScenario('seed').properties).not.toContain('release-at-most-once');
    const scenario = applyOverrides(loadScenario('seed'), { property: ['release-at-most-once'] });
    expectOk(check(buildKernelModel(scenario)));
  });

  it('a step that violates only unchecked properties is not reported', () => {
    const scenario = applyOverrides(loadScenario('eager-free'), { property: ['no-deadlock'] });
    const outcome = check(buildKernelModel(scenario));
    expect(outcome.kind).not.toBe('violation');
  });
});
