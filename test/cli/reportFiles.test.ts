/**
 * `check --report FORMAT=FILE`: several reports of one search, beside the main one — each the
 * report its own `--format` would give (the same verdict, trace and counts), an ITF trace that
 * replays, and bad values refused before the search with exit 2.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

const dir = () => mkdtempSync(join(tmpdir(), 'mmucheck-report-'));

describe('check --report', () => {
  it('writes json, sarif, html, itf, dot and text reports of one search beside stdout', async () => {
    const d = dir();
    const at = (f: string) => join(d, f);
    const { code, out } = await runCli([
      'check',
      'lazy-with-reader',
      '--quiet',
      '--no-color',
      ...[
        ['json', 'r.json'],
        ['sarif', 'r.sarif'],
        ['html', 'r.html'],
        ['itf', 'r.itf.json'],
        ['dot', 'r.dot'],
        ['text', 'r.txt'],
      ].flatMap(([format, file]) => ['--report', `${format}=${at(file!)}`]),
    ]);
    expect(code).toBe(1);
    expect(out).toContain('VIOLATED  no-callback-on-freed');
    const json = JSON.parse(readFileSync(at('r.json'), 'utf8')) as {
      verdict: string;
      violations: { property: string }[];
      trace: unknown[];
    };
    expect(json.verdict).toBe('violation');
    expect(json.violations[0]!.property).toBe('no-callback-on-freed');
    expect(json.trace).toHaveLength(16);
    const sarif = JSON.parse(readFileSync(at('r.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results[0]!.ruleId).toBe('no-callback-on-freed');
    expect(readFileSync(at('r.html'), 'utf8')).toContain('no-callback-on-freed');
    expect(readFileSync(at('r.dot'), 'utf8')).toMatch(/^digraph/);
    // The text file is the plain text of stdout: no colour, the same counterexample.
    const text = readFileSync(at('r.txt'), 'utf8');
    expect(text).not.toContain('\u001b[');
    expect(text).toContain('Shortest counterexample: 16 steps');
    const replay = await runCli(['replay', at('r.itf.json'), '--no-color']);
    expect(replay.code).toBe(0);
    expect(replay.out).toContain('no-callback-on-freed');
  });

  it('goes with --out and --format, to other files', async () => {
    const d = dir();
    const { code } = await runCli([
      'check',
      'seed',
      '--quiet',
      '--format',
      'json',
      '--out',
      join(d, 'main.json'),
      '--report',
      `sarif=${join(d, 'also.sarif')}`,
    ]);
    expect(code).toBe(0);
    expect((JSON.parse(readFileSync(join(d, 'main.json'), 'utf8')) as { verdict: string }).verdict).toBe('ok');
    expect(readFileSync(join(d, 'also.sarif'), 'utf8')).toContain('"version": "2.1.0"');
  });

  it.each([
    [['--report', 'xml=a.xml'], 'unknown report format "xml"'],
    [['--report', 'json'], 'is not FORMAT=FILE'],
    [['--report', 'json=/no/such/dir/r.json'], 'no such directory'],
    [['--out', 'same.json', '--report', 'json=same.json'], 'receives two reports'],
  ])('refuses %j before the search, with exit 2', async (flags, message) => {
    const { code, err } = await runCli(['check', 'seed', '--quiet', ...flags]);
    expect(code).toBe(2);
    expect(err).toContain('--report');
    expect(err).toContain(message);
  });
});
