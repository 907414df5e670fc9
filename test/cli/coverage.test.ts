/**
 * `check --coverage`: the text table grouped by function, the statements never executed (a driver
 * hook that no path calls among them), the JSON report's `coverage` and `coverageSummary`, the
 * same in `--report` files, what the counts cover when a run stops early, and models that cannot
 * list their statements or name them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

const FIXTURES = join('test', 'fixtures', 'coverage');

interface CoverageJson {
  verdict: string;
  coverage: { fn: string; code: string; count: number }[] | null;
  coverageSummary: {
    scope: string;
    executed: number | null;
    statements: number | null;
    unreachedListed: boolean;
    transitions: number | null;
  };
}

/** The lines of the text report's "Never executed" list. */
function neverExecuted(out: string): string[] {
  const lines = out.split('\n');
  const from = lines.findIndex((l) => l.startsWith('Never executed'));
  const to = lines.findIndex((l, i) => i > from && l === '');
  return lines.slice(from, to);
}

describe('check --coverage', () => {
  it('tells a reviewer that a driver hook never runs: its statements are listed as never executed', async () => {
    const { code, out } = await runCli([
      'check',
      join(FIXTURES, 'unreached-hook.json'),
      '--coverage',
      '--quiet',
      '--no-color',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('Statement coverage: 28 of 69 statements executed, by 199 transitions');
    expect(out).toContain('(every reachable state was expanded)');
    const never = neverExecuted(out);
    expect(never[0]).toBe('Never executed: 41 statements in 12 functions');
    const hook = never.indexOf('  kfd_invalidate_range_start (no statement of it ran)');
    expect(hook).toBeGreaterThan(0);
    expect(never.slice(hook + 1, hook + 4)).toEqual([
      '      mutex_lock(&p->mutex)',
      '      drv_zap_sptes(p)',
      '      mutex_unlock(&p->mutex)',
    ]);
    // The hooks that do run are in the table, with their counts.
    expect(out).toMatch(/\n\s+kfd_process_notifier_release\n\s+\d+ {4}atomic_inc\(&mm->mm_count\)\n/);
  });

  it('pins the seed scenario’s coverage in the JSON report: one entry per statement, 0 for those never run', async () => {
    const { code, out } = await runCli(['check', 'seed', '--coverage', '--quiet', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as CoverageJson;
    expect(json.coverageSummary).toEqual({
      scope: 'complete',
      executed: 34,
      statements: 66,
      unreachedListed: true,
      transitions: 1656,
    });
    const coverage = json.coverage!;
    expect(coverage).toHaveLength(66);
    expect(coverage[0]).toEqual({ fn: 'mmput', code: 'if (atomic_dec_and_test(&mm->mm_users))', count: 7 });
    expect(coverage.filter((c) => c.count === 0)).toHaveLength(32);
    expect(coverage.find((c) => c.fn === 'kfd_process_destroy_delayed' && c.code === 'kfree(p)')?.count).toBe(49);
    expect(coverage.filter((c) => c.fn === 'mmu_notifier_unregister').every((c) => c.count === 0)).toBe(true);
  });

  it('gives the same table with 1 and 2 workers', async () => {
    const one = await runCli(['check', 'hmm-mirror', '--coverage', '--quiet', '--format', 'json', '--workers', '1']);
    const two = await runCli(['check', 'hmm-mirror', '--coverage', '--quiet', '--format', 'json', '--workers', '2']);
    const a = JSON.parse(one.out) as CoverageJson;
    const b = JSON.parse(two.out) as CoverageJson;
    expect(a.coverageSummary.scope).toBe('complete');
    expect(b.coverage).toEqual(a.coverage);
    expect(b.coverageSummary).toEqual(a.coverageSummary);
  }, 60_000);

  it('shows in json and text reports written with --report, and other formats ignore it', async () => {
    const d = mkdtempSync(join(tmpdir(), 'mmucheck-coverage-'));
    const { code, out } = await runCli([
      'check',
      'seed',
      '--coverage',
      '--quiet',
      '--format',
      'sarif',
      '--report',
      `json=${join(d, 'r.json')}`,
      '--report',
      `text=${join(d, 'r.txt')}`,
      '--report',
      `itf=${join(d, 'r.itf.json')}`,
    ]);
    expect(code).toBe(0);
    expect(out).toContain('"version": "2.1.0"');
    expect(out).not.toContain('coverage');
    const json = JSON.parse(readFileSync(join(d, 'r.json'), 'utf8')) as CoverageJson;
    expect(json.coverageSummary.executed).toBe(34);
    expect(readFileSync(join(d, 'r.txt'), 'utf8')).toContain('Statement coverage: 34 of 66 statements executed');
    expect(readFileSync(join(d, 'r.itf.json'), 'utf8')).not.toContain('coverage');
  });

  it('says that a run stopped at a violation covers only what it explored', async () => {
    const { code, out } = await runCli(['check', 'lazy-with-reader', '--coverage', '--quiet', '--no-color']);
    expect(code).toBe(1);
    expect(out).toContain(
      '(the search stopped at the violation: these counts are of the states explored, and a statement never executed here may run in the rest)',
    );
    const json = await runCli(['check', 'lazy-with-reader', '--coverage', '--quiet', '--format', 'json']);
    expect((JSON.parse(json.out) as CoverageJson).coverageSummary.scope).toBe('explored');
  });

  it('says that an incomplete run covers only what it explored', async () => {
    const { code, out } = await runCli(['check', 'seed', '--coverage', '--quiet', '--max-states', '100']);
    expect(code).toBe(3);
    expect(out).toContain('(the run is incomplete: these counts are of the states explored');
  });

  it('counts a program model file’s steps and lists every statement', async () => {
    const { code, out } = await runCli(['check', 'examples/teaching/peterson.ts', '--coverage', '--quiet']);
    expect(code).toBe(0);
    expect(out).toContain('Statement coverage: 6 of 6 statements executed, by 76 transitions');
    expect(out).toContain('Never executed: none; every statement of the model ran');
  });

  it('says plainly that a plain model’s statements never executed cannot be listed', async () => {
    const text = await runCli(['check', join(FIXTURES, 'plain-with-view.mjs'), '--coverage', '--quiet']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Statement coverage: 2 statements executed, by 7 transitions');
    expect(text.out).toContain('Never executed: unknown.');
    expect(text.out).toContain('this is not full coverage');
    const json = await runCli([
      'check',
      join(FIXTURES, 'plain-with-view.mjs'),
      '--coverage',
      '--quiet',
      '--format',
      'json',
    ]);
    const report = JSON.parse(json.out) as CoverageJson;
    expect(report.coverageSummary).toEqual({
      scope: 'complete',
      executed: 2,
      statements: null,
      unreachedListed: false,
      transitions: 7,
    });
    expect(report.coverage).toEqual([
      { fn: 'counter', code: 'n = 0', count: 4 },
      { fn: 'counter', code: 'n++', count: 3 },
    ]);
  });

  it('refuses a model without actionView before the search, with exit 2', async () => {
    const { code, out, err } = await runCli(['check', join(FIXTURES, 'plain-without-view.mjs'), '--coverage']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('--coverage: needs a model with actionView()');
    expect(err).not.toContain('    at ');
  });
});
