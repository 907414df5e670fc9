/**
 * `check --continue`: every violated property, each with its own shortest counterexample, in every
 * format; the same for any number of workers; a bound or an interrupt after a violation keeps the
 * violations found (exit 1) and says the search for more was cut short.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

const dir = () => mkdtempSync(join(tmpdir(), 'mmucheck-continue-'));

interface ContinuedJson {
  runs: number;
  distinctInAllRuns: number;
  elapsedMsInAllRuns: number;
  incomplete: string | null;
  violations: { property: string; length: number; counterexample: number; trace: unknown[]; noWitness: boolean }[];
}

interface ReportJson {
  verdict: string;
  property: string | null;
  reason: string | null;
  stats: { distinct: number; generated: number; depth: number };
  trace: unknown[];
  continued: ContinuedJson | null;
}

async function jsonOf(...args: string[]): Promise<{ code: number; report: ReportJson }> {
  const { code, out, err } = await runCli(['check', ...args, '--continue', '--quiet', '--format', 'json']);
  expect(err).toBe('');
  return { code, report: JSON.parse(out) as ReportJson };
}

/** Each violation as [property, steps, counterexample], in the order found. */
const found = (r: ReportJson) => r.continued!.violations.map((v) => [v.property, v.length, v.counterexample]);

/**
 * What must not depend on the number of workers: everything but the times and the store (the
 * workers' shared table keeps 63 bits of a fingerprint, so its collision bound is twice as high).
 */
function steady(r: ReportJson) {
  const { elapsedMsInAllRuns: _e, ...continued } = r.continued!;
  const stats = { ...r.stats, elapsedMs: 0, statesPerSecond: 0, storeBytes: 0, collisionProbability: 0 };
  return { ...r, stats, continued };
}

const LAZY = [
  ['no-callback-on-freed', 16, 0],
  ['no-use-after-free', 16, 0],
  ['no-code-after-unload', 21, 1],
];

