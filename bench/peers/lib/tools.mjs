/**
 * The three checkers as the benchmark runs them. Each run returns a result in one shape:
 * { tool, verdict: ok | violation | timeout | error, property, states, steps, wallS, cpuS, rssKB, note }
 * where `steps` is the length of the counterexample and `property` a mmucheck property id.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { build, measure } from './measure.mjs';

/** The version line of `cmd`, or undefined when it is not installed. */
function versionOf(cmd, args, pick = (s) => s.split('\n')[0]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || (r.status !== 0 && !r.stdout)) return undefined;
  return pick(`${r.stdout}${r.stderr}`.trim());
}

/** Which peers are installed, with their versions. */
export function detectTools() {
  return {
    rumur: versionOf('rumur', ['--version']),
    spin: versionOf('spin', ['-V']),
    cc: versionOf('cc', ['--version']),
    node: process.version,
  };
}

/** The C compiler flags Rumur's README asks for (-mcx16: its seen set uses 16-byte compare-and-swap on x86-64). */
const RUMUR_CFLAGS = ['-std=c11', ...(process.arch === 'x64' ? ['-mcx16'] : [])];

function failed(tool, r, what) {
  if (r.timedOut)
    return {
      tool,
      verdict: 'timeout',
      wallS: r.wallS,
      cpuS: r.cpuS,
      rssKB: r.rssKB,
      note: `killed after ${r.wallS.toFixed(0)} s`,
    };
  const tail = `${r.stdout}${r.stderr}`.trim().split('\n').slice(-3).join(' | ');
  return { tool, verdict: 'error', note: `${what}: exit ${r.code}: ${tail}` };
}

/** mmucheck on `scenario` (a bundled name or a file) with `args`; the JSON report gives the verdict. */
export function runMmucheck(root, scenario, args, { timeoutS, label = 'mmucheck' }) {
  const r = measure(
    process.execPath,
    [join(root, 'dist/cli/main.js'), 'check', scenario, ...args, '--quiet', '--format', 'json'],
    { cwd: root, timeoutS },
  );
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    return failed(label, r, 'mmucheck');
  }
  if (report.verdict !== 'ok' && report.verdict !== 'violation')
    return { ...failed(label, r, 'mmucheck'), note: `verdict ${report.verdict}` };
  return {
    tool: label,
    verdict: report.verdict,
    property: report.property ?? undefined,
    states: report.stats.distinct,
    generated: report.stats.generated,
    steps: report.trace ? report.trace.length : undefined,
    wallS: r.wallS,
    cpuS: r.cpuS,
    rssKB: r.rssKB,
    searchS: report.stats.elapsedMs / 1000,
  };
}

/**
 * Generates and compiles Rumur's verifier for `model` (threads: 0 = Rumur's default, one per CPU);
 * `opt` is the C optimisation level (-O3 as Rumur's README; untimed runs may compile faster).
 */
export function buildRumur(model, threads, opt = '-O3') {
  const base = model.replace(/\.m$/, `.rumur-t${threads}`);
  const args = ['--quiet', '--deadlock-detection', 'stuck', '--colour', 'off', model, '-o', `${base}.c`];
  if (threads > 0) args.splice(1, 0, '--threads', String(threads));
  const genS = build('rumur', args, dirname(model));
  const ccS = build('cc', [...RUMUR_CFLAGS, opt, '-o', base, `${base}.c`, '-lpthread'], dirname(model));
  return { bin: base, buildS: genS + ccS };
}

/** Runs a Rumur verifier and reads its verdict, state count and counterexample. */
export function runRumur(bin, { timeoutS, label }) {
  const r = measure(bin, [], { timeoutS });
  if (r.timedOut) return failed(label, r, 'rumur');
  const out = r.stdout;
  const states = /(\d+) states, (\d+) rules fired/.exec(out);
  if (!states) return failed(label, r, 'rumur');
  const base = {
    tool: label,
    states: Number(states[1]),
    generated: Number(states[2]),
    wallS: r.wallS,
    cpuS: r.cpuS,
    rssKB: r.rssKB,
  };
  if (/No error found/.test(out)) return { ...base, verdict: 'ok' };
  const invariant = /invariant "([\w-]+)" failed/.exec(out);
  const property = invariant ? invariant[1] : /\bdeadlock\b/.test(out) ? 'no-deadlock' : 'unknown';
  const steps = (out.match(/^Rule ".*"(, .*)? fired\.$/gm) ?? []).length;
  return { ...base, verdict: 'violation', property, steps };
}

