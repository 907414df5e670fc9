/**
 * The checkpoints of one run in its directory (`--checkpoint DIR`): a first one before the search,
 * holding only the run's manifest (a run killed before its first level boundary is resumed from
 * the start), then one at the first level boundary after each `--checkpoint-every`, and one when
 * the run stops short. A checkpoint that cannot be written is said on stderr and the run goes on:
 * the last one written stays in the directory, whole.
 */
import { mkdirSync, statSync } from 'node:fs';
import { checkpointPath, hasCheckpoint, writeCheckpoint } from '../../checker/checkpoint/checkpointDir.js';
import type { LevelCheckpoints, RunState } from '../../checker/checkpoint/RunState.js';
import { InputError } from '../../model/InputError.js';
import type { Io } from '../Io.js';
import type { RunManifest } from './RunManifest.js';

/** The default of --checkpoint-every: ten minutes. */
export const DEFAULT_CHECKPOINT_EVERY_MS = 10 * 60_000;

/** Writes a run's checkpoints to `dir`. */
export class DirCheckpoints implements LevelCheckpoints {
  private lastMs = performance.now();
  // Set once the model is built (its digest is part of it), before the search.
  private manifest: RunManifest | undefined;

  constructor(
    private readonly dir: string,
    private readonly everyMs: number,
    private readonly io: Io,
    private readonly quiet: boolean,
  ) {}

  /** Whether --checkpoint-every has passed since the last checkpoint. */
  due(): boolean {
    return performance.now() - this.lastMs >= this.everyMs;
  }

  /** The manifest every checkpoint of the run holds. */
  use(manifest: RunManifest): void {
    this.manifest = manifest;
  }

  /** Writes the first checkpoint, the manifest alone; a directory it cannot be written to is bad input. */
  start(): void {
    try {
      writeCheckpoint(this.dir, this.manifest, undefined);
    } catch (error) {
      throw new InputError(
        `cannot write a checkpoint in ${this.dir}: ${(error as Error).message}`,
        undefined,
        '--checkpoint',
      );
    }
    this.lastMs = performance.now();
  }

  /** Writes `state` over the last checkpoint. */
  save(state: RunState): void {
    this.io.guard?.checkpointing?.(true);
    try {
      if (this.manifest === undefined) throw new Error('no manifest');
      const written = writeCheckpoint(this.dir, this.manifest, state);
      if (!this.quiet) {
        const { distinct, depth, count } = state.level;
        this.io.err(
          `checkpoint: ${distinct.toLocaleString('en-US')} states, ${count.toLocaleString('en-US')} to expand at depth ${depth}, ` +
            `${(written.bytes / 2 ** 20).toFixed(1)} MiB in ${(written.ms / 1000).toFixed(2)} s: ${written.file}\n`,
        );
      }
    } catch (error) {
      this.io.err(
        `mmucheck: warning: cannot write a checkpoint in ${this.dir}: ${(error as Error).message}; the run goes on, and the last checkpoint written stays\n`,
      );
    } finally {
      this.io.guard?.checkpointing?.(false);
      this.lastMs = performance.now();
    }
  }
}

/** Makes `dir` ready for a new run's checkpoints: created if missing, and holding none of another run. */
export function prepareCheckpointDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new InputError(`cannot create the directory ${dir}: ${(error as Error).message}`, undefined, '--checkpoint');
  }
  if (!statSync(dir).isDirectory()) throw new InputError(`${dir} is not a directory`, undefined, '--checkpoint');
  if (hasCheckpoint(dir))
    throw new InputError(
      `already holds a checkpoint; \`mmucheck resume ${dir}\` continues its run, or remove it (or choose another directory) to start a new one`,
      checkpointPath(dir),
    );
}
