/** check --expected: CI gates on the scenario file's expected verdict instead of the verdict itself. */
import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from '../helpers/runCli.js';
import { bundledScenarioDir } from '../../model/kernel/loadScenario.js';

const ONE = ['--workers', '1', '--quiet'];

describe('check --expected', () => {
  it('exits 0 for a scenario whose expected violation is found', async () => {
    expect((await runCli(['check', 'eager-free', '--expected', ...ONE])).code).toBe(0);
  });

  it('exits 0 for a scenario that is expected to hold and holds', async () => {
    expect((await runCli(['check', 'seed', '--expected', ...ONE])).code).toBe(0);
  });

  it('exits 1 when the verdict differs from the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmucheck-expected-'));
    const file = join(dir, 'wrong.json');
    const scenario = JSON.parse(readFileSync(join(bundledScenarioDir(), 'seed.json'), 'utf8'));
    writeFileSync(
      file,
      JSON.stringify({ ...scenario, expect: { verdict: 'violation', property: 'no-use-after-free' } }),
    );
    const r = await runCli(['check', file, '--expected', ...ONE]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('NOT as expected');
  });

  it('keeps exit 3 for an incomplete run', async () => {
    expect((await runCli(['check', 'eager-free', '--expected', '--max-states', '5', ...ONE])).code).toBe(3);
  });

  it('refuses (exit 2) when the question changed or the file states no expectation', async () => {
    const r = await runCli(['check', 'seed', '--kernel', 'v3.10', '--expected', ...ONE]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--expected');
  });
});
