/**
 * The simulation part of `npm run bench`: steps per second of `mmucheck simulate` on the seed with
 * 12 readers and 4 listeners (a space far beyond a search), with `--jobs 1` and `--jobs 2`
 * alternating, each run the built binary in a process of its own; and how many walks
 * `simulate lazy-with-reader` needs to find its violation, over seeds 1 to 20, uniform and swarm
 * (those counts are deterministic: they do not depend on the machine). Steps per second are the
 * simulation's own (its steps over its elapsed time, the pool's start included), not the process's.
 * Each speed run first waits, up to two minutes, for the one-minute load average to fall below 1.5.
 * Prints medians and ranges, and the load average when each run began. Asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, spread } from './spread.js';

const BINARY = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const SEED_FILE = fileURLToPath(new URL('../../examples/scenarios/seed.json', import.meta.url));
const JOBS = [1, 2] as const;
/** Walks of each speed run: about 4 million steps, so that the workers' start weighs little. */
const WALKS = 20_000;
/** A speed run waits, up to QUIET_WAIT_S seconds, for the one-minute load average to fall below this. */
const QUIET_LOAD = 1.5;
const QUIET_WAIT_S = 120;
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

interface SimulationJson {
  readonly stats: { readonly elapsedMs: number };
  readonly simulation: { readonly steps: number; readonly walks: number; readonly foundBy: { walk: number } | null };
}

function simulate(args: readonly string[]): SimulationJson {
  // Exit 1 (a violation) and 3 (none found) are both results here.
  let out: string;
  try {
    out = execFileSync(process.execPath, [BINARY, 'simulate', ...args, '--format', 'json', '--quiet'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    const e = error as { status?: number; stdout?: string };
    if (e.status !== 1 && e.status !== 3) throw error;
    out = e.stdout ?? '';
  }
  return JSON.parse(out) as SimulationJson;
}

/** The seed with 4 amdkfd listeners, as a scenario file (12 readers are given with --readers). */
function scaledSeedFile(dir: string): string {
  const seed = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as { listeners: unknown[]; name: string };
  const file = join(dir, 'seed-4-listeners.json');
  delete (seed as Record<string, unknown>)['$schema'];
  writeFileSync(
    file,
    JSON.stringify({ ...seed, name: 'seed-4-listeners', listeners: Array(4).fill(seed.listeners[0]) }),
  );
  return file;
}

/** Waits (up to QUIET_WAIT_S) until the one-minute load average is below QUIET_LOAD; returns it. */
function waitForQuiet(): number {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; loadavg()[0]! >= QUIET_LOAD && waited < QUIET_WAIT_S; waited += 5)
    Atomics.wait(sleeper, 0, 0, 5000);
  return loadavg()[0]!;
}

/** Runs the speed runs `rounds` times with each number of jobs, alternating, then the walk counts, and prints both. */
export function benchSimulate(rounds: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'mmucheck-bench-'));
  try {
    const file = scaledSeedFile(dir);
    const rates: Record<(typeof JOBS)[number], { rate: number; load: number }[]> = { 1: [], 2: [] };
    for (let i = 0; i < rounds; i++)
      for (const jobs of JOBS) {
        const load = waitForQuiet();
        const r = simulate([file, '--readers', '12', '--walks', String(WALKS), '--jobs', String(jobs)]);
        const rate = r.simulation.steps / (r.stats.elapsedMs / 1000);
        rates[jobs].push({ rate, load });
        console.error(`  done: simulate seed, 12 readers, 4 listeners, --jobs ${jobs}: ${Math.round(rate)} steps/s`);
      }
    console.log(
      `simulate seed --readers 12 with 4 listeners, ${WALKS.toLocaleString('en-US')} walks of up to 200 steps:`,
    );
    for (const jobs of JOBS) {
      const runs = rates[jobs];
      const loads = runs.map((x) => x.load);
      console.log(
        `  --jobs ${jobs}: ${spread(
          runs.map((x) => x.rate / 1000),
          1,
          'k',
        )} steps/s; load at start ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`,
      );
    }
    for (const mode of ['uniform', 'swarm'] as const) {
      const walks = SEEDS.map((seed) => {
        const args = [
          'lazy-with-reader',
          '--seed',
          String(seed),
          '--jobs',
          '1',
          '--walks',
          '100000',
          '--shorten-states',
          '0',
        ];
        return simulate(mode === 'swarm' ? [...args, '--swarm'] : args).simulation.foundBy?.walk ?? Infinity;
      });
      console.log(
        `simulate lazy-with-reader (${mode}), seeds 1–${SEEDS.length}: walks to the violation median ${median(walks)}, ` +
          `range ${Math.min(...walks)}–${Math.max(...walks)} (seed 1: ${walks[0]})`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
