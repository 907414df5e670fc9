/**
 * `npm run bench`: the `seed` scenario scaled up (readers, listeners), each configuration with 1
 * and 2 workers in a process of its own. Prints distinct and generated states, depth, seconds,
 * distinct states per second, the speed-up of two workers over one, peak RSS (in all and per
 * distinct state) and the seen set's and trace links' bytes per distinct state. Asserts nothing.
 * `npm run bench -- --large` adds the 12-million-state configuration of the peer benchmark.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

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

const large = process.argv.includes('--large');
const configs: [readers: number, listeners: number][] = [
  [3, 1],
  [2, 2],
  [4, 1],
  [5, 1],
  ...(large ? ([[4, 3]] as [number, number][]) : []),
];
const runner = fileURLToPath(new URL('./benchRun.js', import.meta.url));

function run(readers: number, listeners: number, workers: number): Row {
  const out = execFileSync(process.execPath, [runner, String(readers), String(listeners), String(workers)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as Row;
}

const header = ['readers', 'listeners', 'workers', 'verdict', 'distinct', 'generated', 'depth', 'seconds', 'states/s', 'speed-up', 'peak RSS MB', 'RSS B/state', 'store B/state'];
const fmt = (r: Row, one: Row | undefined) => [
  r.readers,
  r.listeners,
  r.workers,
  r.verdict,
  r.distinct.toLocaleString('en-US'),
  r.generated.toLocaleString('en-US'),
  r.depth,
  r.seconds.toFixed(2),
  Math.round(r.statesPerSecond).toLocaleString('en-US'),
  one && one !== r ? `${(one.seconds / r.seconds).toFixed(2)}x` : '',
  Math.round(r.peakRssMb),
  Math.round((r.peakRssMb * 1024 * 1024) / r.distinct),
  r.storeBytesPerState.toFixed(1),
];
console.log(`machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`);
const rows: (string | number)[][] = [];
for (const [readers, listeners] of configs) {
  let one: Row | undefined;
  for (const workers of [1, 2]) {
    const row = run(readers, listeners, workers);
    one ??= row;
    rows.push(fmt(row, one));
    console.error(`  done: ${readers} readers, ${listeners} listeners, ${workers} workers: ${row.seconds.toFixed(1)} s`);
  }
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells: (string | number)[]) => cells.map((c, i) => String(c).padStart(widths[i]!)).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
