/**
 * Statement coverage: every transition of a search counts its statement once, the same counts
 * whether the model is expanded through its packed form or its values, and with any number of
 * workers, from the start or after a first search on one thread hands its level over.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import { CoverageTally, type StatementCount } from '../../checker/StatementCoverage.js';
import type { Model } from '../../model/Model.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { step } from '../../model/program/Step.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { kernelModelSource } from '../../properties/kernelModelSource.js';
import { tinyProgram, type Vars } from '../helpers/programs.js';

/** The run's counts, ordered by function and statement so that two runs compare equal. */
function sorted(tally: CoverageTally): StatementCount[] {
  return tally.executed().sort((a, b) => (a.fn === b.fn ? (a.code < b.code ? -1 : 1) : a.fn < b.fn ? -1 : 1));
}

function countOf(tally: CoverageTally, fn: string, code: string): number {
  return tally.executed().find((c) => c.fn === fn && c.code === code)?.count ?? 0;
}

describe('statement coverage', () => {
  it('counts each of the seed scenario’s 1,656 transitions once, by its kernel statement', () => {
    const model = buildKernelModel(loadScenario('seed'));
    const tally = new CoverageTally();
    const outcome = check(model, { coverage: tally });
    expect(outcome.kind).toBe('ok');
    expect(outcome.stats.generated).toBe(1657); // the initial state, and 1,656 transitions
    const counts = tally.executed();
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(1656);
    expect(counts).toHaveLength(34);
    expect(model.statements()).toHaveLength(66);
    expect(countOf(tally, 'kfd_process_notifier_release', 'atomic_inc(&mm->mm_count)')).toBe(7);
    expect(
      countOf(tally, '__mmu_notifier_invalidate_range_start', 'mn->ops->invalidate_range_start(mn, mm, start, end)'),
    ).toBe(29);
    expect(countOf(tally, 'kfd_process_destroy_delayed', 'kfree(p)')).toBe(49);
    expect(countOf(tally, 'mmput', 'if (atomic_dec_and_test(&mm->mm_users))')).toBe(7);
    expect(
      countOf(tally, 'srcu_barrier', 'synchronize_srcu(sp)  /* FIFO: waits for every callback queued before */'),
    ).toBe(118);
    // amdkfd unlinks itself in ->release, so __mmu_notifier_release never finds a node left to unlink.
    expect(
      counts.some((c) => c.fn === '__mmu_notifier_release' && c.code.startsWith('while (unlikely(!hlist_empty')),
    ).toBe(false);
  });

  it('gives the same counts through the packed form and through the model’s values', () => {
    const model = buildKernelModel(loadScenario('lazy-with-reader'));
    const packed = new CoverageTally();
    const values = new CoverageTally();
    check(model, { coverage: packed });
    const throughValues = Object.assign(Object.create(model) as Model<unknown, unknown>, { packed: () => undefined });
    check(throughValues, { coverage: values });
    expect(sorted(values)).toEqual(sorted(packed));
    expect(sorted(packed).length).toBeGreaterThan(10);
  });

  it('gives the same counts with 1, 2 and 3 workers, from the start and after a hand-off', async () => {
    const scenario = loadScenario('hmm-mirror-close');
    const model = buildKernelModel(scenario);
    const runs: StatementCount[][] = [];
    for (const [workers, sequentialFirst] of [
      [1, 0],
      [2, 0],
      [3, 0],
      [2, 500],
    ] as const) {
      const tally = new CoverageTally();
      const outcome = await checkWithWorkers(model, kernelModelSource(scenario), {
        coverage: tally,
        workers,
        sequentialFirst,
      });
      expect(outcome.kind).toBe('ok');
      expect(outcome.stats.generated).toBe(5229);
      runs.push(sorted(tally));
    }
    expect(runs[0]!.reduce((n, c) => n + c.count, 0)).toBe(5228);
    for (const run of runs.slice(1)) expect(run).toEqual(runs[0]);
  }, 60_000);

  it('counts a program model’s steps by their statements, and lists those never run', () => {
    const procs = [
      {
        name: 'main',
        body: [
          step<Vars>('main', 'x = 1', { run: (x) => x.update((g) => g.set('x', 1)) }),
          step<Vars>('main', 'if (y) x = 2', { guard: (g) => g.y === 1 }),
          step<Vars>('main', 'done'),
        ],
      },
    ];
    const model = tinyProgram(procs, [{ name: 't0', entry: 'main' }]);
    const tally = new CoverageTally();
    check(model, { coverage: tally });
    expect(model.statements().map((s) => s.code)).toEqual(['x = 1', 'if (y) x = 2', 'done']);
    // The guard never holds: the thread stops at it (a deadlock the run reports), so only the first step ran.
    expect(tally.executed()).toEqual([{ fn: 'main', code: 'x = 1', count: 1 }]);
  });

  it('makes a model whose statements() is no list of statements a model error, not a pass', () => {
    const model = tinyProgram([{ name: 'main', body: [step<Vars>('main', 'done')] }], [{ name: 't0', entry: 'main' }]);
    const broken = Object.assign(Object.create(model) as Model<unknown, unknown>, { statements: () => ['done'] });
    const outcome = check(broken, { coverage: new CoverageTally() });
    expect(outcome.kind).toBe('modelError');
    expect(outcome.kind === 'modelError' && outcome.message).toContain('statements() must return');
  });
});
