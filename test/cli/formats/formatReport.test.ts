/** `mmucheck check --format … --out …`: every bundled violation renders in every format, to stdout or a file. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport, REPORT_FORMATS } from '../../../cli/formats/formatReport.js';
import type { Io } from '../../../cli/Io.js';
import { kernelRunView } from '../../../cli/report/kernelRunView.js';
import { cli, runOf, violatingScenarios } from './runs.js';

const dir = mkdtempSync(join(tmpdir(), 'mmucheck-out-'));
const io: Io = { out: () => {}, err: () => {}, stdoutIsTty: false, stderrIsTty: false };

/** What each format's report starts with. */
const STARTS: Record<(typeof REPORT_FORMATS)[number], RegExp> = {
  text: /^scenario {3}/,
  json: /^\{\n {2}"formatVersion": 1,/,
  itf: /^\{\n {2}"#meta": \{\n {4}"format": "ITF",/,
  sarif: /^\{\n {2}"\$schema": "https:\/\/json\.schemastore\.org\/sarif-2\.1\.0\.json",/,
  dot: /^digraph counterexample \{/,
  html: /^<!DOCTYPE html>/,
};

describe('every bundled violation renders in every format', () => {
  for (const name of violatingScenarios()) {
    it(name, () => {
      const run = runOf(name);
      for (const format of REPORT_FORMATS)
        expect(formatReport(kernelRunView(run), { format }, io), `${name} as ${format}`).toMatch(STARTS[format]);
    });
  }
});

describe('--out', () => {
  it.each(REPORT_FORMATS)(
    'writes the %s report to the file, not to stdout, and keeps the exit code',
    async (format) => {
      const file = join(dir, `eager-free.${format}`);
      const r = await cli('check', 'eager-free', '--format', format, '--out', file, '--quiet');
      expect([r.code, r.out]).toEqual([1, '']);
      expect(readFileSync(file, 'utf8')).toMatch(STARTS[format]);
    },
  );

  it('refuses a file it cannot write, with exit 2', async () => {
    const file = join(dir, 'no-such-dir', 'report.json');
    const r = await cli('check', 'eager-free', '--format', 'json', '--out', file, '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`mmucheck: error: ${file}: --out: cannot write the report: no such directory\n`);
    expect(existsSync(file)).toBe(false);
  });
});

describe('format-specific flags', () => {
  it('--columns lays the text trace out one column per thread', async () => {
    const r = await cli('check', 'eager-free', '--columns', '--quiet');
    expect(r.code).toBe(1);
    expect(r.out).toContain('step  exit cpu0');
  });

  it.each([
    [['--format', 'json', '--columns'], '--columns: applies to --format text only, not json'],
    [['--graph'], '--graph: applies to --format dot only, not text'],
    [
      ['--format', 'yaml'],
      "option '--format <format>' argument 'yaml' is invalid. expected one of text, json, itf, sarif, dot, html",
    ],
  ])('%j is bad input (exit 2) before anything is checked', async (flags, message) => {
    const r = await cli('check', 'seed', ...flags, '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('the JSON report keeps its documented shape', async () => {
    const r = await cli('check', 'eager-free', '--format', 'json', '--quiet');
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ formatVersion: 1, verdict: 'violation', property: 'no-use-after-free' });
    expect(report.references.map((x: { step: number }) => x.step)).toEqual([2, 5]);
  });

  it('the JSON report of each violated history cell names its set-up steps in references', async () => {
    const cells: [string[], number[]][] = [
      [
        ['examples/history/kvm-reclaim.json', '--kernel', 'v3.8', '--srcu', 'classic', '--property', 'no-null-deref'],
        [9, 10],
      ],
      [
        [
          'examples/history/kvm-reclaim.json',
          '--kernel',
          'v3.9',
          '--srcu',
          'classic',
          '--property',
          'release-before-pages-freed',
        ],
        [4, 7],
      ],
      [
        ['examples/history/get-put.json', '--kernel', 'v5.4', '--srcu', 'tree', '--property', 'no-code-after-unload'],
        [19, 24, 26, 29],
      ],
    ];
    for (const [args, steps] of cells) {
      const report = JSON.parse((await cli('check', ...args, '--format', 'json', '--quiet')).out);
      expect(
        report.references.map((x: { step: number }) => x.step),
        args.join(' '),
      ).toEqual(steps);
    }
  });
});
