/**
 * Every file the command line reads goes through here: scenario files, saved traces for `replay`,
 * and model files for `check ./model.ts`. A path is stat'ed before it is opened, because opening a
 * FIFO with no writer blocks for ever and a device such as /dev/zero never ends: anything but a
 * regular file (symlinks are followed) is refused, and so is a file above its kind's size cap. The
 * file is then opened without blocking and checked again, so a path swapped for a FIFO in between
 * cannot hang the read either, and it is read up to the cap and no further.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { InputError } from './InputError.js';

/** What each kind of input file is called in messages, and the most it may hold (README, "Limits"). */
export const INPUT_FILES = {
  scenario: {
    noun: 'scenario file',
    cannotRead: 'cannot read the scenario file: ',
    expected: 'a scenario file (JSON)',
    maxBytes: 2 ** 20,
  },
  trace: {
    noun: 'trace file',
    cannotRead: 'cannot read the trace file: ',
    expected: 'an ITF trace written by mmucheck check --format itf',
    maxBytes: 64 * 2 ** 20,
  },
  model: { noun: 'model file', cannotRead: '', expected: 'a model file (.ts, .mts, .js, .mjs)', maxBytes: 4 * 2 ** 20 },
} as const;

/** A kind of input file. */
export type InputFileKind = keyof typeof INPUT_FILES;

/** What a path is when it is not a regular file, in words. */
export function fileTypeOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A size in bytes for a message: 4 MiB, 1.5 GiB, 812 bytes. */
export function showBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let n = bytes;
  while (n >= 1024 && i < units.length - 1) [n, i] = [n / 1024, i + 1];
  return i === 0 ? `${n} bytes` : `${Number.isInteger(n) ? n : n.toFixed(1)} ${units[i]}`;
}

/** The message for a failed stat, open or read. */
function whyNot(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'no such file (a part of the path is not a directory)';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return (e as Error).message;
}

/** Refuses `stats` unless they are a regular file within the kind's cap. */
function requireRegular(stats: Stats, path: string, kind: InputFileKind): void {
  const { noun, expected, maxBytes } = INPUT_FILES[kind];
  const type = fileTypeOf(stats);
  if (type !== undefined) throw new InputError(`is ${type}; expected ${expected}`, path);
  if (stats.size > maxBytes)
    throw new InputError(
      `is ${showBytes(stats.size)} (${stats.size.toLocaleString('en-US')} bytes); a ${noun} may be at most ${showBytes(maxBytes)}`,
      path,
    );
}

/**
 * Checks, without opening it, that `path` is a regular file of at most the kind's cap; returns its
 * stats. Throws InputError naming the file as `shownAs`: `cannot read the scenario file: no such
 * file`, `is a FIFO (named pipe); expected a scenario file (JSON)`, `is 7.0 GiB (7,516,192,768 bytes); a scenario file may be at most 1 MiB`.
 */
export function statInputFile(path: string, kind: InputFileKind, shownAs: string = path): Stats {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    throw new InputError(`${INPUT_FILES[kind].cannotRead}${whyNot(e)}`, shownAs);
  }
  requireRegular(stats, shownAs, kind);
  return stats;
}

/** Reads at most `maxBytes + 1` bytes of the open file: one more than allowed shows that it grew past the cap. */
function readCapped(fd: number, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(2 ** 20, maxBytes + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks, total);
}

/** Reads an input file of `kind` as UTF-8, after the checks of `statInputFile`; errors are InputError naming the file. */
export function readInputFile(path: string, kind: InputFileKind): string {
  const { noun, cannotRead, maxBytes } = INPUT_FILES[kind];
  statInputFile(path, kind);
  let fd: number;
  try {
    // O_NONBLOCK: if the path became a FIFO since the stat, the open returns at once and the check below refuses it.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputError(`${cannotRead}${whyNot(e)}`, path);
  }
  try {
    requireRegular(fstatSync(fd), path, kind);
    const bytes = readCapped(fd, maxBytes);
    if (bytes.length > maxBytes)
      throw new InputError(
        `grew past ${showBytes(maxBytes)} while it was read; a ${noun} may be at most ${showBytes(maxBytes)}`,
        path,
      );
    return bytes.toString('utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${cannotRead}${whyNot(e)}`, path);
  } finally {
    closeSync(fd);
  }
}
