/**
 * Text from a scenario, trace or model file is printed escaped: a control character in a name or a
 * description cannot start a line of its own (and so cannot forge "ALL PROPERTIES HOLD" under a
 * violation) or send a terminal command. Values quoted in error messages are capped, so a huge
 * field gives a one-line error.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'mmucheck-forged-'));
const FORGED = 'ALL PROPERTIES HOLD on every reachable state (11 properties)';
const NAME = 'eager\u001b[2J\u001b[H';
const DESCRIPTION = `frees in ->release\n\n${FORGED}\n\u001b[32mok\u001b[0m`;

/** eager-free (a violation, so no true "ALL PROPERTIES HOLD") with a forging name and description. */
const scenario = join(dir, 'forged.json');
writeFileSync(
  scenario,
  JSON.stringify({
    ...JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'scenarios', 'eager-free.json'), 'utf8')),
    name: NAME,
    description: DESCRIPTION,
  }),
);

/** Asserts that `out` holds no escape character and no line starting with the forged verdict, and shows the escaped text. */
function expectNoForgery(out: string): void {
  expect(out).not.toContain('\u001b');
  expect(out.split('\n').filter((line) => line.startsWith('ALL PROPERTIES HOLD'))).toEqual([]);
  expect(out).toContain('\\n\\nALL PROPERTIES HOLD');
}

describe('a scenario file whose name and description hold control characters', () => {
  it('check: the header shows them escaped, on one line', async () => {
    const r = await runCli(['check', scenario, '--quiet']);
    expect(r.code).toBe(1);
    expectNoForgery(r.out);
    expect(r.out).toContain(
      'scenario   eager\\x1b[2J\\x1b[H: frees in ->release\\n\\nALL PROPERTIES HOLD on every reachable state (11 properties)\\n\\x1b[32mok\\x1b[0m\n',
    );
  });

  it('check --columns and explain', async () => {
    expectNoForgery((await runCli(['check', scenario, '--quiet', '--columns'])).out);
    expectNoForgery((await runCli(['explain', scenario, '--quiet'])).out);
  });

  it('history, as text and as Markdown', async () => {
    expectNoForgery((await runCli(['history', scenario, '--quiet', '--srcu', 'classic'])).out);
    expectNoForgery((await runCli(['history', scenario, '--quiet', '--srcu', 'classic', '--format', 'markdown'])).out);
  });

  it('replay of its saved trace', async () => {
    const trace = join(dir, 'forged.itf.json');
    expect((await runCli(['check', scenario, '--quiet', '--format', 'itf', '--out', trace])).code).toBe(1);
    const r = await runCli(['replay', trace]);
    expect(r.code).toBe(0);
    expectNoForgery(r.out);
  });

  it('keeps them as they are in the JSON report, where JSON escapes them', async () => {
    const report = JSON.parse((await runCli(['check', scenario, '--quiet', '--format', 'json'])).out) as {
      scenario: { name: string };
    };
    expect(report.scenario.name).toBe(NAME);
  });
});

describe('a model file whose names, statements and values hold control characters', () => {
  const model = join(dir, 'forged.mjs');
  writeFileSync(
    model,
    [
      `export const name = ${JSON.stringify(NAME)};`,
      `export const description = ${JSON.stringify(DESCRIPTION)};`,
      'export const model = {',
      "  initStates: () => ['start'],",
      `  actions: (s) => (s === 'start' ? ['go'] : []),`,
      `  nextState: () => ${JSON.stringify(`\n${FORGED}\n\u001b[1m`)},`,
      `  formatAction: () => ${JSON.stringify(`go\n${FORGED}`)},`,
      `  properties: () => [{ kind: 'always', id: 'p\\u001b[31m', name: ${JSON.stringify(`never\n${FORGED}`)}, violation: (s) => (s === 'start' ? undefined : ${JSON.stringify(`moved\n${FORGED}`)}) }],`,
      '};',
    ].join('\n'),
  );

  it('check: every one of them escaped', async () => {
    const r = await runCli(['check', model, '--quiet']);
    expect(r.code).toBe(1);
    expectNoForgery(r.out);
    expect(r.out).toContain('VIOLATED  p\\x1b[31m: never\\nALL PROPERTIES HOLD');
  });
});

describe('values quoted in error messages are capped', () => {
  it('a 900 KB kernel value: one short line with the value cut and its length', async () => {
    const file = join(dir, 'huge-kernel.json');
    writeFileSync(
      file,
      JSON.stringify({
        kernel: 'v'.repeat(900_000),
        listeners: [{ behaviour: 'amdkfd' }],
        threads: [{ kind: 'exit' }],
      }),
    );
    const r = await runCli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`kernel: unknown value "${'v'.repeat(80)}…" (900,000 characters); expected one of`);
    expect(r.err.length).toBeLessThan(600);
  });

  it('a 900 KB field name with an escape character: the field path is cut and escaped', async () => {
    const file = join(dir, 'huge-key.json');
    writeFileSync(file, JSON.stringify({ ['\u001b[2J' + 'k'.repeat(900_000)]: 1 }));
    const r = await runCli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`: \\x1b[2J${'k'.repeat(196)}… (900,004 characters): unknown field; expected one of name,`);
    expect(r.err.length).toBeLessThan(800);
  });

  it('a 900 KB name of the wrong type, and a 100,000-character option value', async () => {
    const file = join(dir, 'huge-name.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: ['x'.repeat(900_000)],
        kernel: 'v3.17',
        listeners: [{ behaviour: 'amdkfd' }],
        threads: [{ kind: 'exit' }],
      }),
    );
    expect((await runCli(['check', file])).err).toBe(`mmucheck: error: ${file}: name: expected a string, got a list\n`);
    const r = await runCli(['check', 'seed', '--readers', '9'.repeat(100_000)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^mmucheck: error: option '--readers <n>' argument '9{200,}… \([\d,]+ characters\)\n/);
    expect(r.err.length).toBeLessThan(1000);
  });

  it('an unknown scenario name with control characters', async () => {
    const r = await runCli(['check', `seed\u001b[2J${'s'.repeat(10_000)}`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown scenario "seed\\x1b[2J');
    expect(r.err).not.toContain('\u001b');
    expect(r.err.length).toBeLessThan(1000);
  });
});