describe('check --continue', () => {
  it('reports every violated property of lazy-with-reader, each with its shortest length, in 3 searches', async () => {
    const { code, report } = await jsonOf('lazy-with-reader');
    expect(code).toBe(1);
    expect(found(report)).toEqual(LAZY);
    // The first violation stays where a run without --continue puts it.
    expect([report.verdict, report.property, report.trace.length]).toEqual(['violation', 'no-callback-on-freed', 16]);
    // The last search covered the whole space: 449 + 710 + 831 states in the three.
    expect([report.stats.distinct, report.stats.generated, report.stats.depth]).toEqual([831, 1993, 30]);
    expect([report.continued!.runs, report.continued!.distinctInAllRuns, report.continued!.incomplete]).toEqual([
      3,
      1990,
      null,
    ]);
  });

  it('finds each length a check of that property alone finds', async () => {
    for (const [property, length] of LAZY) {
      const { out } = await runCli(['check', 'lazy-with-reader', '--property', String(property), '--format', 'json']);
      expect((JSON.parse(out) as ReportJson).trace.length).toBe(length);
    }
  });

  it('gives the same report with --workers 1 and --workers 2', async () => {
    const one = await jsonOf('lazy-with-reader', '--workers', '1');
    const two = await jsonOf('lazy-with-reader', '--workers', '2');
    expect(steady(two.report)).toEqual(steady(one.report));
    expect(found(two.report)).toEqual(LAZY);
    const { report } = await jsonOf('eager-free', '--workers', '2');
    expect(found(report)).toEqual([
      ['no-use-after-free', 6, 0],
      ['no-callback-on-freed', 8, 1],
      ['no-code-after-unload', 18, 2],
      ['no-leak', 24, 3],
      ['mm-freed', 24, 4],
    ]);
    expect([report.stats.distinct, report.continued!.runs, report.continued!.distinctInAllRuns]).toEqual([
      403, 6, 1638,
    ]);
  }, 60_000);

  it('finds a violation whose every trace passes through a state violating another property (a model file)', async () => {
    const { code, report } = await jsonOf('examples/tutorial/counter-two-bugs.ts');
    expect(code).toBe(1);
    expect(found(report)).toEqual([
      ['one-at-a-time', 2, 0],
      ['no-lost-update', 4, 1],
    ]);
    expect([report.stats.distinct, report.continued!.runs, report.continued!.distinctInAllRuns]).toEqual([12, 3, 30]);
  });

  it('keeps the violations found when a bound stops the search for more: exit 1, incomplete', async () => {
    const { code, report } = await jsonOf('lazy-with-reader', '--max-states', '600');
    expect(code).toBe(1);
    expect(found(report)).toEqual(LAZY.slice(0, 2));
    expect([report.verdict, report.reason, report.continued!.incomplete]).toEqual(['violation', null, 'maxStates']);
    const text = await runCli(['check', 'lazy-with-reader', '--max-states', '600', '--continue', '--quiet']);
    expect(text.out).toContain(
      'INCOMPLETE: the --max-states bound was reached while searching for more; the properties not listed are not proven',
    );
  });

  it('is incomplete (exit 3) when the bound comes before any violation', async () => {
    const { code, report } = await jsonOf('lazy-with-reader', '--max-states', '300');
    expect([code, report.verdict, report.reason, report.continued]).toEqual([3, 'incomplete', 'maxStates', null]);
  });

  it('keeps the violations found when interrupted while searching for more', async () => {
    let asked = 0;
    const { code, out } = await runCli(
      ['check', 'lazy-with-reader', '--continue', '--quiet', '--format', 'json'],
      () => ++asked > 600,
    );
    const report = JSON.parse(out) as ReportJson;
    expect(code).toBe(1);
    expect([found(report), report.continued!.incomplete]).toEqual([LAZY.slice(0, 2), 'interrupted']);
  });

  it('is a model error (exit 4) when the search for more meets a step that throws', async () => {
    const model = 'test/fixtures/models/throws-past-violation.mjs';
    expect((await runCli(['check', model, '--quiet'])).code).toBe(1);
    const { code, out } = await runCli(['check', model, '--continue', '--quiet']);
    expect(code).toBe(4);
    expect(out).toContain('MODEL ERROR: the step from 12 is not written yet');
  });

  it('changes nothing for a run that holds', async () => {
    const { code, report } = await jsonOf('seed');
    expect([code, report.verdict, report.stats.distinct, report.continued]).toEqual([0, 'ok', 707, null]);
  });

  it('prints a summary, then each violation with its trace, once per counterexample', async () => {
    const { code, out } = await runCli(['check', 'lazy-with-reader', '--continue', '--quiet', '--no-color']);
    expect(code).toBe(1);
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('VIOLATED  3 properties'));
    expect(lines.slice(at, at + 4)).toEqual([
      'VIOLATED  3 properties (--continue: every violation, each with its own shortest counterexample)',
      '   1  no-callback-on-freed  16 steps',
      '   2  no-use-after-free     16 steps (the counterexample of 1)',
      '   3  no-code-after-unload  21 steps',
    ]);
    expect(lines.filter((l) => l.startsWith('Shortest counterexample:'))).toEqual([
      'Shortest counterexample: 16 steps',
      'Shortest counterexample: 21 steps',
    ]);
    expect(lines.filter((l) => l.startsWith('── '))).toEqual([
      '── 1 of 3: no-callback-on-freed ──',
      '── 2 of 3: no-use-after-free ──',
      '── 3 of 3: no-code-after-unload ──',
    ]);
    expect(out).toMatch(
      /\ncontinue {3}3 searches, 1,990 distinct states in all, \d+\.\d\d s; the line above is the last search's\n/,
    );
    expect(out).toContain('reproduce  mmucheck check lazy-with-reader --continue\n');
  });

  it('writes one ITF trace per violated property; replay takes each, --trace N one', async () => {
    const d = dir();
    const file = join(d, 't.itf.json');
    expect(
      (await runCli(['check', 'lazy-with-reader', '--continue', '--quiet', '--format', 'itf', '--out', file])).code,
    ).toBe(1);
    const traces = JSON.parse(readFileSync(file, 'utf8')) as {
      '#meta': { mmucheck: Record<string, unknown> };
      states: unknown[];
    }[];
    expect(traces.map((t) => [t.states.length - 1, t['#meta'].mmucheck['continued']])).toEqual([
      [16, { trace: 1, of: 3 }],
      [16, { trace: 2, of: 3 }],
      [21, { trace: 3, of: 3 }],
    ]);
    const third = await runCli(['replay', file, '--trace', '3', '--no-color']);
    expect(third.code).toBe(0);
    expect(third.out).toContain(
      `replay     ${file} (trace 3 of 3): 21 steps, each enabled in the model and each state matching`,
    );
    expect(third.out).toContain('ENDS IN A VIOLATION  no-code-after-unload');
    const every = await runCli(['replay', file, '--no-color']);
    expect(every.code).toBe(0);
    expect(every.out.match(/^replay {5}.*$/gm)!.map((l) => l.replace(file, 'FILE'))).toEqual([
      'replay     FILE (trace 1 of 3): 16 steps, each enabled in the model and each state matching',
      'replay     FILE (trace 2 of 3): 16 steps, each enabled in the model and each state matching',
      'replay     FILE (trace 3 of 3): 21 steps, each enabled in the model and each state matching',
    ]);
    const beyond = await runCli(['replay', file, '--trace', '4']);
    expect([beyond.code, beyond.err]).toEqual([
      2,
      `mmucheck: error: --trace: ${file} holds 3 traces; expected 1 to 3\n`,
    ]);
  });

  it("replays the second violation's trace of a model file", async () => {
    const d = dir();
    const file = join(d, 'm.itf.json');
    const model = 'examples/tutorial/counter-two-bugs.ts';
    expect((await runCli(['check', model, '--continue', '--quiet', '--format', 'itf', '--out', file])).code).toBe(1);
    const { code, out } = await runCli(['replay', file, '--trace', '2', '--no-color']);
    expect(code).toBe(0);
    expect(out).toContain('(trace 2 of 2): 4 steps');
    expect(out).toContain('no-lost-update');
  });

  it('writes a SARIF result, a dot cluster and an HTML section per violated property, with --report', async () => {
    const d = dir();
    const at = (f: string) => join(d, f);
    const { code } = await runCli([
      'check',
      'lazy-with-reader',
      '--continue',
      '--quiet',
      '--format',
      'sarif',
      '--out',
      at('r.sarif'),
      '--report',
      `dot=${at('r.dot')}`,
      '--report',
      `html=${at('r.html')}`,
      '--report',
      `json=${at('r.json')}`,
    ]);
    expect(code).toBe(1);
    const sarif = JSON.parse(readFileSync(at('r.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string; codeFlows: { threadFlows: { locations: unknown[] }[] }[] }[] }[];
    };
    expect(
      sarif.runs[0]!.results.map((r) => [
        r.ruleId,
        r.codeFlows[0]!.threadFlows.reduce((n, f) => n + f.locations.length, 0),
      ]),
    ).toEqual([
      ['no-callback-on-freed', 16],
      ['no-use-after-free', 16],
      ['no-code-after-unload', 21],
    ]);
    const dot = readFileSync(at('r.dot'), 'utf8');
    expect(dot.match(/subgraph cluster_\d+ \{\n {4}label="[^"]*"/g)).toEqual([
      'subgraph cluster_1 {\n    label="1 of 3: no-callback-on-freed (16 steps)"',
      'subgraph cluster_2 {\n    label="2 of 3: no-use-after-free (16 steps)"',
      'subgraph cluster_3 {\n    label="3 of 3: no-code-after-unload (21 steps)"',
    ]);
    expect(dot).toContain('v3s20 -> v3s21');
    const html = readFileSync(at('r.html'), 'utf8');
    expect(html.match(/<section id="violation-\d" class="trace">/g)).toHaveLength(3);
    expect(html).toContain(
      '<li><a href="#violation-3">no-code-after-unload</a> <span class="muted">21 steps</span></li>',
    );
    const data = /<script type="application\/json" id="mmucheck-violations">(.*?)<\/script>/s.exec(html)![1]!;
    expect((JSON.parse(data) as { steps: unknown[] }[]).map((t) => t.steps.length)).toEqual([16, 16, 21]);
    expect(found(JSON.parse(readFileSync(at('r.json'), 'utf8')) as ReportJson)).toEqual(LAZY);
  });

  it('adds continued: null to the JSON of a run without --continue', async () => {
    const { out } = await runCli(['check', 'lazy-with-reader', '--format', 'json']);
    expect((JSON.parse(out) as ReportJson).continued).toBeNull();
  });
});
