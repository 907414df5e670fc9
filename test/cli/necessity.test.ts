/**
 * `mmucheck necessity`: the seed's own bug rediscovered by moving srcu_read_unlock back before the
 * unlink loop, the seed patch rediscovered as the move that fixes the pre-patch order, pinned rows
 * and tallies for seed and seed-post-patch-lazy, the same table for any --jobs, and each row's
 * reproduce command.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

interface Row {
  id: string;
  function: string;
  statement: string;
  change: string;
  result: { kind: string; property?: string; length?: number };
  command: string;
}
interface Table {
  scenario: string;
  kernel: string;
  asWritten: { kind: string };
  rows: Row[];
  tally: Record<string, number>;
  elapsedMs: number;
}

async function table(args: readonly string[]): Promise<Table> {
  const { code, out, err } = await runCli(['necessity', ...args, '--format', 'json', '--quiet']);
  expect(code, err).toBe(0);
  return JSON.parse(out) as Table;
}

describe('necessity', () => {
  it('seed-post-patch-lazy on v3.17: moving srcu_read_unlock back before the unlink loop breaks no-use-after-free (the seed bug)', async () => {
    const t = await table(['seed-post-patch-lazy', '--kernel', 'v3.17', '--jobs', '1']);
    expect(t.asWritten.kind).toBe('holds');
    expect(t.rows).toHaveLength(48);
    expect(t.tally).toEqual({ breaks: 15, 'not-needed': 33, fixes: 0, incomplete: 0, 'model-error': 0 });
    const seedBug = t.rows.find((r) => r.id === '__mmu_notifier_release#8=before#6')!;
    expect(seedBug).toMatchObject({
      function: '__mmu_notifier_release',
      statement: 'srcu_read_unlock(&srcu, id)',
      change: 'moved earlier, before spin_lock(&mm->mmu_notifier_mm->lock)',
      result: { kind: 'breaks', property: 'no-use-after-free', length: 12 },
    });
    // Without srcu_barrier in module exit, the callback runs on unloaded code.
    expect(t.rows.find((r) => r.id === 'mmu_notifier_synchronize#0=delete')!.result).toMatchObject({
      kind: 'breaks',
      property: 'no-code-after-unload',
      length: 13,
    });
    // The reproduce command prints the same counterexample, with the mutation in its header.
    const argv = seedBug.command
      .replace(/^mmucheck /, '')
      .replace(/'/g, '')
      .split(' ');
    const { code, out } = await runCli([...argv, '--no-color', '--quiet']);
    expect(code).toBe(1);
    expect(out).toContain('mutant     __mmu_notifier_release#8=before#6: srcu_read_unlock(&srcu, id)');
    expect(out).toContain('VIOLATED  no-use-after-free');
    expect(out).toContain('Shortest counterexample: 12 steps');
  });

  it('seed-pre-patch-lazy: the one move that makes every property hold is the seed patch itself', async () => {
    const t = await table(['seed-pre-patch-lazy', '--jobs', '1']);
    expect(t.asWritten.kind).toBe('violated');
    const fixes = t.rows.filter((r) => r.result.kind === 'fixes');
    expect(fixes.map((r) => [r.id, r.statement, r.change])).toEqual([
      ['__mmu_notifier_release#6=before#9', 'srcu_read_unlock(&srcu, id)', 'moved later, before synchronize_srcu(…)'],
    ]);
  });

  it('seed: 50 mutants, 14 needed; the same table with one job and with two', async () => {
    const one = await table(['seed', '--jobs', '1']);
    const two = await table(['seed', '--jobs', '2']);
    expect(one.tally).toEqual({ breaks: 14, 'not-needed': 36, fixes: 0, incomplete: 0, 'model-error': 0 });
    expect({ ...two, elapsedMs: 0 }).toEqual({ ...one, elapsedMs: 0 });
  });

  it('--function restricts the rows; a function without statements is refused with exit 2', async () => {
    const t = await table(['seed-post-patch-lazy', '--function', 'lazy_destroy', '--jobs', '1']);
    expect(t.rows.map((r) => [r.statement, r.result.kind])).toEqual([
      ['mmdrop(mm)', 'breaks'],
      ['kfree(obj)', 'breaks'],
    ]);
    const bad = await runCli(['necessity', 'seed', '--function', 'nope', '--quiet']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--function: no statement of nope is mutated in this scenario');
  });

  it('text and markdown: a row per mutant, and the command of every row that breaks something', async () => {
    const text = await runCli(['necessity', 'seed-post-patch-lazy', '--quiet', '--jobs', '1']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(
      /^ +9 {2}__mmu_notifier_release +srcu_read_unlock\(&srcu, id\) +moved earlier, before spin_lock/m,
    );
    expect(text.out).toContain('48 mutants: 15 needed (a property breaks without it), 33 not needed in this scenario');
    expect(text.out).toContain(
      "    9  mmucheck check seed-post-patch-lazy --mutant '__mmu_notifier_release#8=before#6'",
    );
    const md = await runCli(['necessity', 'seed-post-patch-lazy', '--quiet', '--jobs', '1', '--format', 'markdown']);
    expect(md.out).toContain('| # | function | statement | mutation | result | reproduce |');
    expect(md.out.split('\n').filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(48);
  });

  it('a bad mutant id and a model file are refused with exit 2', async () => {
    const id = await runCli(['check', 'seed', '--mutant', 'x#1=swap']);
    expect(id.code).toBe(2);
    expect(id.err).toContain('--mutant: "x#1=swap" is not a mutation id');
    const none = await runCli(['check', 'seed', '--mutant', '__mmu_notifier_release#99=delete']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('__mmu_notifier_release has no statement at position 99');
    const model = await runCli(['necessity', 'examples/teaching/kref.ts']);
    expect(model.code).toBe(2);
  });
});
