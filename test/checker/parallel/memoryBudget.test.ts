/**
 * The memory budget of the seen set and the trace links: at most 16 bytes a distinct state, on one
 * thread and with workers (whose shared table also holds the claim list and the room for the
 * claims of the level in progress), already on a space of some tens of thousands of states.
 */
import { describe, expect, it } from 'vitest';
import { checkWithWorkers } from '../../../checker/checkWithWorkers.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { kernelModelSource } from '../../../properties/kernelModelSource.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';

describe('bytes a state for the seen set and trace links', () => {
  it.each([1, 2])('stay at most 16 on seed with 3 readers (42,155 states unreduced), %i worker(s)', async (workers) => {
    const scenario = applyOverrides(loadScenario('seed'), { readers: 3, liveness: false });
    const source = kernelModelSource(scenario);
    const outcome = await checkWithWorkers(buildKernelModel(scenario), source, { workers, symmetry: false });
    expect(outcome.stats.distinct).toBe(42_155);
    expect(outcome.stats.storeBytes / outcome.stats.distinct).toBeLessThanOrEqual(16);
  });
});
