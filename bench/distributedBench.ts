/**
 * `npm run bench:distributed`: the distributed search against the shared-memory search on this
 * machine. For each configuration: the shared-memory run (two worker threads), then distributed
 * runs with 1, 2 and 4 `mmucheck worker` processes on a local Redis (started here, append-only,
 * fsync at every write), and one with 2 workers of which one is killed with SIGKILL two seconds
 * in. Each is the built binary in processes of its own; prints seconds, states per second, the
 * store's memory per stored state (Redis `used_memory` at the run's end, less an empty store's)
 * and the load average when each run began. Asserts nothing; `--rounds N` repeats (medians).
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RedisServer } from './localRedis.js';
import { median, spread } from './spread.js';

const BINARY = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const SEED = fileURLToPath(new URL('../../examples/scenarios/seed.json', import.meta.url));

interface Config {
  readonly name: string;
  readonly args: readonly string[];
}

/** The seed with `listeners` copies of its listener, as a scenario file. */
function seedWithListeners(listeners: number): string {
  const seed = JSON.parse(readFileSync(SEED, 'utf8')) as { listeners: unknown[] };
  const file = join(mkdtempSync(join(tmpdir(), 'mmucheck-bench-')), `seed-l${listeners}.json`);
  writeFileSync(
    file,
    JSON.stringify({ ...seed, listeners: Array.from({ length: listeners }, () => seed.listeners[0]) }),
  );
  return file;
}

interface Run {
  readonly seconds: number;
  readonly distinct: number;
  readonly storeBytes: number;
  readonly load: number;
  /** Bytes into and out of Redis, and commands it processed, during the run. */
  readonly wireBytes?: number;
  readonly commands?: number;
  /** CPU seconds the Redis server used during the run. */
  readonly redisCpu?: number;
  /** Redis's peak memory during the run (`used_memory_peak`), bytes. */
  readonly peakBytes?: number;
}

/** CPU seconds a process has used (user and system), from /proc. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** Redis's counters of bytes in and out and commands processed. */
async function traffic(server: RedisServer): Promise<{ bytes: number; commands: number; peak: number }> {
  const client = server.client();
  const info = (await client.info('stats')) + (await client.info('memory'));
  client.disconnect();
  const field = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1] ?? 0);
  return {
    bytes: field('total_net_input_bytes') + field('total_net_output_bytes'),
    commands: field('total_commands_processed'),
    peak: field('used_memory_peak'),
  };
}

/** Resets Redis's counters and peak memory, so that a run's are its own. */
async function resetStats(server: RedisServer): Promise<void> {
  const client = server.client();
  await client.config('RESETSTAT');
  client.disconnect();
}

function report(out: string): { distinct: number; storeBytes: number; verdict: string } {
  const j = JSON.parse(out) as { verdict: string; stats: { distinct: number; storeBytes: number } };
  return { distinct: j.stats.distinct, storeBytes: j.stats.storeBytes, verdict: j.verdict };
}

function sharedMemory(config: Config): Run {
  const load = loadavg()[0]!;
  const start = performance.now();
  const out = execFileSync(process.execPath, [BINARY, 'check', ...config.args, '--format', 'json', '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return { seconds: (performance.now() - start) / 1000, ...report(out), storeBytes: 0, load };
}

async function distributed(
  config: Config,
  server: RedisServer,
  workers: number,
  killOneAfterMs?: number,
): Promise<Run> {
  const url = server.url;
  const procs = Array.from({ length: workers }, (_v, i) =>
    spawn(process.execPath, [BINARY, 'worker', url, '--quiet', '--id', `bench-${i}`], { stdio: 'ignore' }),
  );
  await new Promise((r) => setTimeout(r, 300)); // the workers connect and wait for the run
  await resetStats(server);
  const before = await traffic(server);
  const cpuBefore = cpuSeconds(server.pid);
  const load = loadavg()[0]!;
  const start = performance.now();
  const coordinator = spawn(
    process.execPath,
    [BINARY, 'check', ...config.args, '--cluster', url, '--format', 'json', '--quiet'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  coordinator.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const timer = killOneAfterMs === undefined ? undefined : setTimeout(() => procs[0]!.kill('SIGKILL'), killOneAfterMs);
  await new Promise((r) => coordinator.on('close', r));
  const seconds = (performance.now() - start) / 1000;
  const after = await traffic(server);
  const redisCpu = cpuSeconds(server.pid) - cpuBefore;
  clearTimeout(timer);
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(
    procs.map((p) => new Promise((r) => (p.exitCode === null && p.signalCode === null ? p.on('close', r) : r(0)))),
  );
  return {
    seconds,
    ...report(out),
    load,
    wireBytes: after.bytes - before.bytes,
    commands: after.commands - before.commands,
    redisCpu,
    peakBytes: after.peak,
  };
}

function row(label: string, runs: readonly Run[], baseBytes: number): string {
  const peak =
    runs[0]!.peakBytes === undefined ? '' : ((runs[0]!.peakBytes - baseBytes) / runs[0]!.distinct).toFixed(1);
  const s = runs.map((r) => r.seconds);
  const distinct = runs[0]!.distinct;
  const bytes = runs[0]!.storeBytes > 0 ? ((runs[0]!.storeBytes - baseBytes) / distinct).toFixed(1) : '';
  const loads = runs.map((r) => r.load.toFixed(2)).join(' ');
  const per = (v: number | undefined) => (v === undefined ? '' : (v / distinct).toFixed(1));
  return `| ${label} | ${distinct.toLocaleString('en')} | ${spread(s, 2)} | ${Math.round(distinct / median(s)).toLocaleString('en')} | ${bytes} | ${peak} | ${per(runs[0]!.wireBytes)} | ${per(runs[0]!.commands)} | ${runs[0]!.redisCpu === undefined ? '' : ((1e6 * runs[0]!.redisCpu) / distinct).toFixed(1)} | ${loads} |`;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 1;
  const configs: Config[] = [
    { name: 'seed --readers 5', args: ['seed', '--readers', '5', '--no-liveness', '--max-states', '150000'] },
    {
      name: 'seed --readers 4, 3 listeners',
      args: [seedWithListeners(3), '--readers', '4', '--no-liveness', '--max-states', '1400000'],
    },
  ];
  const server = await RedisServer.start();
  const client = server.client();
  const baseBytes = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? 0);
  client.disconnect();
  try {
    for (const config of configs) {
      const runs: Record<string, Run[]> = {};
      const add = (label: string, run: Run) => {
        console.error(`  ${label}: ${run.seconds.toFixed(2)} s, ${run.distinct} states`);
        (runs[label] ??= []).push(run);
      };
      for (let round = 0; round < rounds; round++) {
        console.error(`${config.name}: round ${round + 1}`);
        add('shared memory, 2 threads', sharedMemory(config));
        for (const w of [1, 2, 4]) add(`Redis, ${w} worker${w > 1 ? 's' : ''}`, await distributed(config, server, w));
        add('Redis, 2 workers, one killed at 2 s', await distributed(config, server, 2, 2000));
      }
      console.log(
        `\n${config.name} (${config.args.join(' ')}; symmetry reduction on; --max-states sizes the seen set's buckets)\n`,
      );
      console.log(
        '| search | states | seconds, median (range) | states/s | store bytes/state at the end | peak store bytes/state | wire bytes/state | Redis commands/state | Redis CPU µs/state | load at start |',
      );
      console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
      for (const [label, list] of Object.entries(runs)) console.log(row(label, list, baseBytes));
    }
  } finally {
    await server.stop();
  }
}

await main();
