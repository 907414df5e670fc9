/**
 * The `--out` file of `check`: checked before the search (its directory exists and is writable,
 * and the path, if it exists, is a regular file), so that a run of minutes is not lost to a typo;
 * and written after it, without ever blocking on a FIFO, a failure being an OutputError (exit 5).
 */
import { accessSync, closeSync, constants, fstatSync, openSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../../model/InputError.js';
import { fileTypeOf } from '../../model/inputFile.js';
import { OutputError, outputFailureReason } from '../OutputError.js';

function refuse(path: string, why: string, flag: string): never {
  throw new InputError(`cannot write the report: ${why}`, path, flag);
}

function statOrUndefined(path: string, flag: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return refuse(path, 'no such directory (a part of the path is not a directory)', flag);
    return refuse(path, outputFailureReason(e), flag);
  }
}

function writable(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses (InputError, exit 2) a report path (`--out`, or a `--report` file: `flag`) the report
 * could not be written to; called before the search.
 */
export function requireWritableOut(path: string, flag = '--out'): void {
  const stats = statOrUndefined(path, flag);
  if (stats !== undefined) {
    const type = fileTypeOf(stats);
    if (type !== undefined) refuse(path, `is ${type}, not a regular file`, flag);
    if (!writable(path, constants.W_OK)) refuse(path, 'permission denied', flag);
    return;
  }
  const dir = statOrUndefined(dirname(resolve(path)), flag);
  if (dir === undefined) refuse(path, 'no such directory', flag);
  if (!dir.isDirectory()) refuse(path, 'no such directory (a part of the path is not a directory)', flag);
  if (!writable(dirname(resolve(path)), constants.W_OK | constants.X_OK)) refuse(path, 'permission denied', flag);
}

/** Writes the report to `path`; any failure is an OutputError (exit 5): the verdict is not reported when its report is lost. */
export function writeReportFile(path: string, text: string, flag = '--out'): void {
  const lost = (why: string) => new OutputError(`${path}: ${flag}: the report could not be written: ${why}`);
  let fd: number | undefined;
  try {
    // O_NONBLOCK: a FIFO put in the file's place since the check makes the open fail (ENXIO) instead of waiting for a reader.
    fd = openSync(
      path,
      constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NONBLOCK ?? 0),
      0o666,
    );
    const type = fileTypeOf(fstatSync(fd));
    if (type !== undefined) throw lost(`it is ${type}, not a regular file`);
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    const written = fd;
    fd = undefined;
    closeSync(written); // a file system may report a failed write only here
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    throw e instanceof OutputError ? e : lost(outputFailureReason(e));
  }
}
