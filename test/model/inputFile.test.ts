/**
 * Every input file is stat'ed before it is opened and refused unless it is a regular file within
 * its kind's size cap: a FIFO, a device, a socket or a directory is named for what it is, a file
 * above the cap gives its size and the cap, and a symlink to a regular file is read through.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUT_FILES, readInputFile, showBytes, statInputFile } from '../../model/inputFile.js';

const dir = mkdtempSync(join(tmpdir(), 'mmucheck-input-'));
const fifo = join(dir, 'scenario.fifo.json');
execFileSync('mkfifo', [fifo]);

describe('readInputFile', () => {
  it('reads a regular file, and one behind a symlink', () => {
    const file = join(dir, 'plain.json');
    writeFileSync(file, '{"a": 1}');
    symlinkSync(file, join(dir, 'link.json'));
    expect(readInputFile(file, 'scenario')).toBe('{"a": 1}');
    expect(readInputFile(join(dir, 'link.json'), 'scenario')).toBe('{"a": 1}');
  });

  // Without the stat, each of these would block the test for ever (a FIFO with no writer) or read without end (/dev/zero).
  it.each([
    [fifo, 'is a FIFO (named pipe); expected a scenario file (JSON)'],
    ['/dev/zero', 'is a character device; expected a scenario file (JSON)'],
    [dir, 'is a directory; expected a scenario file (JSON)'],
  ])('refuses %s without opening it', (path, message) => {
    expect(() => readInputFile(path, 'scenario')).toThrow(`${path}: ${message}`);
  });

  it('refuses a socket', async () => {
    const path = join(dir, 'sock');
    const server = createServer();
    await new Promise<void>((done) => server.listen(path, done));
    try {
      expect(() => readInputFile(path, 'trace')).toThrow(
        `${path}: is a socket; expected an ITF trace written by mmucheck check --format itf`,
      );
    } finally {
      server.close();
    }
  });

  it('refuses a file one byte above the cap, naming its size and the cap; a file at the cap is read', () => {
    const cap = INPUT_FILES.scenario.maxBytes;
    const file = join(dir, 'big.json');
    writeFileSync(file, '');
    truncateSync(file, cap);
    expect(readInputFile(file, 'scenario')).toHaveLength(cap);
    truncateSync(file, cap + 1);
    expect(() => readInputFile(file, 'scenario')).toThrow(
      `${file}: is 1.0 MiB (1,048,577 bytes); a scenario file may be at most 1 MiB`,
    );
  });

  it('names a missing file as the kind asks', () => {
    expect(() => readInputFile(join(dir, 'none.json'), 'scenario')).toThrow(
      'none.json: cannot read the scenario file: no such file',
    );
    expect(() => statInputFile(join(dir, 'none.ts'), 'model', './none.ts')).toThrow(/^\.\/none\.ts: no such file$/);
  });
});

describe('the caps', () => {
  it('are 1 MiB for scenario files, 64 MiB for traces and 4 MiB for model files (as the README says)', () => {
    expect([INPUT_FILES.scenario, INPUT_FILES.trace, INPUT_FILES.model].map((k) => showBytes(k.maxBytes))).toEqual([
      '1 MiB',
      '64 MiB',
      '4 MiB',
    ]);
  });
});
