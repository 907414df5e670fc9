/**
 * Inputs that used to hang the binary: a FIFO with no writer, a character device, or /dev/stdin on
 * a pipe that stays open, given as a scenario, a trace, a model file or `--out`. Each one now ends
 * at once with exit 2 and one message naming the file and what it is; none reaches the search.
 * The binary runs in a child process, killed after 10 s, so a hang fails the test instead of
 * blocking the suite.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync } from 'node:fs';
import type { SpawnOptions } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINARY, binaryBuilt, startBinary } from '../helpers/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'mmucheck-fifo-'));
const fifo = (name: string) => {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
};
const scenarioFifo = fifo('scenario.json');
const traceFifo = fifo('trace.itf.json');
const modelFifo = fifo('model.ts');
const outFifo = fifo('report.txt');

/** A FIFO held open for reading and writing: as stdin, a pipe whose writer never closes it. */
const openPipe = openSync(fifo('stdin'), 'r+');

/** Runs the binary, by default with stdin a socket that is never closed; kills it after 10 s. */
async function runBounded(args: readonly string[], options: SpawnOptions = {}) {
  const run = startBinary(args, options);
  const guard = setTimeout(() => run.signal('SIGKILL'), 10_000);
  const startedAt = performance.now();
  try {
    const ended = await run.ended;
    return { ...ended, ms: performance.now() - startedAt };
  } finally {
    clearTimeout(guard);
  }
}

describe
  .runIf(binaryBuilt())
  .concurrent('an input that is not a regular file ends at once with exit 2 naming it', () => {
    it.each([
      [['check', scenarioFifo], `${scenarioFifo}: is a FIFO (named pipe); expected a scenario file (JSON)`],
      [['check', '/dev/zero'], '/dev/zero: is a character device; expected a scenario file (JSON)'],
      [['check', '/dev/stdin'], '/dev/stdin: is a socket; expected a scenario file (JSON)'],
      [['explain', scenarioFifo], `${scenarioFifo}: is a FIFO (named pipe)`],
      [['history', '/dev/zero'], '/dev/zero: is a character device'],
      [
        ['replay', traceFifo],
        `${traceFifo}: is a FIFO (named pipe); expected an ITF trace written by mmucheck check --format itf`,
      ],
      [['replay', '/dev/zero'], '/dev/zero: is a character device'],
      [['check', modelFifo], `${modelFifo}: is a FIFO (named pipe); expected a model file (.ts, .mts, .js, .mjs)`],
      [
        ['check', 'eager-free', '--out', outFifo],
        `${outFifo}: --out: cannot write the report: is a FIFO (named pipe), not a regular file`,
      ],
      [
        ['check', 'eager-free', '--out', '/dev/zero'],
        '/dev/zero: --out: cannot write the report: is a character device, not a regular file',
      ],
      [
        ['check', 'eager-free', '--out', '/dev/stdin'],
        '/dev/stdin: --out: cannot write the report: is a socket, not a regular file',
      ],
      [
        ['check', 'eager-free', '--out', dir],
        `${dir}: --out: cannot write the report: is a directory, not a regular file`,
      ],
    ])('%j', async (args, message) => {
      const r = await runBounded(args);
      expect(r.code, `${r.signal} after ${r.ms} ms\n${r.err}`).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`mmucheck: error: ${message}`);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    });

    it.each([
      [['check', '/dev/stdin'], '/dev/stdin: is a FIFO (named pipe); expected a scenario file (JSON)'],
      [['replay', '/dev/stdin'], '/dev/stdin: is a FIFO (named pipe); expected an ITF trace'],
      [
        ['check', 'eager-free', '--out', '/dev/stdin'],
        '/dev/stdin: --out: cannot write the report: is a FIFO (named pipe), not a regular file',
      ],
    ])('%j with stdin an open pipe', async (args, message) => {
      const r = await runBounded(args, { stdio: [openPipe, 'pipe', 'pipe'] });
      expect(r.code, `${r.signal} after ${r.ms} ms\n${r.err}`).toBe(2);
      expect(r.err).toContain(`mmucheck: error: ${message}`);
    });

    // seed with 5 readers searches for minutes: the missing directory must be found before the search starts.
    it('--out into a missing directory is refused before the search: exit 2 within seconds, no verdict, no progress', async () => {
      const out = join(dir, 'no-such-dir', 'report.json');
      const r = await runBounded([
        'check',
        'seed',
        '--readers',
        '5',
        '--workers',
        '1',
        '--format',
        'json',
        '--out',
        out,
      ]);
      expect(r.code, `${r.signal} after ${r.ms} ms\n${r.err}`).toBe(2);
      expect(r.ms).toBeLessThan(5000);
      expect(r.out).toBe('');
      expect(r.err).toBe(`mmucheck: error: ${out}: --out: cannot write the report: no such directory\n`);
    });
  });

describe.skipIf(binaryBuilt())('inputs that are not regular files', () => {
  it(`are skipped: ${BINARY} is missing (npm test builds it; or run npm run build)`, () => {});
});
