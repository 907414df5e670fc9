/**
 * The pooled part of `npm run bench`: `mmucheck history` of the two history scenarios and
 * `mmucheck necessity seed`, with `--jobs 1` and `--jobs 2`, each run the built binary in a process
 * of its own (so worker start-up and the process's own start count, as a user sees them), the two
 * alternating round by round. Prints each one's runs and states, the median (and range) of its
 * seconds, of the runs per second and of the speed-up of two jobs over one in the same round, and
 * the load average when each run began. Asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { median, spread } from './spread.js';

const BINARY = fileURLToPath(new URL('../cli/main.js', import.meta.url));
/** A command of many checks, and how its JSON output counts runs and states. */
interface PooledCommand {
  readonly command: 'history' | 'necessity';
  readonly scenario: string;
  readonly count: (json: unknown) => { runs: number; states: number };
}

const historyCount = (json: unknown) => {
  const rows = (json as { rows: { runs: number; states: number }[] }).rows;
  return { runs: rows.reduce((s, r) => s + r.runs, 0), states: rows.reduce((s, r) => s + r.states, 0) };
};
const necessityCount = (json: unknown) => {
  const t = json as { asWritten: { states: number }; rows: { states: number }[] };
  return { runs: t.rows.length + 1, states: t.rows.reduce((s, r) => s + r.states, t.asWritten.states) };
};

const COMMANDS: readonly PooledCommand[] = [
  { command: 'history', scenario: 'examples/history/kvm-reclaim.json', count: historyCount },
  { command: 'history', scenario: 'examples/history/get-put.json', count: historyCount },
  { command: 'necessity', scenario: 'seed', count: necessityCount },
];
const JOBS = [1, 2] as const;

interface HistoryRun {
  readonly seconds: number;
  readonly runs: number;
  readonly states: number;
  /** The one-minute load average when the run began. */
  readonly load: number;
}

function runPooled(c: PooledCommand, jobs: number): HistoryRun {
  const load = loadavg()[0]!;
  const started = performance.now();
  const out = execFileSync(
    process.execPath,
    [BINARY, c.command, c.scenario, '--jobs', String(jobs), '--format', 'json', '--quiet'],
    { encoding: 'utf8', maxBuffer: 16 << 20 },
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds, ...c.count(JSON.parse(out)), load };
}

/** Runs every command `rounds` times with each number of jobs, alternating, and prints the table. */
export function benchPooled(rounds: number): void {
  const header = ['command', 'jobs', 'runs', 'states', 'seconds', 'runs/s', 'speed-up', 'load at start'];
  const rows: string[][] = [];
  for (const c of COMMANDS) {
    const runs: Record<(typeof JOBS)[number], HistoryRun[]> = { 1: [], 2: [] };
    for (let i = 0; i < rounds; i++)
      for (const jobs of JOBS) {
        const run = runPooled(c, jobs);
        runs[jobs].push(run);
        console.error(`  done: ${c.command} ${c.scenario} --jobs ${jobs}: ${run.seconds.toFixed(2)} s`);
      }
    const speedUps = runs[2].map((two, i) => runs[1][i]!.seconds / two.seconds);
    for (const jobs of JOBS) {
      const r = runs[jobs];
      const loads = r.map((x) => x.load);
      rows.push([
        `${c.command} ${c.scenario.replace(/^.*\//, '')}`,
        String(jobs),
        String(r[0]!.runs),
        r[0]!.states.toLocaleString('en-US'),
        spread(
          r.map((x) => x.seconds),
          2,
        ),
        spread(
          r.map((x) => x.runs / x.seconds),
          1,
        ),
        jobs === 2 ? spread(speedUps, 2, 'x') : '',
        `${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} (median ${median(loads).toFixed(2)})`,
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}
