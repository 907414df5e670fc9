/**
 * The search over a model's packed form: used for the kernel model whenever the options allow it,
 * never for a model that replaces a transition method, and giving exactly the result of the
 * search over Immutable states — counts, queue, verdict, counterexample — and exact mode (which
 * searches the packed form with full encodings) the same again.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { Explorer } from '../../checker/Explorer.js';
import { searchFormOf } from '../../checker/search/SearchForm.js';
import { FingerprintSet } from '../../checker/FingerprintSet.js';
import { TraceStore } from '../../checker/TraceStore.js';
import { isHandoff, type LevelHandoff } from '../../checker/LevelHandoff.js';
import { resolveOptions } from '../../checker/resolveOptions.js';
import { IntBuffer, IntReader } from '../../model/IntBuffer.js';
import { applyOverrides } from '../../cli/applyOverrides.js';
import { buildKernelModel, type KernelModel } from '../../properties/buildKernelModel.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { outcomeSummary } from '../helpers/outcomeSummary.js';
import type { Model } from '../../model/Model.js';
import { always } from '../../model/Property.js';
import { immutableForm } from '../helpers/immutableForm.js';

const summary = (o: Parameters<typeof outcomeSummary>[0]) => outcomeSummary(o, true);

describe('packed form', () => {
  const seed = buildKernelModel(loadScenario('seed'));

  it('is what the kernel model is searched in', () => {
    expect(searchFormOf(seed).kind).toBe('packed');
    expect(searchFormOf(immutableForm(seed)).kind).toBe('values');
  });

  it('is not used for a model derived from the kernel model that replaces nextState: the replacement is searched', () => {
    const derived = Object.create(seed) as KernelModel;
    derived.nextState = (state, tid) => {
      if (seed.actionView(state, tid).code.startsWith('mn->ops->invalidate_range_start'))
        throw new Error('instrumented');
      return seed.nextState(state, tid);
    };
    expect(derived.packed()).toBeUndefined();
    const outcome = check(derived);
    expect(outcome.kind === 'modelError' && outcome.message).toBe('instrumented');
  });

  const cases: [string, Parameters<typeof applyOverrides>[1]][] = [
    ['kvm-reclaim v3.8 (no-null-deref)', { kernel: 'v3.8', property: ['no-null-deref'] }],
    ['kvm-reclaim v3.9 (all properties)', { kernel: 'v3.9' }],
    [
      'kvm-reclaim v3.10 with release-at-most-once',
      { kernel: 'v3.10', property: ['release-at-most-once', 'no-use-after-free'] },
    ],
    ['get-put v5.4 tree (module unloaded under a callback)', { kernel: 'v5.4', srcu: 'tree' }],
    ['get-put v5.4 classic with no-leak and no-deadlock', { kernel: 'v5.4', property: ['no-leak', 'no-deadlock'] }],
  ];
  for (const [what, overrides] of cases) {
    it(`${what}: the Immutable search's counts, queue, verdict and counterexample`, () => {
      const file = what.startsWith('kvm') ? 'examples/history/kvm-reclaim.json' : 'examples/history/get-put.json';
      const model = buildKernelModel(applyOverrides(loadScenario(file), overrides));
      const packed = summary(check(model));
      expect(packed).toEqual(summary(check(immutableForm(model))));
      expect(packed).toEqual(summary(check(model, { exact: true })));
    });
  }

  it('stores the successors built before a step that throws, then reports the error as the Immutable search does', () => {
    // Counts up by Inc and Skip (+1, +2); Skip from 50 throws, in both forms of the model.
    const step = (n: number, k: number): number => {
      if (n === 50 && k === 1) throw new Error('Skip from 50 failed');
      return n + k + 1;
    };
    const counter: Model<number, number> = {
      initStates: () => [0],
      actions: (n) => (n < 100 ? [0, 1] : []),
      nextState: step,
      encode: (n, sink) => sink.int(n),
      decode: (source) => source.int(),
      properties: () => [always<number>('small', 'stays small', () => undefined)],
      packed: () => {
        let n = 0;
        return {
          load: (data, start) => void (n = data[start]!),
          get actionCount() {
            return n < 100 ? 2 : 0;
          },
          needsCheck: () => false,
          successor: (k, out) => {
            const next = step(n, k);
            out.grow(out.length + 1);
            out.data[out.length++] = next;
          },
        };
      },
    };
    const packed = check(counter);
    const immutable = check(immutableForm(counter));
    const view = (o: typeof packed) => [
      o.kind,
      o.kind === 'modelError' && o.message,
      o.stats.distinct,
      o.stats.generated,
    ];
    expect(view(packed)).toEqual(['modelError', 'Skip from 50 failed', 52, 102]);
    expect(view(packed)).toEqual(view(immutable));
  });

  it('seed with 3 readers, without symmetry reduction: 42,155 states and 163,727 successors, as over Immutable states', () => {
    const model = buildKernelModel(applyOverrides(loadScenario('seed'), { readers: 3 }));
    const packed = check(model, { symmetry: false });
    expect([packed.kind, packed.stats.distinct, packed.stats.generated, packed.stats.depth]).toEqual([
      'ok',
      42155,
      163727,
      42,
    ]);
  });
  it('hands over the first level that ends with the bound reached, encoded, with the counts so far; a space that ends sooner gives its outcome', () => {
    // Safety properties only: a search that records the state graph for liveness runs on one thread to its end.
    const model = buildKernelModel(applyOverrides(loadScenario('seed'), { readers: 3, liveness: false }));
    const options = resolveOptions({ symmetry: false });
    const searchTo = (bound: number) => {
      const seen = new FingerprintSet();
      return {
        result: new Explorer(model, options, { seen, links: new TraceStore() }, searchFormOf(model)).runTo(bound),
        seen,
      };
    };
    const { result, seen } = searchTo(5000);
    expect(isHandoff(result)).toBe(true);
    const handoff = result as LevelHandoff;
    // The level before it ended below the bound; with the next level's states it is reached.
    expect(handoff.distinct - handoff.count).toBeLessThan(5000);
    expect(handoff.distinct).toBeGreaterThanOrEqual(5000);
    expect([handoff.distinct, seen.size, handoff.count, handoff.records.length, handoff.depth]).toEqual([
      5067, 5067, 1381, 2762, 16,
    ]);
    // Its states are the ids of the next level, in order, each record a state of that depth.
    const ids = Array.from({ length: handoff.count }, (_, i) => handoff.records[2 * i + 1]);
    expect(ids).toEqual(Array.from({ length: handoff.count }, (_, i) => handoff.distinct - handoff.count + i));
    const bounded = check(model, { maxDepth: handoff.depth, symmetry: false });
    expect(bounded.kind === 'incomplete' && [bounded.reason, bounded.stats.distinct]).toEqual([
      'maxDepth',
      handoff.distinct,
    ]);
    // Each record is (length, encoding) of a state that decodes and encodes back the same.
    const last = handoff.records[2 * (handoff.count - 1)]!;
    const encoding = Array.from(handoff.data.subarray(last + 1, last + 1 + handoff.data[last]!));
    const again = new IntBuffer();
    model.encode!(model.decode!(new IntReader(handoff.data, last + 1, last + 1 + handoff.data[last]!)), again);
    expect(Array.from(again.data.subarray(0, again.length))).toEqual(encoding);
    const whole = searchTo(50_000).result;
    expect(isHandoff(whole) ? 'handoff' : [whole.kind, whole.stats.distinct]).toEqual(['ok', 42155]);
  });
});
