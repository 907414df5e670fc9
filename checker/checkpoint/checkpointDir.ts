/**
 * A checkpoint directory: one file, `checkpoint.mmc`, replaced atomically. A new checkpoint is
 * written to a temporary file in the same directory, flushed to disk (fsync), then renamed over
 * the old one, and the directory is flushed too: a process killed at any point leaves either the
 * previous checkpoint or the new one, whole. A temporary file left by a killed writer is ignored
 * by readers and replaced by the next writer.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../model/InputError.js';
import {
  CheckpointFormatError,
  decodeCheckpoint,
  encodeCheckpoint,
  type LoadedCheckpoint,
} from './checkpointFormat.js';
import type { RunState } from './RunState.js';
import { holdForTest } from './checkpointTestHold.js';

/** The checkpoint's file name in its directory. */
export const CHECKPOINT_FILE = 'checkpoint.mmc';
/** The temporary file a checkpoint is written to before it replaces the last one. */
export const CHECKPOINT_TEMP_FILE = 'checkpoint.mmc.tmp';

/** What one write of a checkpoint took. */
export interface CheckpointWrite {
  readonly file: string;
  readonly bytes: number;
  readonly ms: number;
}

/** The path of the checkpoint in `dir`. */
export function checkpointPath(dir: string): string {
  return join(dir, CHECKPOINT_FILE);
}

/** Whether `dir` holds a checkpoint file (whole or not: reading it says). */
export function hasCheckpoint(dir: string): boolean {
  try {
    return statSync(checkpointPath(dir)).isFile();
  } catch {
    return false;
  }
}

/** Replaces the checkpoint in `dir` (which must exist) with `manifest` and `state`, atomically. */
export function writeCheckpoint(dir: string, manifest: unknown, state: RunState | undefined): CheckpointWrite {
  const started = performance.now();
  const temp = join(dir, CHECKPOINT_TEMP_FILE);
  const file = checkpointPath(dir);
  const hold = holdForTest();
  hold?.at('before');
  const fd = openSync(temp, 'w', 0o644);
  let bytes: number;
  try {
    let chunks = 0;
    bytes = encodeCheckpoint(manifest, state, (chunk) => {
      if (++chunks === 3 && hold) {
        fsyncSync(fd);
        hold.at('middle');
      }
      for (let at = 0; at < chunk.byteLength; ) at += writeSync(fd, chunk, at);
    });
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  syncDirectory(dir);
  hold?.at('after');
  return { file, bytes, ms: performance.now() - started };
}

/** Reads the checkpoint in `dir`; a missing, truncated or damaged one is bad input naming the file. */
export function readCheckpoint(dir: string): LoadedCheckpoint {
  const file = checkpointPath(dir);
  const kind = entryKind(dir);
  if (kind === 'missing') throw new InputError('no such checkpoint directory', dir);
  if (kind !== 'directory') throw new InputError('is not a directory (a checkpoint directory was expected)', dir);
  if (!hasCheckpoint(dir))
    throw new InputError(
      'holds no checkpoint (the run was stopped before it wrote one, or this is not its directory)',
      file,
    );
  try {
    return readFrom(file);
  } catch (error) {
    if (error instanceof CheckpointFormatError) throw new InputError(`${error.message}; it cannot be resumed`, file);
    throw error;
  }
}

// The file read piece by piece (a checkpoint may be larger than a Buffer can be).
function readFrom(file: string): LoadedCheckpoint {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    return decodeCheckpoint({
      size,
      read(into, position) {
        for (let done = 0; done < into.byteLength; ) {
          const n = readSync(fd, into, done, Math.min(into.byteLength - done, 2 ** 30), position + done);
          if (n === 0) throw new CheckpointFormatError('truncated: it ended while it was read');
          done += n;
        }
      },
    });
  } finally {
    closeSync(fd);
  }
}

function entryKind(path: string): 'missing' | 'directory' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

// The rename is durable only once the directory's entry is on disk.
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
