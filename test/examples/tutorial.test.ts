/**
 * docs/writing-models.md cannot drift: its full-file code blocks are the files in
 * examples/tutorial/, byte for byte (they import the package by its name, as a reader's copy
 * does), and every `npx mmucheck` command in its console blocks prints what the page shows and
 * exits with the code it shows. test/package/tutorialFromTarball.test.ts runs them in an empty
 * project with the packed package installed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../../index.js';
import { model as counter } from '../../examples/tutorial/counter.js';
import { runCli, steadyReport } from './runCli.js';
import { blocks, sessions } from '../helpers/markdownBlocks.js';

const TUTORIAL = readFileSync('docs/writing-models.md', 'utf8');

const files = blocks(TUTORIAL).filter((b) => /^ts \S+\.ts$/.test(b.info));
const commands = blocks(TUTORIAL)
  .filter((b) => b.info === 'console')
  .flatMap((b) => sessions(b.text));

describe('docs/writing-models.md', () => {
  it('shows two whole model files and four commands', () => {
    expect(files.map((f) => f.info)).toEqual(['ts counter.ts', 'ts counter-locked.ts']);
    expect(commands.map((c) => [c.command, c.exitCode])).toEqual([
      ['npx mmucheck check ./counter.ts', 1],
      ['npx mmucheck check ./counter.ts --property no-deadlock', 0],
      ['npx mmucheck check ./counter-locked.ts', 0],
      ['npx mmucheck check ./counter-vacuous.ts', 1],
    ]);
  });

  it.each(files.map((f) => [f.info.slice(3), f.text] as const))(
    'shows %s as it is in examples/tutorial/',
    (file, text) => {
      const inRepository = readFileSync(`examples/tutorial/${file}`, 'utf8');
      expect(text).toBe(inRepository);
      expect(text).toContain("from 'mmucheck';");
    },
  );

  it.each(commands.map((c) => [c.command, c] as const))(
    '`%s` prints what the page shows',
    async (_command, session) => {
      const args = session.command
        .replace(/^npx mmucheck /, '')
        .split(' ')
        .map((a) => a.replace(/^\.\//, 'examples/tutorial/'));
      const { code, out, err } = await runCli(args);
      expect(err).toBe('');
      expect(steadyReport(out.replaceAll('examples/tutorial/', './'))).toBe(steadyReport(session.output));
      expect(code).toBe(session.exitCode);
    },
  );

  it('says what check() returns for the counter in "In your own tests"', () => {
    const outcome = check(counter);
    expect(outcome.kind === 'violation' && [outcome.violations[0]?.propertyId, outcome.trace.steps.length]).toEqual([
      'no-lost-update',
      4,
    ]);
    expect(TUTORIAL).toContain('// no-lost-update 4');
  });
});
