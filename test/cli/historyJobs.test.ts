/**
 * `mmucheck history --jobs N`: the table's runs on a pool of checking workers. The table is the same
 * for any number of jobs and whatever order the runs end in; a run that throws or whose worker
 * exits is an error in its own cells, and the rest of the table goes on; a bad `--jobs` is exit 2.
 */
import { describe, expect, it } from 'vitest';
import { CheckPool } from '../../checker/pool/CheckPool.js';
import { historyExitCode } from '../../cli/commands/historyCommand.js';
import { cellText } from '../../cli/history/historyCells.js';
import { historyJson, historyText } from '../../cli/history/renderHistory.js';
import { historyProgressLine } from '../../cli/history/historyProgress.js';
import { runHistory, type History, type HistoryProgress } from '../../cli/history/runHistory.js';
import { maxWorkers } from '../../cli/defaults.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import type { Scenario } from '../../model/kernel/Scenario.js';
import { runCli } from '../helpers/runCli.js';
import type { JobFailure } from '../fixtures/pool/failingKernelModel.js';

/** The elapsed times, the only part of a history's output that differs between runs. */
const untimed = {
  text: (out: string) => out.replace(/, [\d.]+ s\n$/, ', (time) s\n'),
  json: (out: string) => out.replace(/"elapsedMs": [\d.]+/g, '"elapsedMs": 0'),
};

/** seed-post-patch-lazy: small, with violations (✗ 12, re-run commands) and rows of two runs. */
const SCENARIO = 'seed-post-patch-lazy';

describe('mmucheck history --jobs', () => {
  // The JSON report holds every cell (verdict, length, message, command) and every row's counts, in
  // order; the other formats are functions of the same table (compared in the next test).
  it('prints the same table, cells and commands with --jobs 1 and --jobs 2', async () => {
    const one = await runCli(['history', SCENARIO, '--format', 'json', '--quiet', '--jobs', '1']);
    const two = await runCli(['history', SCENARIO, '--format', 'json', '--quiet', '--jobs', '2']);
    expect([one.code, two.code, one.err, two.err]).toEqual([0, 0, '', '']);
    expect(untimed.json(two.out)).toBe(untimed.json(one.out));
    expect(JSON.parse(two.out).rows[0].cells['no-use-after-free']).toEqual({
      verdict: 'violated',
      length: 12,
      message: expect.any(String),
      command: `mmucheck check ${SCENARIO} --kernel v3.8 --srcu classic --property no-use-after-free`,
    });
  });

  it('puts the table together in row order whatever order the runs end in, and counts every cell done', async () => {
    const scenario = loadScenario(SCENARIO);
    const inOrder = await runHistory(scenario, { scenarioArg: SCENARIO, flags: [], pool: new CheckPool({ jobs: 1 }) });
    // The earlier a run is asked for, the later its summary comes back: the last row ends first.
    const here = new CheckPool({ jobs: 1 });
    let asked = 0;
    const ended: number[] = [];
    const reversing = {
      run: async (job: Parameters<CheckPool['run']>[0]) => {
        const n = asked++;
        const summary = await here.run(job);
        await new Promise((resolve) => setTimeout(resolve, (40 - n) * 3));
        ended.push(n);
        return summary;
      },
    };
    const progress: HistoryProgress[] = [];
    const reversed = await runHistory(scenario, {
      scenarioArg: SCENARIO,
      flags: [],
      pool: reversing,
      onProgress: (p) => progress.push(p),
    });
    expect(ended.slice(0, 3)).toEqual([14, 13, 12]);
    expect(untimed.text(historyText(reversed))).toBe(untimed.text(historyText(inOrder)));
    expect(untimed.json(JSON.stringify(historyJson(reversed), null, 2))).toBe(
      untimed.json(JSON.stringify(historyJson(inOrder), null, 2)),
    );
    // 15 rows of 11 columns; the n/a cells are counted done from the start.
    expect(progress.length).toBe(17);
    expect(progress.map((p) => p.cellsDone)).toEqual([...progress.map((p) => p.cellsDone)].sort((a, b) => a - b));
    expect(progress[0]!.cellsDone).toBeGreaterThan(15 * 2);
    const states = reversed.rows.reduce((sum, r) => sum + r.states, 0);
    expect(states).toBe(1729);
    expect(historyProgressLine(progress.at(-1)!)).toBe('225 of 225 cells done, 0 left (15 of 15 rows), 1,729 states');
  });

  it('reports a run that throws, or whose worker exits, as the error of its own cells; the other rows are decided', async () => {
    const scenario: Scenario = { ...loadScenario(SCENARIO), properties: ['no-use-after-free'] };
    const failures: Record<string, JobFailure> = { 'v3.9': 'throw', 'v3.10': 'exit' };
    const module = new URL('../fixtures/pool/failingKernelModel.ts', import.meta.url).href;
    const pool = new CheckPool({ jobs: 2 });
    let h: History;
    try {
      h = await runHistory(scenario, {
        scenarioArg: SCENARIO,
        flags: [],
        srcus: ['tree'],
        pool,
        modelSource: (s) => ({ module, exportName: 'failingKernelModel', args: [s, failures] }),
      });
    } finally {
      await pool.close();
    }
    expect(h.rows.map((r) => `${r.kernel} ${cellText(r.cells[0]!.verdict)} ${r.states}`)).toEqual([
      'v3.8 ✗ 12 54',
      'v3.9 error 0',
      'v3.10 error 0',
      'v3.17 ok 113',
      'v5.4 ok 96',
      'v5.5 ok 97',
      'v5.10 ok 97',
      'v5.18 ok 97',
      'v6.6 ok 97',
    ]);
    const text = historyText(h);
    expect(text).toContain(
      [
        'errors:',
        '  v3.9 tree (uaf): the check could not run: no model of v3.9, on purpose',
        '  v3.10 tree (uaf): the worker running this check exited (code 70) during the check',
      ].join('\n'),
    );
    expect(text).toContain(
      `  v3.10 tree     error  mmucheck check ${SCENARIO} --kernel v3.10 --srcu tree --property no-use-after-free`,
    );
    expect(historyExitCode(h)).toBe(4);
  });

  it('refuses a --jobs that is not a whole number from 1 to four per CPU with exit 2', async () => {
    for (const [jobs, message] of [
      ['0', 'expected a whole number from 1 to 256, got "0"'],
      ['x', 'expected a whole number from 1 to 256, got "x"'],
      ['-1', 'expected a whole number from 1 to 256, got "-1"'],
      [String(maxWorkers() + 1), `--jobs: ${maxWorkers() + 1} is more than this machine can use`],
    ]) {
      const r = await runCli(['history', SCENARIO, '--jobs', jobs!]);
      expect([r.code, r.out]).toEqual([2, '']);
      expect(r.err).toContain(message);
    }
  });
});
