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
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 1;
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`bench: --repeat takes a whole number of runs of at least 1, not ${args[repeatAt + 1] ?? 'nothing'}`);
  process.exit(2);
}
const FLAGS = ['--quick', '--history-only', '--simulate-only', '--repeat'];
const unknown = args.filter((a, i) => !FLAGS.includes(a) && (repeatAt < 0 || i !== repeatAt + 1));
if (unknown.length > 0) {
  const hint = unknown.includes('--large')
    ? ' (the 12-million-state configuration is run by default now; --quick leaves it out)'
    : '';
  console.error(
    `bench: unknown argument ${unknown[0]}${hint}; usage: npm run bench -- [--quick] [--history-only | --simulate-only] [--repeat N]`,
  );
  process.exit(2);
}
const configs: [readers: number, listeners: number][] =
  historyOnly || simulateOnly
    ? []
    : [[3, 1], [2, 2], [4, 1], [5, 1], ...(quick ? [] : ([[4, 3]] as [number, number][]))];
const runner = fileURLToPath(new URL('./benchRun.js', import.meta.url));

function run(readers: number, listeners: number, workers: number): Row {
  const out = execFileSync(process.execPath, [runner, String(readers), String(listeners), String(workers)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
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
if (!historyOnly && !simulateOnly) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => cells.map((c, i) => String(c).padStart(widths[i]!)).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log('');
}
if (!simulateOnly) benchPooled(repeat);
if (!historyOnly) {
  console.log('');
  benchSimulate(repeat);
}
