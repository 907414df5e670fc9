/** One test per bundled scenario: 2 and 4 workers give the one-thread search's outcome exactly. */
import { expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { kernelModelSource } from '../../properties/kernelModelSource.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { outcomeSummary } from './outcomeSummary.js';

/** Declares, in the enclosing describe, the test of `names` with 2 and 4 workers against one thread. */
export function itAgreesWithWorkers(names: readonly string[]): void {
  for (const name of names) {
    it(`${name}: 2 and 4 workers give the sequential result exactly`, async () => {
      const scenario = loadScenario(name);
      const model = buildKernelModel(scenario);
      const sequential = outcomeSummary(check(model));
      for (const workers of [2, 4]) {
        const parallel = outcomeSummary(await checkWithWorkers(model, kernelModelSource(scenario), { workers }));
        expect(parallel).toEqual(sequential);
      }
    });
  }
}
