/**
 * Counts that do not drift: every bundled scenario's verdict, counts and depth, pinned in one table
 * and checked with one worker and with two. A violating run reports its statistics as of the start
 * of the level holding the first violating state, so they too are the same for any number of
 * workers. Symmetry reduction is on, as by default, but off for models with liveness properties,
 * which every bundled scenario has by default (symmetry.test.ts pins reduced counts). The numbers agree with the
 * reference explorer (differential.test.ts, without reduction) and with
 * test/model/kernel/scenarios.test.ts; a change in the explored space must show up here.
 */
import { describe, expect, it } from 'vitest';
import { checkWithWorkers } from '../../../checker/checkWithWorkers.js';
import type { Outcome } from '../../../checker/Outcome.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { kernelModelSource } from '../../../properties/kernelModelSource.js';
import { bundledScenarioNames, loadScenario } from '../../../model/kernel/loadScenario.js';

/** A pinned result: `property` is the primary violated property (with `length`, the shortest counterexample), or 'ok'. */
interface Pinned {
  readonly verdict: 'ok' | string;
  readonly length?: number;
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
}

const TABLE: Record<string, Pinned> = {
  seed: { verdict: 'ok', distinct: 707, generated: 1657, depth: 34 },
  'seed-pre-patch-lazy': { verdict: 'no-use-after-free', length: 12, distinct: 54, generated: 96, depth: 12 },
  'seed-post-patch-lazy': { verdict: 'ok', distinct: 115, generated: 200, depth: 26 },
  'lazy-with-reader': { verdict: 'no-callback-on-freed', length: 16, distinct: 449, generated: 1001, depth: 16 },
  'seed-no-synchronize': { verdict: 'no-code-after-unload', length: 15, distinct: 153, generated: 286, depth: 15 },
  'eager-free': { verdict: 'no-use-after-free', length: 6, distinct: 29, generated: 44, depth: 6 },
  'no-mm-pin': { verdict: 'no-use-after-free', length: 25, distinct: 721, generated: 1654, depth: 25 },
  'sync-in-release': { verdict: 'no-deadlock', length: 13, distinct: 72, generated: 126, depth: 13 },
  // A liveness violation: judged once the whole space is searched (a 17-step stem and a 2-step loop).
  'destroy-requeues': { verdict: 'callbacks-run', length: 19, distinct: 150, generated: 269, depth: 20 },
  'tree-barrier-one-cpu': {
    verdict: 'barrier-waits-for-queued',
    length: 25,
    distinct: 520,
    generated: 1014,
    depth: 25,
  },
  'tree-barrier': { verdict: 'ok', distinct: 1366, generated: 2931, depth: 38 },
  // The interval era (v6.6).
  'hmm-mirror': { verdict: 'ok', distinct: 2019, generated: 4003, depth: 104 },
  'hmm-mirror-close': { verdict: 'ok', distinct: 2555, generated: 5229, depth: 91 },
  'hmm-mirror-free-without-remove': {
    verdict: 'no-use-after-free',
    length: 31,
    distinct: 832,
    generated: 1828,
    depth: 31,
  },
  'hmm-mirror-invalidate-unlocked': {
    verdict: 'no-stale-mapping',
    length: 42,
    distinct: 1520,
    generated: 3335,
    depth: 42,
  },
  'hmm-mirror-no-read-retry': { verdict: 'no-stale-mapping', length: 43, distinct: 1343, generated: 2930, depth: 43 },
  'hmm-mirror-remove-under-driver-lock': {
    verdict: 'no-deadlock',
    length: 43,
    distinct: 1705,
    generated: 3765,
    depth: 43,
  },
  'hmm-mirror-set-seq-after-unlock': {
    verdict: 'no-stale-mapping',
    length: 44,
    distinct: 1535,
    generated: 3348,
    depth: 44,
  },
  // Its two invalidators are interchangeable, but the default properties include liveness, judged on
  // the concrete graph: no reduction (7,270 states with --no-liveness; symmetry.test.ts pins it).
  'hmm-mirror-read-begin-under-lock': {
    verdict: 'no-deadlock',
    length: 43,
    distinct: 14184,
    generated: 40834,
    depth: 43,
  },
  'hmm-mirror-remove-from-invalidate': {
    verdict: 'no-deadlock',
    length: 39,
    distinct: 1223,
    generated: 2629,
    depth: 39,
  },
  'hmm-mirror-skip-invalidate-on-exit': {
    verdict: 'no-stale-mapping',
    length: 66,
    distinct: 1907,
    generated: 4006,
    depth: 66,
  },
  'hmm-mirror-doc-no-mmput': { verdict: 'no-leak', length: 36, distinct: 977, generated: 2128, depth: 36 },
  'hmm-mirror-insert-during-invalidate': { verdict: 'ok', distinct: 5562, generated: 13995, depth: 129 },
};

/** An outcome in the table's terms. */
function pinnedOf(o: Outcome<unknown, unknown>): Pinned | { verdict: string } {
  const counts = { distinct: o.stats.distinct, generated: o.stats.generated, depth: o.stats.depth };
  if (o.kind === 'ok') return { verdict: 'ok', ...counts };
  if (o.kind === 'violation') return { verdict: o.violations[0]!.propertyId, length: o.trace.steps.length, ...counts };
  return {
    verdict: `${o.kind}${o.kind === 'incomplete' ? `: ${o.reason}` : o.kind === 'modelError' ? `: ${o.message}` : ''}`,
  };
}

describe('pinned counts of the bundled scenarios', () => {
  it('cover every bundled scenario', () => {
    expect(Object.keys(TABLE).sort()).toEqual(bundledScenarioNames());
  });

  for (const [name, pinned] of Object.entries(TABLE)) {
    it(`${name}: ${pinned.verdict === 'ok' ? 'holds' : `${pinned.verdict} in ${pinned.length} steps`} on ${pinned.distinct} states, with 1 and 2 workers`, async () => {
      const scenario = loadScenario(name);
      const model = buildKernelModel(scenario);
      for (const workers of [1, 2]) {
        const outcome = await checkWithWorkers(model, kernelModelSource(scenario), { workers });
        expect(pinnedOf(outcome), `${workers} worker(s)`).toEqual(pinned);
      }
    });
  }
});
