/**
 * `npm run bench`: the `seed` scenario scaled up (readers, listeners), each configuration with 1
 * and 2 workers in a process of its own. Prints distinct and generated states, depth, seconds,
 * distinct states per second, the speed-up of two workers over one, peak RSS (in all and per
 * distinct state) and the seen set's and trace links' bytes per distinct state. Asserts nothing.
 * The last configuration is the 12-million-state one of the peer benchmark (about a minute for
 * both runs), where the workers' start and warm-up no longer weigh on the speed-up;
 * `npm run bench -- --quick` leaves it out. `-- --repeat N` runs each configuration N times, one worker and two alternately, and prints the
 * median (and the range) of the seconds and of the speed-ups of each pair: on a machine shared with
 * others, run-to-run changes of 10–20% are common, and pairs run close together are compared
 * under the most similar conditions. Then `history` of the two history scenarios and `necessity
 * seed` with `--jobs 1` and `--jobs 2` (pooledBench.ts), as many rounds; `-- --history-only` runs
 * only that part. Then simulation steps per second on the seed with 12 readers and 4 listeners, and the walks
 * `simulate lazy-with-reader` needs (simulateBench.ts); `-- --simulate-only` runs only that part.
 * The first table stores every state (`no-symmetry`), so its figures measure the search itself;
 * the second is symmetry reduction (one state per orbit of interchangeable readers) on the seed
 * with 4 to 8 readers and with 4 readers and 3 listeners, beside the unreduced count where the first
 * table has it (the reduction factor); `-- --symmetry-only` runs only that part.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchPooled } from './pooledBench.js';
import { benchSimulate } from './simulateBench.js';
import { median, spread } from './spread.js';

interface Row {
  readers: number;
  listeners: number;
  workers: number;
  verdict: string;
  distinct: number;
  generated: number;
  depth: number;
  seconds: number;
  statesPerSecond: number;
  peakRssMb: number;
  storeBytesPerState: number;
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const historyOnly = args.includes('--history-only');
const simulateOnly = args.includes('--simulate-only');
const symmetryOnly = args.includes('--symmetry-only');
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 1;
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`bench: --repeat takes a whole number of runs of at least 1, not ${args[repeatAt + 1] ?? 'nothing'}`);
  process.exit(2);
}
const FLAGS = ['--quick', '--history-only', '--simulate-only', '--symmetry-only', '--repeat'];
const unknown = args.filter((a, i) => !FLAGS.includes(a) && (repeatAt < 0 || i !== repeatAt + 1));
if (unknown.length > 0) {
  const hint = unknown.includes('--large')
    ? ' (the 12-million-state configuration is run by default now; --quick leaves it out)'
    : '';
  console.error(
    `bench: unknown argument ${unknown[0]}${hint}; usage: npm run bench -- [--quick] [--history-only | --simulate-only | --symmetry-only] [--repeat N]`,
  );
  process.exit(2);
}
const configs: [readers: number, listeners: number][] =
  historyOnly || simulateOnly || symmetryOnly
    ? []
    : [[3, 1], [2, 2], [4, 1], [5, 1], ...(quick ? [] : ([[4, 3]] as [number, number][]))];
const runner = fileURLToPath(new URL('./benchRun.js', import.meta.url));

function run(readers: number, listeners: number, workers: number, symmetry = false): Row {
  const argv = [runner, String(readers), String(listeners), String(workers), ...(symmetry ? [] : ['no-symmetry'])];
  const out = execFileSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as Row;
}

const header = [
  'readers',
  'listeners',
  'workers',
  'verdict',
  'distinct',
  'generated',
  'depth',
  'seconds',
  'states/s',
  'speed-up',
  'peak RSS MB',
  'RSS B/state',
  'store B/state',
];

// Runs of one configuration and worker count; speed-ups are of each run over the one-worker run of its pair.
const fmt = (runs: readonly Row[], speedUps: readonly number[] | undefined) => {
  const r = runs[0]!;
  const seconds = runs.map((x) => x.seconds);
  const peakRssMb = Math.max(...runs.map((x) => x.peakRssMb));
  return [
    r.readers,
    r.listeners,
    r.workers,
    r.verdict,
    r.distinct.toLocaleString('en-US'),
    r.generated.toLocaleString('en-US'),
    r.depth,
    spread(seconds, 2),
    Math.round(r.distinct / median(seconds)).toLocaleString('en-US'),
    speedUps ? spread(speedUps, 2, 'x') : '',
    Math.round(peakRssMb),
    Math.round((peakRssMb * 1024 * 1024) / r.distinct),
    r.storeBytesPerState.toFixed(1),
  ];
};
console.log(
  `machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, node ${process.version}${repeat > 1 ? `; ${repeat} alternating runs each, medians (ranges)` : ''}`,
);
const rows: (string | number)[][] = [];
for (const [readers, listeners] of configs) {
  const runs: [Row[], Row[]] = [[], []];
  for (let i = 0; i < repeat; i++) {
    for (const workers of [1, 2]) {
      const row = run(readers, listeners, workers);
      runs[workers - 1]!.push(row);
      console.error(
        `  done: ${readers} reader${readers === 1 ? '' : 's'}, ${listeners} listener${listeners === 1 ? '' : 's'}, ${workers} worker${workers === 1 ? '' : 's'}: ${row.seconds.toFixed(1)} s`,
      );
    }
  }
  rows.push(
    fmt(runs[0], undefined),
    fmt(
      runs[1],
      runs[1].map((two, i) => runs[0][i]!.seconds / two.seconds),
    ),
  );
}
/** Prints a table of `rows` under `head`, each column right-aligned to its widest cell. */
function printTable(head: readonly string[], body: readonly (readonly (string | number)[])[]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (cells: readonly (string | number)[]) => cells.map((c, i) => String(c).padStart(widths[i]!)).join('  ');
  console.log(line(head));
  for (const r of body) console.log(line(r));
  console.log('');
}
if (!historyOnly && !simulateOnly && !symmetryOnly) printTable(header, rows);

