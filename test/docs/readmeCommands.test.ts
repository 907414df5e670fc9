/**
 * Every shell command shown in a code block of README.md or docs/*.md runs as written. The test
 * extracts them (`sh` blocks line by line, without trailing comments; `$ ` lines of `console`
 * blocks) and compares them with the table below, so a command added to a page without a line
 * here fails. Each is either run here, in order, in one scratch directory where `npx mmucheck`
 * is this checkout's built binary, expecting the exit code in the table; or too long for
 * `npm test` and run, by its exact text, by `.ci/run`; or run by the test named.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocks, sessions } from '../helpers/markdownBlocks.js';
import { BINARY, binaryBuilt, REPO_ROOT } from '../helpers/runCli.js';

/** Where a command runs: here, with its exit code; in `.ci/run`; or in another test. */
type Coverage = { readonly exit: number } | { readonly ci: true } | { readonly test: string };

const TUTORIAL_TESTS = 'test/examples/tutorial.test.ts';
const TARBALL_TEST = 'test/package/tutorialFromTarball.test.ts';
const EXPLORE_TEST = 'test/cli/explore/exploreBinary.test.ts';
const DISTRIBUTED_TEST = 'test/cli/distributed/readmeDistributed.test.ts';

/** Every command of every page, in page order, and where it runs. */
const COMMANDS: readonly (readonly [page: string, command: string, coverage: Coverage])[] = [
  ['README.md', 'npm ci && npx mmucheck check', { ci: true }],
  ['README.md', 'npm ci && npm test', { ci: true }],
  ['README.md', 'npx mmucheck scenarios', { exit: 0 }],
  ['README.md', 'npx mmucheck check lazy-with-reader', { exit: 1 }],
  ['README.md', 'npx mmucheck check seed --readers 3', { exit: 0 }],
  ['README.md', 'npx mmucheck check seed --format json', { exit: 0 }],
  ['README.md', 'npx mmucheck check lazy-with-reader --columns', { exit: 1 }],
  ['README.md', 'npx mmucheck explain lazy-with-reader', { exit: 1 }],
  ['README.md', 'npx mmucheck check lazy-with-reader --format html --out trace.html', { exit: 1 }],
  ['README.md', 'npx mmucheck check lazy-with-reader --format itf --out t.itf.json', { exit: 1 }],
  ['README.md', 'npx mmucheck replay t.itf.json', { exit: 0 }],
  ['README.md', 'npx mmucheck check ./my-scenario.json', { exit: 0 }],
  ['README.md', 'npm run bench', { ci: true }],
  ['README.md', 'npx mmucheck check seed --coverage', { exit: 0 }],
  // Serves until stopped: the explore test runs it, reads the URL it prints, and stops it with SIGINT.
  ['README.md', 'npx mmucheck explore lazy-with-reader', { test: EXPLORE_TEST }],
  ['README.md', 'npx mmucheck check lazy-with-reader --continue', { exit: 1 }],
  ['README.md', 'npx mmucheck check seed --readers 3 --no-liveness --max-states 5000 --checkpoint run1', { exit: 3 }],
  ['README.md', 'npx mmucheck resume run1 --max-states 100000', { exit: 0 }],
  // A Redis server on port 6399 and a worker in the background: run, in order, by their test.
  [
    'README.md',
    'redis-server --port 6399 --appendonly yes --appendfsync always --dir /tmp --daemonize yes',
    { test: DISTRIBUTED_TEST },
  ],
  ['README.md', 'npx mmucheck worker redis://127.0.0.1:6399 --once &', { test: DISTRIBUTED_TEST }],
  [
    'README.md',
    'npx mmucheck check seed --readers 4 --no-liveness --cluster redis://127.0.0.1:6399',
    { test: DISTRIBUTED_TEST },
  ],
  ['README.md', 'wait', { test: DISTRIBUTED_TEST }],
  ['README.md', 'redis-cli -p 6399 shutdown nosave', { test: DISTRIBUTED_TEST }],
  ['README.md', 'npx mmucheck history ./kvm-reclaim.json --jobs 2', { exit: 0 }],
  ['README.md', 'npx mmucheck necessity seed-post-patch-lazy --kernel v3.17', { exit: 0 }],
  ['README.md', 'npx mmucheck simulate lazy-with-reader', { exit: 1 }],
  ['README.md', 'npx mmucheck simulate seed --readers 8 --swarm --walks 500 --jobs 2', { exit: 3 }],
  ['README.md', 'npx mmucheck check ./model.ts', { exit: 1 }],
  ['README.md', 'npx mmucheck check ./spinlock-starvation.ts', { exit: 1 }],
  [
    'docs/distributed.md',
    'redis-server --port 6399 --appendonly yes --appendfsync always --dir /tmp --daemonize yes',
    { test: DISTRIBUTED_TEST },
  ],
  ['docs/distributed.md', 'npx mmucheck worker redis://127.0.0.1:6399 --once &', { test: DISTRIBUTED_TEST }],
  [
    'docs/distributed.md',
    'npx mmucheck check seed --readers 4 --no-liveness --cluster redis://127.0.0.1:6399',
    { test: DISTRIBUTED_TEST },
  ],
  ['docs/distributed.md', 'wait', { test: DISTRIBUTED_TEST }],
  ['docs/distributed.md', 'redis-cli -p 6399 shutdown nosave', { test: DISTRIBUTED_TEST }],
  ['docs/drivers.md', 'npx mmucheck check ./step1.json', { exit: 1 }],
  ['docs/drivers.md', 'npx mmucheck check ./step2.json', { exit: 1 }],
  ['docs/drivers.md', 'npx mmucheck check ./step3.json', { exit: 1 }],
  ['docs/drivers.md', 'npx mmucheck check ./step4.json', { exit: 0 }],
  ['docs/drivers.md', 'npx mmucheck check ./step5.json', { exit: 0 }],
  ['docs/drivers.md', 'npx mmucheck check ./step6.json', { exit: 1 }],
  ['docs/drivers.md', 'npx mmucheck check ./mirror1.json', { exit: 1 }],
  ['docs/drivers.md', 'npx mmucheck check ./mirror2.json', { exit: 0 }],
  ['docs/writing-models.md', 'mkdir counter && cd counter', { test: TARBALL_TEST }],
  ['docs/writing-models.md', 'npm init -y', { test: TARBALL_TEST }],
  ['docs/writing-models.md', 'npm install /path/to/mmucheck', { test: TARBALL_TEST }],
  ['docs/writing-models.md', 'npx mmucheck check ./counter.ts', { test: TUTORIAL_TESTS }],
  ['docs/writing-models.md', 'npx mmucheck check ./counter.ts --property no-deadlock', { test: TUTORIAL_TESTS }],
  ['docs/writing-models.md', 'npx mmucheck check ./counter-locked.ts', { test: TUTORIAL_TESTS }],
  ['docs/writing-models.md', 'npx mmucheck check ./counter-vacuous.ts', { test: TUTORIAL_TESTS }],
];

