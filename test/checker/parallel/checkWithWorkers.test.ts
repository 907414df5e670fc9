/**
 * Results never depend on the number of workers: the parallel search gives the sequential
 * search's distinct and generated counts, verdict, and the very same counterexample, and at a
 * state bound the same counts the sequential search stops with. The larger cases are in
 * checkWithWorkers.slow.test.ts.
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
import { throwingCheck, throwingStep, violationBeforeThrow } from '../../fixtures/faults/workerFaults.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// The other bundled scenarios, and the large state-bound cases, are in checkWithWorkers.slow.test.ts
// (npm run test:slow, run by .ci/run); pinnedCounts.test.ts runs every scenario with 2 workers.
const SCENARIOS = ['seed'];

describe('checkWithWorkers', () => {
  itAgreesWithWorkers(SCENARIOS);

  it('seed with 3 readers, no symmetry reduction: 42,155 distinct states with 2 workers, as with one', async () => {
    const scenario = applyOverrides(loadScenario('seed'), { readers: 3 });
    const source = kernelModelSource(scenario);
    const outcome = await checkWithWorkers(buildKernelModel(scenario), source, { workers: 2, symmetry: false });
    expect(outcome.kind).toBe('ok');
    expect(outcome.stats.distinct).toBe(42155);
    expect(outcome.stats.generated).toBe(163727);
  });

  it('ends incomplete at maxStates and maxDepth, never ok', async () => {
    const scenario = loadScenario('seed');
    const model = buildKernelModel(scenario);
    const byStates = await checkWithWorkers(model, kernelModelSource(scenario), { workers: 2, maxStates: 100 });
    expect(byStates.kind).toBe('incomplete');
    expect(byStates.kind === 'incomplete' && byStates.reason).toBe('maxStates');
    expect(byStates.stats.distinct).toBe(100);
    const byDepth = await checkWithWorkers(model, kernelModelSource(scenario), { workers: 2, maxDepth: 5 });
    expect(outcomeSummary(byDepth)).toEqual(outcomeSummary(check(model, { maxDepth: 5 })));
  });

  it('a violation a one-thread search meets before a throwing step is the result, though a worker met the step first', async () => {
    const source = {
      module: pathToFileURL(join(import.meta.dirname, '..', '..', 'fixtures', 'faults', 'workerFaults.ts')).href,
      exportName: 'violationBeforeThrow',
      args: [],
    };
    const sequential = check(violationBeforeThrow());
    expect([sequential.kind, sequential.kind === 'violation' && sequential.trace.steps.length]).toEqual([
      'violation',
      0,
    ]);
    for (const workers of [2, 4]) {
      const parallel = await checkWithWorkers(violationBeforeThrow(), source, { workers });
      expect(outcomeSummary(parallel, true)).toEqual(outcomeSummary(sequential, true));
    }
  });
  it('a step that throws: the message and the counts of one thread, whatever the number of workers, with and without a packed form', async () => {
    const rows: unknown[] = [];
    for (const packed of [false, true]) {
      for (const k of [5, 120]) {
        const source = {
          module: pathToFileURL(join(import.meta.dirname, '..', '..', 'fixtures', 'faults', 'workerFaults.ts')).href,
          exportName: 'throwingStep',
          args: [k, packed],
        };
        const sequential = check(throwingStep(k, packed));
        const view = (o: typeof sequential) => ({
          ...outcomeSummary(o, true),
          message: o.kind === 'modelError' && o.message,
        });
        for (const workers of [2, 4])
          expect(view(await checkWithWorkers(throwingStep(k, packed), source, { workers }))).toEqual(view(sequential));
        rows.push([view(sequential).generated, view(sequential).distinct, view(sequential).depth]);
      }
    }
    expect(rows).toEqual([
      [14, 9, 3],
      [240, 122, 41],
      [14, 9, 3],
      [240, 122, 41],
    ]);
  });
  it('a check that throws in a level at the depth bound, which is not expanded: the counts of one thread', async () => {
    const source = {
      module: pathToFileURL(join(import.meta.dirname, '..', '..', 'fixtures', 'faults', 'workerFaults.ts')).href,
      exportName: 'throwingCheck',
      args: [10],
    };
    const sequential = check(throwingCheck(10), { maxDepth: 4 });
    const view = (o: typeof sequential) => ({
      ...outcomeSummary(o, true),
      message: o.kind === 'modelError' && o.message,
    });
    expect(view(sequential)).toMatchObject({ kind: 'modelError', message: 'checking 10 failed' });
    for (const workers of [2, 4])
      expect(view(await checkWithWorkers(throwingCheck(10), source, { workers, maxDepth: 4 }))).toEqual(
        view(sequential),
      );
  });
});