// Symmetry reduction: the reduced runs, and the factor against the unreduced count of the first table.
const symmetryConfigs: [readers: number, listeners: number][] =
  historyOnly || simulateOnly
    ? []
    : [
        [4, 1],
        [5, 1],
        [6, 1],
        ...(quick
          ? []
          : ([
              [7, 1],
              [8, 1],
            ] as [number, number][])),
        [4, 3],
      ];
const unreduced = new Map(rows.map((r) => [`${r[0]}/${r[1]}`, Number(String(r[4]).replace(/,/g, ''))]));
const symmetryRows: (string | number)[][] = [];
for (const [readers, listeners] of symmetryConfigs) {
  const runs: [Row[], Row[]] = [[], []];
  for (let i = 0; i < repeat; i++) {
    for (const workers of [1, 2]) {
      const row = run(readers, listeners, workers, true);
      runs[workers - 1]!.push(row);
      console.error(
        `  done (symmetry): ${readers} readers, ${listeners} listeners, ${workers} workers: ${row.seconds.toFixed(1)} s`,
      );
    }
  }
  const full = unreduced.get(`${readers}/${listeners}`);
  for (const [w, worker] of runs.entries()) {
    const speedUps = w === 0 ? undefined : worker.map((two, i) => runs[0][i]!.seconds / two.seconds);
    const cells = fmt(worker, speedUps);
    symmetryRows.push([
      ...cells,
      full ? full.toLocaleString('en-US') : '—',
      full ? `${(full / worker[0]!.distinct).toFixed(1)}x` : '—',
    ]);
  }
}
if (symmetryRows.length > 0) {
  console.log('symmetry reduction (one state per orbit of interchangeable readers):');
  printTable([...header, 'unreduced', 'factor'], symmetryRows);
}
if (!simulateOnly && !symmetryOnly) benchPooled(repeat);
if (!historyOnly && !symmetryOnly) {
  console.log('');
  benchSimulate(repeat);
}