/** The files the commands run here expect to find, as a reader would have them: their own scenario and model. */
const SCRATCH_FILES: Readonly<Record<string, string>> = {
  'my-scenario.json': 'examples/scenarios/seed.json',
  'kvm-reclaim.json': 'examples/history/kvm-reclaim.json',
  'model.ts': 'examples/tutorial/counter.ts',
  'spinlock-starvation.ts': 'examples/teaching/spinlock-starvation.ts',
  'step1.json': 'examples/drivers/tutorial/step1.json',
  'step2.json': 'examples/drivers/tutorial/step2.json',
  'step3.json': 'examples/drivers/tutorial/step3.json',
  'step4.json': 'examples/drivers/tutorial/step4.json',
  'step5.json': 'examples/drivers/tutorial/step5.json',
  'step6.json': 'examples/drivers/tutorial/step6.json',
  'mirror1.json': 'examples/drivers/tutorial/mirror1.json',
  'mirror2.json': 'examples/drivers/tutorial/mirror2.json',
};

/** The shell commands shown on `page`. */
function commandsOf(page: string): string[] {
  return blocks(readFileSync(join(REPO_ROOT, page), 'utf8')).flatMap((b) => {
    if (b.info === 'console') return sessions(b.text).map((s) => s.command);
    if (!['sh', 'bash', 'shell'].includes(b.info)) return [];
    return b.text
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
  });
}

const PAGES = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** A scratch directory where `npx mmucheck` is this checkout (a node_modules link, as an installed package is). */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mmucheck-readme-'));
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(REPO_ROOT, join(dir, 'node_modules', 'mmucheck'));
  symlinkSync('../mmucheck/dist/cli/main.js', join(dir, 'node_modules', '.bin', 'mmucheck'));
  for (const [name, from] of Object.entries(SCRATCH_FILES)) copyFileSync(join(REPO_ROOT, from), join(dir, name));
  return dir;
}

describe('the commands of README.md and docs/', () => {
  it('are all in the table of this test, in page order: a new command needs a line here', () => {
    expect(PAGES.flatMap((page) => commandsOf(page).map((command) => [page, command]))).toEqual(
      COMMANDS.map(([page, command]) => [page, command]),
    );
  });

  it('that take minutes or are the test suite itself are run by .ci/run, as written', () => {
    const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8').split('\n');
    for (const [, command, coverage] of COMMANDS) if ('ci' in coverage) expect(ci, command).toContain(command);
  });

  it('that another test runs name a test that exists and lists the same command', () => {
    for (const [, command, coverage] of COMMANDS) {
      if (!('test' in coverage)) continue;
      expect(existsSync(join(REPO_ROOT, coverage.test)), coverage.test).toBe(true);
      expect(readFileSync(join(REPO_ROOT, coverage.test), 'utf8'), `${coverage.test} runs ${command}`).toContain(
        `'${command}'`,
      );
    }
  });

  it.skipIf(binaryBuilt())(
    `run as written: skipped, ${BINARY} is missing (npm test builds it; or run npm run build)`,
    () => {},
  );

  it.skipIf(!binaryBuilt())('run as written, each with the exit code of the table', () => {
    const dir = scratch();
    const results = COMMANDS.filter(([, , c]) => 'exit' in c).map(([, command, coverage]) => {
      const r = spawnSync('bash', ['-c', command], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' },
      });
      return {
        command,
        exit: r.status,
        expected: (coverage as { exit: number }).exit,
        stderr: r.stderr.includes('error') ? r.stderr : '',
      };
    });
    expect(results).toEqual(results.map((r) => ({ ...r, exit: r.expected, stderr: '' })));
    expect(existsSync(join(dir, 'trace.html')) && existsSync(join(dir, 't.itf.json'))).toBe(true);
    expect(existsSync(join(dir, 'run1', 'checkpoint.mmc'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
