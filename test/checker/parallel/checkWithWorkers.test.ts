/**
 * Results never depend on the number of workers: the parallel search gives the sequential
 * search's distinct and generated counts, verdict, and the very same counterexample, and at a
 * state bound the same counts the sequential search stops with.
 */
import { describe, expect, it } from 'vitest';
import { checkWithWorkers } from '../../../checker/checkWithWorkers.js';
import { check } from '../../../checker/check.js';
import { buildKernelModel } from '../../../model/kernel/buildKernelModel.js';
import { kernelModelSource } from '../../../model/kernel/kernelModelSource.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import { outcomeSummary } from '../../helpers/outcomeSummary.js';
import { throwingCheck, throwingStep, violationBeforeThrow } from '../../fixtures/faults/workerFaults.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';


const SCENARIOS = ['seed', 'lazy-with-reader', 'no-mm-pin', 'sync-in-release', 'tree-barrier-one-cpu', 'tree-barrier'];

describe('checkWithWorkers', () => {
  for (const name of SCENARIOS) {
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

  it('seed with 3 readers: 42,155 distinct states with 2 workers, as with one', async () => {
    const scenario = applyOverrides(loadScenario('seed'), { readers: 3 });
    const outcome = await checkWithWorkers(buildKernelModel(scenario), kernelModelSource(scenario), { workers: 2 });
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

  // The workers expand a level cut short by the bound past where a one-thread search stops; the
  // counts are still those of the one-thread search, stopped just after the bound's last state.
  it('a state bound: the counts of one thread (generated, depth, queue), whatever the number of workers', async () => {
    const seed4 = applyOverrides(loadScenario('seed'), { readers: 4 });
    const model = buildKernelModel(seed4);
    const expected = { generated: 812_126, depth: 24, queue: 41_081 };
    const sequential = check(model, { maxStates: 200_000 });
    expect({ generated: sequential.stats.generated, depth: sequential.stats.depth, queue: sequential.stats.queue }).toEqual(expected);
    for (const workers of [2, 4]) {
      const parallel = await checkWithWorkers(model, kernelModelSource(seed4), { workers, maxStates: 200_000 });
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
  it('a violation a one-thread search meets before a throwing step is the result, though a worker met the step first', async () => {
    const source = { module: pathToFileURL(join(import.meta.dirname, '..', '..', 'fixtures', 'faults', 'workerFaults.ts')).href, exportName: 'violationBeforeThrow', args: [] };
    const sequential = check(violationBeforeThrow());
    expect([sequential.kind, sequential.kind === 'violation' && sequential.trace.steps.length]).toEqual(['violation', 0]);
    for (const workers of [2, 4]) {
      const parallel = await checkWithWorkers(violationBeforeThrow(), source, { workers });
      expect(outcomeSummary(parallel, true)).toEqual(outcomeSummary(sequential, true));
    }
  });
  it('a step that throws: the message and the counts of one thread, whatever the number of workers, with and without a packed form', async () => {
    const rows: unknown[] = [];
    for (const packed of [false, true]) {
      for (const k of [5, 120]) {
        const source = { module: pathToFileURL(join(import.meta.dirname, '..', '..', 'fixtures', 'faults', 'workerFaults.ts')).href, exportName: 'throwingStep', args: [k, packed] };
        const sequential = check(throwingStep(k, packed));
        const view = (o: typeof sequential) => ({ ...outcomeSummary(o, true), message: o.kind === 'modelError' && o.message });
        for (const workers of [2, 4]) expect(view(await checkWithWorkers(throwingStep(k, packed), source, { workers }))).toEqual(view(sequential));
        rows.push([view(sequential).generated, view(sequential).distinct, view(sequential).depth]);
      }
    }
    expect(rows).toEqual([[14, 9, 3], [240, 122, 41], [14, 9, 3], [240, 122, 41]]);
  });
  it('a check that throws in a level at the depth bound, which is not expanded: the counts of one thread', async () => {
    const source = { module: pathToFileURL(join(import.meta.dirname, '..', '..', 'fixtures', 'faults', 'workerFaults.ts')).href, exportName: 'throwingCheck', args: [10] };
    const sequential = check(throwingCheck(10), { maxDepth: 4 });
    const view = (o: typeof sequential) => ({ ...outcomeSummary(o, true), message: o.kind === 'modelError' && o.message });
    expect(view(sequential)).toMatchObject({ kind: 'modelError', message: 'checking 10 failed' });
    for (const workers of [2, 4]) expect(view(await checkWithWorkers(throwingCheck(10), source, { workers, maxDepth: 4 }))).toEqual(view(sequential));
  });
});
