/**
 * The `--out` file: refused before the search unless the report can be written there (exit 2), and
 * written after it without ever blocking; a failed write is an OutputError (exit 5).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireWritableOut, writeReportFile } from '../../../cli/formats/reportFile.js';
import { OutputError } from '../../../cli/OutputError.js';
import { InputError } from '../../../model/InputError.js';

const dir = mkdtempSync(join(tmpdir(), 'mmucheck-report-file-'));
const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const plain = join(dir, 'plain.txt');
writeFileSync(plain, 'old');

describe('requireWritableOut', () => {
  it('accepts a new file in a writable directory and an existing regular file', () => {
    expect(() => requireWritableOut(join(dir, 'new.json'))).not.toThrow();
    expect(() => requireWritableOut(plain)).not.toThrow();
  });

  it.each([
    [join(dir, 'missing', 'r.json'), 'cannot write the report: no such directory'],
    [join(plain, 'r.json'), 'cannot write the report: no such directory (a part of the path is not a directory)'],
    [dir, 'cannot write the report: is a directory, not a regular file'],
    [fifo, 'cannot write the report: is a FIFO (named pipe), not a regular file'],
    ['/dev/null', 'cannot write the report: is a character device, not a regular file'],
  ])('refuses %s: %s', (path, message) => {
    expect(() => requireWritableOut(path)).toThrow(InputError);
    expect(() => requireWritableOut(path)).toThrow(`${path}: --out: ${message}`);
  });
});

describe('writeReportFile', () => {
  it('replaces the file with the report', () => {
    writeReportFile(plain, 'report\n');
    expect(readFileSync(plain, 'utf8')).toBe('report\n');
  });

  // Without O_NONBLOCK this open would wait for a reader for ever.
  it('fails at once on a FIFO with no reader, as an OutputError', () => {
    expect(() => writeReportFile(fifo, 'report\n')).toThrow(
      new OutputError(`${fifo}: --out: the report could not be written: is a FIFO with no reader (ENXIO)`),
    );
  });

  it("fails on a missing directory and on a device put in the file's place, as an OutputError", () => {
    expect(() => writeReportFile(join(dir, 'missing', 'r.json'), 'x')).toThrow(
      new OutputError(`${join(dir, 'missing', 'r.json')}: --out: the report could not be written: no such directory`),
    );
    expect(() => writeReportFile('/dev/full', 'x')).toThrow(
      new OutputError(
        '/dev/full: --out: the report could not be written: it is a character device, not a regular file',
      ),
    );
  });
});
