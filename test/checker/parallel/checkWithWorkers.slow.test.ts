/**
 * The large cases of checkWithWorkers.test.ts, run by `npm run test:slow` (from .ci/run) rather
 * than `npm test`: 2 and 4 workers on the other bundled scenarios, and state bounds on seed with
 * 4 readers and in the level of lazy-with-reader's violation.
 */
import { describe, expect, it } from 'vitest';
import { checkWithWorkers } from '../../../checker/checkWithWorkers.js';
import { check } from '../../../checker/check.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { kernelModelSource } from '../../../properties/kernelModelSource.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import { outcomeSummary } from '../../helpers/outcomeSummary.js';
import { itAgreesWithWorkers } from '../../helpers/workersAgree.js';

const SCENARIOS = ['lazy-with-reader', 'no-mm-pin', 'sync-in-release', 'tree-barrier-one-cpu', 'tree-barrier'];

describe('checkWithWorkers, large cases', () => {
  itAgreesWithWorkers(SCENARIOS);

  // The workers expand a level cut short by the bound past where a one-thread search stops; the
  // counts are still those of the one-thread search, stopped just after the bound's last state.
  it('a state bound: the counts of one thread (generated, depth, queue), whatever the number of workers', async () => {
    const seed4 = applyOverrides(loadScenario('seed'), { readers: 4 });
    const model = buildKernelModel(seed4);
    const expected = { generated: 812_126, depth: 24, queue: 41_081 };
    // Every state (no symmetry reduction): the reduced space, 28,705 states, is below the bound.
    const sequential = check(model, { maxStates: 200_000, symmetry: false });
    expect({
      generated: sequential.stats.generated,
      depth: sequential.stats.depth,
      queue: sequential.stats.queue,
    }).toEqual(expected);
    for (const workers of [2, 4]) {
      const parallel = await checkWithWorkers(model, kernelModelSource(seed4), {
        workers,
        maxStates: 200_000,
        symmetry: false,
      });
      expect(outcomeSummary(parallel, true)).toEqual(outcomeSummary(sequential, true));
    }
    // The initial state alone reaches a bound of 1.
    const seed = loadScenario('seed');
    const one = await checkWithWorkers(buildKernelModel(seed), kernelModelSource(seed), { workers: 2, maxStates: 1 });
    expect(outcomeSummary(one, true)).toEqual(outcomeSummary(check(buildKernelModel(seed), { maxStates: 1 }), true));
  });

  it('a state bound that falls in the level of a violation: whichever a one-thread search meets first ends the run', async () => {
    const lazy = loadScenario('lazy-with-reader');
    const model = buildKernelModel(lazy);
    const full = check(model);
    expect([full.kind, full.stats.distinct, full.stats.depth]).toEqual(['violation', 449, 16]);
    // The violation is met in the level whose expansion starts at 449 states stored: a bound
    // reached before it in that level wins, one reached after it does not.
    const kinds: string[] = [];
    for (const maxStates of [449, 450, 452, 460, 480, 520]) {
      const sequential = check(model, { maxStates });
      const parallel = await checkWithWorkers(model, kernelModelSource(lazy), { workers: 2, maxStates });
      expect(outcomeSummary(parallel, true)).toEqual(outcomeSummary(sequential, true));
      kinds.push(sequential.kind);
    }
    expect(kinds).toContain('incomplete');
    expect(kinds).toContain('violation');
  });
});
