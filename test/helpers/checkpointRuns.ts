/**
 * Runs with checkpoints, for the tests that kill them: the built binary started with a checkpoint
 * directory and SIGKILLed at a chosen point of a chosen checkpoint write (MMUCHECK_CHECKPOINT_HOLD),
 * and the comparable face of a JSON report (everything but time and memory).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBinary } from './runCli.js';

/** A new empty directory for a test's checkpoints. */
export function checkpointDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'mmucheck-checkpoint-')), 'run');
}

/**
 * Starts `mmucheck check ARGS --checkpoint DIR`, holds its `write`-th checkpoint write at `phase`
 * (`before`, `middle`, `after`), and kills it there with SIGKILL; resolves once it is dead.
 */
export async function killAtCheckpoint(args: readonly string[], dir: string, write: number, phase: string) {
  const run = startBinary(['check', ...args, '--checkpoint', dir, '--format', 'json'], {
    env: { ...process.env, NO_COLOR: '1', MMUCHECK_CHECKPOINT_HOLD: `${write}:${phase}` },
  });
  const guard = setTimeout(() => run.signal('SIGKILL'), 30_000);
  try {
    const held = `checkpoint hold: write ${write}, ${phase}`;
    while (!run.err().includes(held)) {
      if (await Promise.race([run.ended.then(() => true), sleep(20).then(() => false)]))
        throw new Error(`the run ended before its checkpoint write ${write} (${phase}): ${run.err()}`);
    }
    run.signal('SIGKILL');
    return await run.ended;
  } finally {
    clearTimeout(guard);
  }
}

/** A JSON report without what depends on time, memory, or the fingerprint bits of the seen set (collision odds). */
export function comparable(json: string): unknown {
  const report = JSON.parse(json) as { stats: Record<string, unknown> };
  const { elapsedMs, storeBytes, statesPerSecond, collisionProbability, ...stats } = report.stats;
  return { ...report, stats };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
