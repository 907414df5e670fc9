/** The differential cross-check of the two largest bundled scenarios (differential.test.ts has the others). */
import { describe, expect, it } from 'vitest';
// The reference explorer judges states, not runs: the scenarios are compared on their safety properties.
import { applyOverrides } from '../../cli/applyOverrides.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { crossCheck, LARGE_SCENARIOS, type AnyModel } from '../helpers/crossCheck.js';

describe('the checker agrees with the reference explorer on the large bundled scenarios', () => {
  it.each(LARGE_SCENARIOS.map((n) => [n]))('%s', (name) => {
    const ref = crossCheck(buildKernelModel(applyOverrides(loadScenario(name), { liveness: false })) as AnyModel);
    expect(ref.distinct).toBeGreaterThan(5000);
  });
});
