/**
 * `mmucheck check --exact`: the same verdict, counts and counterexample as the fingerprint search,
 * with the statistics saying that every state was stored in full (collision probability 0), on one
 * worker whatever --workers says, and --exact in the command that reproduces the run.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';

const EXACT_LINE =
  /^([\d,]+ distinct states, [\d,]+ generated, depth \d+), [\d.]+ s \([\d,]+ states\/s\), exact: every state stored in full, no fingerprint collision possible \(one worker\)$/m;
const HASHED_LINE =
  /^([\d,]+ distinct states, [\d,]+ generated, depth \d+), [\d.]+ s \([\d,]+ states\/s\), fingerprint collision probability [\d.e+-]+$/m;

/** The report without its statistics line and reproduce command: what must not depend on the store. */
function verdictPart(out: string): string {
  return out
    .split('\n')
    .filter((line) => !EXACT_LINE.test(line) && !HASHED_LINE.test(line) && !line.startsWith('reproduce'))
    .join('\n');
}

describe('check --exact', () => {
  it('lazy-with-reader: the fingerprint run\'s report, trace included, with "exact" in the statistics', async () => {
    const exact = await runCli(['check', 'lazy-with-reader', '--exact', '--quiet']);
    const hashed = await runCli(['check', 'lazy-with-reader', '--workers', '1', '--quiet']);
    expect(exact.code).toBe(1);
    expect(exact.out).toContain('Shortest counterexample: 16 steps');
    expect(verdictPart(exact.out)).toEqual(verdictPart(hashed.out));
    expect(EXACT_LINE.exec(exact.out)?.[1]).toBe(HASHED_LINE.exec(hashed.out)?.[1]);
    expect(exact.out).toMatch(/reproduce {2}mmucheck check lazy-with-reader --exact\n$/);
  });

  it('seed with --workers 2 and JSON: 707 states, collision probability 0, exact in the statistics', async () => {
    const r = await runCli(['check', 'seed', '--exact', '--workers', '2', '--quiet', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { verdict: string; stats: Record<string, unknown>; reproduce: string };
    expect(report.verdict).toBe('ok');
    expect(report.stats).toMatchObject({
      distinct: 707,
      generated: 1657,
      depth: 34,
      collisionProbability: 0,
      exact: true,
    });
    expect(report.reproduce).toBe('mmucheck check seed --exact');
  });

  it('applies to model files too', async () => {
    const r = await runCli([
      'check',
      join(REPO_ROOT, 'test', 'examples', 'fixtures', 'clock.mjs'),
      '--exact',
      '--quiet',
    ]);
    expect(r.code).toBe(1); // its eventually property passes-five fails
    expect(r.out).toMatch(EXACT_LINE);
    expect(r.out).toMatch(/reproduce {2}mmucheck check \S+clock\.mjs --exact\n$/);
  });
});
