/**
 * No way to make mmucheck exit 0 on a run that did not finish or that failed: every bound, with
 * one worker, two workers and in exact mode, ends the run as incomplete (exit 3), also when the bound
 * is exactly the size of the space; an interrupt does too; a worker that cannot build its model,
 * exits during the search or whose model throws ends the run as a model error (exit 4), never a
 * hang and never a pass. Runs that do finish within their bounds still exit 0, so the bounds are
 * not simply refusing everything. (check.test.ts covers the plain one-worker bounds, signals.test.ts
 * real signals sent to the binary.)
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import type { Outcome } from '../../checker/Outcome.js';
import { exitCodeOf } from '../../cli/exitCodes.js';
import { faultyCounter, type WorkerFault } from '../fixtures/faults/workerFaults.js';
import { expectModelError } from '../helpers/expect.js';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';

/** The exit code and the verdict and reason of the JSON report of `check <args>`. */
async function ending(
  args: readonly string[],
  interrupted?: () => boolean,
): Promise<{ code: number; verdict: string; reason: string | null }> {
  const r = await runCli(['check', ...args, '--quiet', '--format', 'json'], interrupted);
  const report = JSON.parse(r.out) as { verdict: string; reason: string | null };
  return { code: r.code, verdict: report.verdict, reason: report.reason };
}

const incomplete = (reason: string) => ({ code: 3, verdict: 'incomplete', reason });
const OK = { code: 0, verdict: 'ok', reason: null };

describe('bounds: exit 3 unless the whole space was explored (seed: 707 states, depth 34)', () => {
  const cases: [string, readonly string[], ReturnType<typeof incomplete> | typeof OK][] = [
    ['--max-states equal to the number of states', ['--max-states', '707'], incomplete('maxStates')],
    ['--max-states one above it', ['--max-states', '708'], OK],
    ['--max-depth one below the depth', ['--max-depth', '33'], incomplete('maxDepth')],
    ['--max-depth equal to the depth', ['--max-depth', '34'], OK],
    ['--max-memory below what the process already uses', ['--max-memory', '1M'], incomplete('memory')],
  ];
  for (const [what, flags, expected] of cases) {
    for (const mode of [['--workers', '1'], ['--workers', '2'], ['--exact']]) {
      it(`${what} (${mode.join(' ')}): ${expected.code === 0 ? 'exit 0, the space fits' : `exit 3, ${expected.reason}`}`, async () => {
        expect(await ending(['seed', ...flags, ...mode])).toEqual(expected);
      });
    }
  }

  it('--timeout on a long run, with two workers and in exact mode', async () => {
    expect(await ending(['seed', '--readers', '4', '--no-symmetry', '--timeout', '200ms', '--workers', '2'])).toEqual(
      incomplete('timeout'),
    );
    expect(await ending(['seed', '--readers', '4', '--no-symmetry', '--timeout', '200ms', '--exact'])).toEqual(
      incomplete('timeout'),
    );
  });
});

describe('an interrupt: exit 3', () => {
  for (const mode of [['--workers', '2'], ['--exact']]) {
    it(`during a long run (${mode.join(' ')})`, async () => {
      expect(await ending(['seed', '--readers', '4', '--no-symmetry', ...mode], () => true)).toEqual(
        incomplete('interrupted'),
      );
    });
  }
});

describe('a broken worker: a model error naming the worker (exit 4), never a hang or a pass', () => {
  const source = (fault: WorkerFault) => ({
    module: pathToFileURL(join(REPO_ROOT, 'test', 'fixtures', 'faults', 'workerFaults.ts')).href,
    exportName: 'faultyCounter',
    args: [fault],
  });
  const cases: [WorkerFault, string, RegExp][] = [
    ['build', 'cannot build its model', /^worker 1 could not build the model: this model cannot be built in a worker$/],
    ['exit', 'exits in the middle of a step', /^worker [12] exited \(code 0\) during the search$/],
    ['throw', 'runs a model step that throws', /^step from 50 failed in a worker$/],
  ];
  for (const [fault, what, message] of cases) {
    it(`a worker that ${what}`, async () => {
      const started = performance.now();
      const outcome = (await checkWithWorkers(faultyCounter(fault), source(fault), { workers: 2 })) as Outcome<
        unknown,
        unknown
      >;
      expectModelError(outcome, message);
      expect(exitCodeOf(outcome.kind)).toBe(4);
      expect(performance.now() - started).toBeLessThan(20_000);
    });
  }

  it('the same model is sound on the coordinating thread: 200 states, all properties hold', async () => {
    const outcome = await checkWithWorkers(faultyCounter('exit'), undefined, { workers: 2 });
    expect({ kind: outcome.kind, distinct: outcome.stats.distinct }).toEqual({ kind: 'ok', distinct: 200 });
  });
});
