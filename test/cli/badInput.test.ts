/**
 * The bad-input corpus (test/fixtures/bad/cases.json): every malformed scenario file and every
 * invalid option exits 2 with one message that names the file and field (or the flag) and what was
 * expected, and without a stack trace unless --debug asks for one.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, binaryBuilt, runBinary, runCli, type CliResult } from '../helpers/runCli.js';

/** One case of the corpus: a scenario file of this folder, or command-line arguments (`{dir}` is this folder). */
interface BadCase {
  readonly case: string;
  readonly file?: string;
  readonly args?: readonly string[];
  /** Fragments the one error message must contain. */
  readonly expect: readonly string[];
}

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'bad');
const CASES = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as BadCase[];

/** Asserts a bad-input ending: exit 2, nothing on stdout, exactly one error line containing `fragments`, no stack. */
function expectBadInput(r: CliResult, fragments: readonly string[]): void {
  const report = `exit ${r.code}\n--- stdout\n${r.out}\n--- stderr\n${r.err}`;
  expect(r.code, report).toBe(2);
  expect(r.out, report).toBe('');
  const errors = r.err.split('\n').filter((line) => line.startsWith('mmucheck: error:'));
  expect(errors, report).toHaveLength(1);
  for (const fragment of fragments) expect(errors[0], report).toContain(fragment);
  expect(r.err, report).not.toMatch(/^\s+at /m);
}

describe('the bad-input corpus', () => {
  it('has at least 30 cases, and every file of the folder is one of them', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    const files = readdirSync(DIR)
      .filter((f) => f !== 'cases.json')
      .sort();
    expect(files).toEqual(CASES.flatMap((c) => (c.file ? [c.file] : [])).sort());
  });

  for (const c of CASES) {
    it(`${c.case}: exit 2 with one message naming ${c.file ? 'the file and field' : 'what was wrong'}`, async () => {
      const path = c.file === undefined ? undefined : join(DIR, c.file);
      const args = path ? ['check', path] : c.args!.map((a) => a.replace('{dir}', DIR));
      expectBadInput(await runCli(args), path ? [path, ...c.expect] : c.expect);
    });
  }
});

describe('--debug', () => {
  it('adds the stack trace to the message of a bad scenario file', async () => {
    const r = await runCli(['check', join(DIR, 'misspelled-behaviour-field.json'), '--debug']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^mmucheck: error: .*listeners\[0\]\.behavior: unknown field/);
    expect(r.err).toMatch(/^\s+at /m);
  });
});

describe('an unreadable scenario file', () => {
  const asRoot = process.getuid?.() === 0;

  it.runIf(!asRoot)('exits 2 naming the file: permission denied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmucheck-bad-'));
    const file = join(dir, 'unreadable.json');
    try {
      writeFileSync(file, readFileSync(join(REPO_ROOT, 'examples', 'scenarios', 'seed.json')));
      chmodSync(file, 0o000);
      expectBadInput(await runCli(['check', file]), [file, 'cannot read the scenario file: permission denied']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Root reads a file whatever its mode, so the file is read by the built binary running as nobody.
  it.runIf(asRoot && binaryBuilt())(
    'exits 2 naming the file when the binary runs as nobody (tests run as root, where chmod 000 does not stop reads)',
    (ctx) => {
      const nobody = { uid: 65534, gid: 65534 };
      if (runBinary(['--version'], nobody).code !== 0)
        ctx.skip('user nobody (65534) cannot run the built binary from this checkout');
      const dir = mkdtempSync(join(tmpdir(), 'mmucheck-bad-'));
      const file = join(dir, 'unreadable.json');
      try {
        chmodSync(dir, 0o755);
        writeFileSync(file, readFileSync(join(REPO_ROOT, 'examples', 'scenarios', 'seed.json')));
        chmodSync(file, 0o000);
        expectBadInput(runBinary(['check', file], nobody), [file, 'cannot read the scenario file: permission denied']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.skipIf(!asRoot || binaryBuilt())(
    'is skipped: running as root and dist/cli/main.js is missing (run npm run build)',
    () => {},
  );
});
