/**
 * Long runs with a checkpoint at every level, killed with SIGKILL wherever they are once they
 * have written a number of checkpoints (in a level or in a write), or interrupted with SIGINT,
 * then resumed on another number of workers: the report is that of a run never stopped. Resumed
 * runs are killed and resumed again.
 */
import { describe, expect, it } from 'vitest';
import { binaryBuilt, runCli, startBinary } from '../helpers/runCli.js';
import { checkpointDir, comparable } from '../helpers/checkpointRuns.js';

// 42,155 states in 42 levels.
const SCENARIO = ['seed', '--readers', '3', '--no-liveness'];

/** Starts a run (check or resume) with checkpoints at every level, and ends it with `signal` once it has written `after` of them. */
async function stopAfterCheckpoints(args: readonly string[], after: number, signal: NodeJS.Signals) {
  const run = startBinary([...args, '--checkpoint-every', '0', '--format', 'json']);
  const guard = setTimeout(() => run.signal('SIGKILL'), 120_000);
  try {
    while ((run.err().match(/^checkpoint: /gm) ?? []).length < after) {
      const ended = await Promise.race([run.ended.then(() => true), new Promise((r) => setTimeout(r, 5, false))]);
      if (ended) throw new Error(`the run ended before ${after} checkpoints: ${run.err()}`);
    }
    run.signal(signal);
    return await run.ended;
  } finally {
    clearTimeout(guard);
  }
}

describe.runIf(binaryBuilt())('long runs stopped and resumed', () => {
  const whole = runCli(['check', ...SCENARIO, '--workers', '1', '--format', 'json', '--quiet']).then((r) =>
    comparable(r.out),
  );

  /** Resumes the run in `dir` to its end on `workers`, and compares its report with the run never stopped. */
  async function resumeToTheEnd(dir: string, workers: number) {
    const resumed = await runCli(['resume', dir, '--workers', String(workers), '--format', 'json', '--quiet']);
    expect(resumed.code, resumed.err).toBe(0);
    expect(comparable(resumed.out)).toEqual(await whole);
  }

  /** A new run of the scenario with checkpoints in a new directory, on `workers`, stopped with `signal` after `after` of them. */
  async function stoppedRun(workers: number, after: number, signal: NodeJS.Signals) {
    const dir = checkpointDir();
    const check = ['check', ...SCENARIO, '--workers', String(workers), '--checkpoint', dir];
    return { dir, stopped: await stopAfterCheckpoints(check, after, signal) };
  }

  it('killed on two workers after 10 checkpoints, resumed on one, killed again, resumed on two', async () => {
    const { dir, stopped: first } = await stoppedRun(2, 10, 'SIGKILL');
    expect(first.signal).toBe('SIGKILL');
    const second = await stopAfterCheckpoints(['resume', dir, '--workers', '1'], 15, 'SIGKILL');
    expect(second.signal).toBe('SIGKILL');
    await resumeToTheEnd(dir, 2);
  });

  it('killed on one worker after 25 checkpoints, resumed on two', async () => {
    const { dir } = await stoppedRun(1, 25, 'SIGKILL');
    await resumeToTheEnd(dir, 2);
  });

  it('interrupted with SIGINT on two workers: exit 3 and a checkpoint of where it stopped; resumed on one', async () => {
    const { dir, stopped } = await stoppedRun(2, 12, 'SIGINT');
    expect([stopped.code, JSON.parse(stopped.out).reason]).toEqual([3, 'interrupted']);
    // The checkpoint written as it stopped follows the twelve of its levels.
    expect((stopped.err.match(/^checkpoint: /gm) ?? []).length).toBeGreaterThan(12);
    await resumeToTheEnd(dir, 1);
  });
});