/** SPIN's verifier flags for a mode: dfs | dfs-por | bfs (the pan defaults otherwise: VECTORSZ 1024 is ample). */
export function spinFlags(mode, opt = '-O2') {
  const flags = [opt, '-DSAFETY', `-DMEMLIM=${Math.floor((totalmem() / 1048576) * 0.8)}`];
  if (mode !== 'dfs-por') flags.push('-DNOREDUCE');
  if (mode === 'bfs') flags.push('-DBFS');
  return flags;
}

/**
 * Generates and compiles SPIN's verifier `pan` for `model` in `dir`, where the model is copied so
 * that its trail lands beside it (BFS needs the scratch variables visible: -DNOHIDDEN).
 */
export function buildSpin(model, dir, mode, opt = '-O2') {
  const local = basename(model);
  copyFileSync(model, join(dir, local));
  const spinArgs = mode === 'bfs' ? ['-DNOHIDDEN', '-a', local] : ['-a', local];
  const genS = build('spin', spinArgs, dir);
  const ccS = build('cc', [...spinFlags(mode, opt), '-o', 'pan', 'pan.c'], dir);
  return { bin: join(dir, 'pan'), buildS: genS + ccS, spinArgs, model: local };
}

/** The length of SPIN's counterexample: the steps of its trail that take a statement, replayed with spin -t. */
function trailSteps(built, dir) {
  const r = spawnSync('spin', [...built.spinArgs.filter((a) => a.startsWith('-D')), '-t', '-p', built.model], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  let max = 0;
  // only lines that show a statement: the closing process listing (and, after an invalid end
  // state, the trail's last entry, a move that was never taken) show none
  for (const m of (r.stdout ?? '').matchAll(/^\s*(\d+):\s+proc\s.*\[.*\]$/gm)) max = Math.max(max, Number(m[1]));
  return max || undefined;
}

/** Runs pan with a hash table of 2^hashBits slots and reads its verdict and state count. */
export function runSpin(built, dir, { timeoutS, label, hashBits }) {
  const r = measure(built.bin, ['-m1000000', `-w${hashBits}`], { cwd: dir, timeoutS });
  if (r.timedOut) return failed(label, r, 'pan');
  const out = r.stdout;
  const states = /(\d+) states, stored/.exec(out);
  if (!states) return failed(label, r, 'pan');
  const transitions = /(\d+) transitions \(= stored\+matched\)/.exec(out);
  const base = {
    tool: label,
    states: Number(states[1]),
    generated: transitions ? Number(transitions[1]) : undefined,
    wallS: r.wallS,
    cpuS: r.cpuS,
    rssKB: r.rssKB,
  };
  if (/errors: 0/.test(out)) return { ...base, verdict: 'ok' };
  const assertion = /assertion violated\s+!\(fault_(\w+)\)/.exec(out);
  const property = assertion
    ? assertion[1].replaceAll('_', '-')
    : /invalid end state/.test(out)
      ? 'no-deadlock'
      : 'unknown';
  return { ...base, verdict: 'violation', property, steps: trailSteps(built, dir) };
}

/** Writes a mmucheck scenario file for a configuration the bundled files do not have. */
export function writeScenario(dir, json) {
  const path = join(dir, `${json.name}.json`);
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
  return path;
}

/** The machine, for the report. */
export function machine() {
  const cpu = cpus();
  return { cpus: cpu.length, model: cpu[0]?.model ?? 'unknown', memGiB: totalmem() / 2 ** 30 };
}
