/**
 * Output that cannot be written ends the binary with exit code 5 and one short line on stderr,
 * never with the code of a verdict nobody could read and never with a stack trace: stdout a pipe
 * whose reader is gone (as with `| head -c 1`), stdout /dev/full, and an `--out` file that can no
 * longer be written when the report is ready. An `--out` that cannot be written at all is found
 * before the search (exit 2).
 */
import { existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exitCodes.js';
import { BINARY, binaryBuilt, runCli, startBinary } from '../helpers/runCli.js';

/** Runs the binary and kills it after 20 s; with `closeStdout`, the reading end of its stdout is closed at once. */
async function run(args: readonly string[], options: { closeStdout?: boolean; stdout?: number } = {}) {
  const child = startBinary(args, options.stdout === undefined ? {} : { stdio: ['ignore', options.stdout, 'pipe'] });
  const guard = setTimeout(() => child.signal('SIGKILL'), 20_000);
  if (options.closeStdout) child.closeStdout();
  try {
    return await child.ended;
  } finally {
    clearTimeout(guard);
  }
}

const EPIPE = 'mmucheck: error: the report could not be written: stdout: the reader closed the pipe (EPIPE)\n';
const ENOSPC = 'mmucheck: error: the report could not be written: stdout: no space left on the device (ENOSPC)\n';

describe.runIf(binaryBuilt()).concurrent('stdout that cannot be written', () => {
  it("a closed pipe: exit 5 instead of the violation's 1, one line, no stack trace", async () => {
    const r = await run(['check', 'eager-free', '--quiet'], { closeStdout: true });
    expect([r.code, r.err]).toEqual([EXIT.outputFailed, EPIPE]);
  });

  it('a closed pipe: exit 5 instead of 0 for a run whose properties hold', async () => {
    const r = await run(['check', 'seed', '--quiet', '--format', 'json'], { closeStdout: true });
    expect([r.code, r.err]).toEqual([EXIT.outputFailed, EPIPE]);
  });

  it("/dev/full: exit 5 instead of the violation's 1", async () => {
    const r = await run(['check', 'eager-free', '--quiet'], { stdout: openSync('/dev/full', 'w') });
    expect([r.code, r.err]).toEqual([EXIT.outputFailed, ENOSPC]);
  });

  it('/dev/full: exit 5 for scenarios and explain too, and --debug adds the stack', async () => {
    expect((await run(['scenarios'], { stdout: openSync('/dev/full', 'w') })).code).toBe(EXIT.outputFailed);
    const r = await run(['--debug', 'explain', 'eager-free', '--quiet'], { stdout: openSync('/dev/full', 'w') });
    expect(r.code).toBe(EXIT.outputFailed);
    expect(r.err).toMatch(
      /^mmucheck: error: the report could not be written: stdout: no space left on the device \(ENOSPC\)\n.*ENOSPC.*\n\s+at /,
    );
  });
});

describe('an --out file that fails when the report is written', () => {
  it('exits 5, not the verdict, with one line naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmucheck-out-'));
    const file = join(dir, 'report.json');
    // The directory is there when --out is checked and gone when the report is ready.
    let polls = 0;
    const r = await runCli(
      ['check', 'eager-free', '--workers', '1', '--format', 'json', '--out', file, '--quiet'],
      () => {
        if (polls++ === 0) rmSync(dir, { recursive: true, force: true });
        return false;
      },
    );
    expect(polls).toBeGreaterThan(0);
    expect([r.code, r.out, r.err]).toEqual([
      EXIT.outputFailed,
      '',
      `mmucheck: error: ${file}: --out: the report could not be written: no such directory\n`,
    ]);
    expect(existsSync(file)).toBe(false);
  });

  it('is refused before the search (exit 2) when its directory is missing from the start', async () => {
    const file = join(tmpdir(), 'mmucheck-no-such-dir', 'report.json');
    let polls = 0;
    const r = await runCli(['check', 'eager-free', '--workers', '1', '--out', file, '--quiet'], () => (polls++, false));
    expect([r.code, r.out, polls]).toEqual([EXIT.badInput, '', 0]);
    expect(r.err).toBe(`mmucheck: error: ${file}: --out: cannot write the report: no such directory\n`);
  });
});

describe.skipIf(binaryBuilt())('stdout that cannot be written', () => {
  it(`is skipped: ${BINARY} is missing (npm test builds it; or run npm run build)`, () => {});
});
