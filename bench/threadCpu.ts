/**
 * `npm run bench:threads -- READERS LISTENERS WORKERS [parallel]`: one benchmark run (as `benchRun`;
 * `parallel` runs the parallel search even with one worker), with the
 * CPU time of each of its threads, read from Linux's /proc every 20 ms. It shows where a run's time
 * goes that the wall clock alone hides: how busy the search workers were, what the coordinating
 * thread did, and what V8's own threads (the optimising compiler, the garbage collector) took.
 *
 * Threads have no names here, so they are labelled by what is known of them: the main thread is
 * the process's own id, and when the parallel search runs the busiest other threads are the search
 * workers (each does a share of the search, every other thread far less). A thread's last 20 ms
 * before it exits may be missed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ThreadCpu {
  user: number;
  system: number;
}

const args = process.argv.slice(2);
const [readers, listeners, workers] = args.slice(0, 3).map(Number) as [number, number, number];
const parallel = workers >= 2 || args[3] === 'parallel';
if (
  args.length < 3 ||
  args.length > 4 ||
  (args.length === 4 && args[3] !== 'parallel') ||
  ![readers, listeners, workers].every((n) => Number.isInteger(n) && n >= 1)
) {
  console.error(
    `bench:threads: expected readers, listeners and workers (whole numbers of at least 1), then optionally "parallel"; got ${args.length ? args.join(' ') : 'nothing'}`,
  );
  process.exit(2);
}
if (process.platform !== 'linux') {
  console.error('bench:threads: reads per-thread CPU time from /proc, which only Linux has');
  process.exit(1);
}

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/** The CPU time of every thread of process `pid` now (threads that have exited are not listed). */
function sample(pid: number): Map<number, ThreadCpu> {
  const threads = new Map<number, ThreadCpu>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(Number(tid), {
        user: Number(fields[11]) / ticksPerSecond,
        system: Number(fields[12]) / ticksPerSecond,
      });
    } catch {
      // The thread exited between the listing and the read.
    }
  }
  return threads;
}

const runner = fileURLToPath(new URL('./benchRun.js', import.meta.url));
const child = spawn(
  process.execPath,
  [runner, String(readers), String(listeners), String(workers), ...(args[3] ? [args[3]] : [])],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const last = new Map<number, ThreadCpu>();
const poll = setInterval(() => sample(child.pid!).forEach((cpu, tid) => last.set(tid, cpu)), 20);
let output = '';
child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
clearInterval(poll);
if (code !== 0) {
  console.error(`bench:threads: the run exited with code ${code}`);
  process.exit(1);
}
const row = JSON.parse(output.trim().split('\n').pop()!) as { distinct: number; seconds: number; verdict: string };

const main = last.get(child.pid!) ?? { user: 0, system: 0 };
const others = [...last.entries()].filter(([tid]) => tid !== child.pid).map(([, cpu]) => cpu);
others.sort((a, b) => b.user + b.system - (a.user + a.system));
const searchWorkers = parallel ? others.slice(0, workers) : [];
const helpers = others.slice(searchWorkers.length);
const sum = (list: readonly ThreadCpu[]) =>
  list.reduce((t, c) => ({ user: t.user + c.user, system: t.system + c.system }), { user: 0, system: 0 });

const lines: [string, ThreadCpu][] = [
  [parallel ? 'main thread (coordinator)' : 'main thread (the search)', main],
  ...searchWorkers.map((cpu, i): [string, ThreadCpu] => [`search worker ${i + 1}`, cpu]),
  [`V8 and node helper threads (${helpers.length})`, sum(helpers)],
];
const total = sum([...lines.map(([, cpu]) => cpu)]);
console.log(
  `seed with ${readers} reader${readers === 1 ? '' : 's'}, ${listeners} listener${listeners === 1 ? '' : 's'}, ${workers} worker${workers === 1 ? '' : 's'}${parallel ? ', parallel search' : ', one-thread search'}: ${row.verdict}, ${row.distinct.toLocaleString('en-US')} states, search ${row.seconds.toFixed(2)} s`,
);
console.log('thread                                 user s  system s  of the search time');
for (const [name, cpu] of [...lines, ['all threads', total] as [string, ThreadCpu]]) {
  const share = ((cpu.user + cpu.system) / row.seconds) * 100;
  console.log(
    `${name.padEnd(37)} ${cpu.user.toFixed(2).padStart(7)} ${cpu.system.toFixed(2).padStart(9)}  ${share.toFixed(0).padStart(5)}%`,
  );
}
console.log('(CPU times include the process start and the model build; the search time does not)');
