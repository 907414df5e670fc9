/**
 * The tutorial (docs/writing-models.md) as a reader follows it: a new project, the packed package
 * installed into it, the model files written as the page shows them (counter-vacuous.ts, which the
 * page links, copied from the installed package), and every command of the page run with `npx`,
 * printing what the page shows and exiting with the code it shows.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocks, sessions } from '../helpers/markdownBlocks.js';
import { BINARY, binaryBuilt, REPO_ROOT } from '../helpers/runCli.js';
import { steadyReport } from '../examples/runCli.js';
import { projectWithPackage } from './packedPackage.js';

const PAGE = readFileSync(join(REPO_ROOT, 'docs/writing-models.md'), 'utf8');

/** The page's setup commands, which projectWithPackage follows with the packed tarball for /path/to/mmucheck. */
const SETUP = ['mkdir counter && cd counter', 'npm init -y', 'npm install /path/to/mmucheck'];
const files = blocks(PAGE).filter((b) => /^ts \S+\.ts$/.test(b.info));
const commands = blocks(PAGE)
  .filter((b) => b.info === 'console')
  .flatMap((b) => sessions(b.text));

const built = binaryBuilt();

describe.skipIf(built)('the tutorial in an empty project with the packed package', () => {
  it(`is skipped: ${BINARY} is missing (npm test builds it; or run npm run build)`, () => {});
});

describe.skipIf(!built)('the tutorial in an empty project with the packed package', () => {
  let project = '';

  beforeAll(() => {
    project = projectWithPackage();
    for (const f of files) writeFileSync(join(project, f.info.slice(3)), f.text);
    copyFileSync(
      join(project, 'node_modules/mmucheck/examples/tutorial/counter-vacuous.ts'),
      join(project, 'counter-vacuous.ts'),
    );
  }, 120_000);

  afterAll(() => {
    if (project) rmSync(dirname(project), { recursive: true, force: true });
  });

  it("follows the page's setup: a new directory, npm init -y, npm install of the package", () => {
    const shown = blocks(PAGE)
      .filter((b) => b.info === 'sh')
      .flatMap((b) =>
        b.text
          .split('\n')
          .map((l) => l.replace(/\s+#.*$/, ''))
          .filter(Boolean),
      );
    expect(shown).toEqual(SETUP);
    expect(PAGE).toContain('# or: npm install /path/to/mmucheck-0.1.0.tgz');
  });

  it('installs the mmucheck command, and the model files import the package by its name', () => {
    expect(existsSync(join(project, 'node_modules/.bin/mmucheck'))).toBe(true);
    expect(files.length).toBe(2);
    for (const f of files) expect(f.text).toContain("from 'mmucheck';");
  });

  it('ships example models that import the package by its name, so they run wherever they are copied', () => {
    const shipped = readdirSync(join(project, 'node_modules/mmucheck/examples'), {
      recursive: true,
      encoding: 'utf8',
    }).filter((f) => f.endsWith('.ts'));
    expect(shipped.length).toBeGreaterThanOrEqual(3);
    for (const file of shipped) {
      const imports = [
        ...readFileSync(join(project, 'node_modules/mmucheck/examples', file), 'utf8').matchAll(
          /^import .* from '([^']+)';$/gm,
        ),
      ].map((m) => m[1]);
      expect(
        imports.filter((i) => i !== 'mmucheck' && !/^\.\/[\w-]+\.js$/.test(i!)),
        file,
      ).toEqual([]);
    }
  });

  it.each(commands.map((c) => [c.command, c] as const))('`%s` prints what the page shows', (command, session) => {
    const [npx, ...args] = command.split(' ');
    const r = spawnSync(npx!, args, {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' },
    });
    expect(r.stderr).toBe('');
    expect(steadyReport(r.stdout)).toBe(steadyReport(session.output));
    expect(r.status).toBe(session.exitCode);
  });
});
