#!/usr/bin/env node
/**
 * Symmetry reduction, mmucheck against Rumur on the scalarset twin (gen.mjs --symmetry), on the seed:
 *   node bench/peers/symmetry.mjs [--configs 4,5,6,4x3] [--rounds 3] [--unreduced 4,5] [--max-load 1.5]
 * A configuration is N (readers, one listener) or NxL (N readers, L listeners). Per configuration:
 * the reduced state counts of both (mmucheck check --no-liveness; Rumur's default heuristic
 * symmetry reduction); for the configurations listed by --unreduced also both unreduced counts
 * (mmucheck --no-symmetry, Rumur on the plain twin, one run each) and so both reduction factors; then `rounds` timed rounds of the reduced runs,
 * mmucheck and Rumur alternating, both single-threaded (--workers 1, --threads 1), each started
 * once the 1-minute load average is under --max-load (or after --wait seconds, noted as busy).
 * Prints medians and ranges. Exit 1 when a reduced count or verdict differs from mmucheck's.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeTwins } from './gen.mjs';
import { int, secs, table } from './lib/report.mjs';
import { buildRumur, runMmucheck, runRumur, writeScenario } from './lib/tools.mjs';
import { scenarioJson, variantConfig } from './twins/variants.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `usage: node bench/peers/symmetry.mjs [options]   (after npm run build)
  --configs LIST     N (readers, 1 listener) or NxL (readers x listeners) of the seed (default 4,5,6)
  --rounds N         timed rounds of the reduced runs, mmucheck and Rumur alternating (default 3)
  --unreduced LIST   of those, the ones whose unreduced spaces are counted too (mmucheck --no-symmetry,
                     Rumur's plain twin; minutes from 6 readers on), or all (default: none)
  --max-load X       start each timed run once the 1-minute load average is under X (default 1.5)
  --wait S           ...or after S seconds of waiting, noted as busy (default 300)
  --timeout S        kill a run after S seconds (default 1800)
  --keep DIR         keep models and verifiers in DIR`;

function options() {
  const { values } = parseArgs({
    options: {
      configs: { type: 'string', default: '4,5,6' },
      rounds: { type: 'string', default: '3' },
      unreduced: { type: 'string', default: '' },
      'max-load': { type: 'string', default: '1.5' },
      wait: { type: 'string', default: '300' },
      timeout: { type: 'string', default: '1800' },
      keep: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const names = (s) =>
    s
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
  const configs = names(values.configs).map((c) => {
    const m = /^(\d+)(?:x(\d+))?$/.exec(c);
    if (!m) throw new Error(`--configs: not N or NxL: ${c}`);
    return { ...variantConfig('seed', { readers: Number(m[1]), listeners: Number(m[2] ?? 1) }), key: c };
  });
  const unreduced = values.unreduced === 'all' ? configs.map((c) => c.key) : names(values.unreduced);
  for (const c of unreduced)
    if (!configs.some((x) => x.key === c)) throw new Error(`--unreduced: ${c} is not in --configs`);
  return {
    help: values.help,
    configs,
    rounds: Number(values.rounds),
    unreduced: new Set(unreduced),
    maxLoad: Number(values['max-load']),
    waitS: Number(values.wait),
    timeoutS: Number(values.timeout),
    keep: values.keep,
  };
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Waits until the 1-minute load average is under `max` (at most `waitS`); returns it. */
function quiet(max, waitS) {
  const until = Date.now() + waitS * 1000;
  while (loadavg()[0] >= max && Date.now() < until) sleep(5000);
  return loadavg()[0];
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const range = (xs) => `${secs(Math.min(...xs))}–${secs(Math.max(...xs))}`;
const factor = (a, b) => (a && b ? `×${(a / b).toFixed(1)}` : '—');
const unreducedCells = (run) => [secs(run.wallS), secs(run.cpuS), run.load.toFixed(2)];
const label = (cfg) => `r${cfg.readers} l${cfg.listeners}`;

function main() {
  const opts = options();
  if (opts.help) return void console.log(USAGE);
  const work = opts.keep ? resolve(opts.keep) : mkdtempSync(join(tmpdir(), 'mmucheck-symmetry-'));
  const log = (s) => process.stderr.write(`symmetry: ${s}\n`);
  const prepared = opts.configs.map((cfg) => {
    const dir = join(work, `seed-${label(cfg).replace(' ', '-')}`);
    mkdirSync(dir, { recursive: true });
    const scenario = cfg.listeners === 1 ? 'seed' : writeScenario(dir, scenarioJson(cfg));
    const base = cfg.listeners === 1 ? ['--readers', String(cfg.readers)] : [];
    log(`${label(cfg)}: building Rumur's verifiers`);
    const sym = buildRumur(writeTwins({ ...cfg, symmetry: true }, dir).murphi, 1);
    const plain = opts.unreduced.has(cfg.key) ? buildRumur(writeTwins(cfg, dir).murphi, 1) : undefined;
    return { cfg, scenario, args: [...base, '--no-liveness', '--workers', '1'], sym, plain };
  });

  let disagreements = 0;
  const counts = [];
  for (const p of prepared) {
    if (!p.plain) continue;
    log(`${label(p.cfg)}: unreduced counts (mmucheck --no-symmetry, Rumur's plain twin)`);
    const mLoad = quiet(opts.maxLoad, opts.waitS);
    const m = runMmucheck(ROOT, p.scenario, [...p.args, '--no-symmetry'], { timeoutS: opts.timeoutS });
    const rLoad = quiet(opts.maxLoad, opts.waitS);
    const r = runRumur(p.plain.bin, { timeoutS: opts.timeoutS, label: 'rumur' });
    p.unreduced = { m: { ...m, load: mLoad }, r: { ...r, load: rLoad } };
  }
  const rounds = new Map(prepared.map((p) => [p, { m: [], r: [] }]));
  for (let round = 1; round <= opts.rounds; round++) {
    for (const p of prepared) {
      const runs = rounds.get(p);
      const order = round % 2 === 1 ? ['m', 'r'] : ['r', 'm'];
      for (const tool of order) {
        const load = quiet(opts.maxLoad, opts.waitS);
        log(`round ${round}, ${label(p.cfg)}: ${tool === 'm' ? 'mmucheck' : 'rumur'} (load ${load.toFixed(2)})`);
        const run =
          tool === 'm'
            ? runMmucheck(ROOT, p.scenario, p.args, { timeoutS: opts.timeoutS })
            : runRumur(p.sym.bin, { timeoutS: opts.timeoutS, label: 'rumur symmetry' });
        runs[tool].push({ ...run, load });
      }
    }
  }

  const timing = [];
  for (const p of prepared) {
    const { m, r } = rounds.get(p);
    const [m0, r0] = [m[0], r[0]];
    const u = p.unreduced;
    const agree =
      m0 &&
      r0 &&
      m0.verdict === r0.verdict &&
      m0.states === r0.states &&
      m.every((x) => x.states === m0.states) &&
      (!u || (u.m.verdict === u.r.verdict && u.m.states === u.r.states));
    if (!agree) disagreements++;
    counts.push([
      label(p.cfg),
      int(u?.m.states),
      int(m0?.states),
      factor(u?.m.states, m0?.states),
      int(u?.r.states),
      int(r0?.states),
      factor(u?.r.states, r0?.states),
      agree ? 'yes' : 'NO',
    ]);
    for (const [tool, runs] of [
      ['mmucheck --workers 1', m],
      ['rumur symmetry, 1 thread', r],
    ]) {
      const wall = runs.map((x) => x.wallS);
      const cpu = runs.map((x) => x.cpuS ?? Number.NaN);
      const loads = runs.map((x) => x.load);
      timing.push([
        tool.startsWith('mmucheck') ? label(p.cfg) : '',
        tool,
        secs(median(wall)),
        range(wall),
        secs(median(cpu)),
        `${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`,
      ]);
    }
  }
  console.log('\n== States: mmucheck and Rumur (scalarset readers), unreduced and reduced ==\n');
  console.log(
    table(
      ['config', 'mmucheck all', 'mmucheck reduced', 'factor', 'rumur all', 'rumur reduced', 'factor', 'same counts'],
      counts,
    ),
  );
  console.log(
    `\n== Time of the reduced runs: ${opts.rounds} rounds alternating, median and range (load: 1-minute average at each start, wanted < ${opts.maxLoad}) ==\n`,
  );
  console.log(table(['config', 'tool', 'wall s', 'range', 'cpu s', 'load'], timing));
  if (opts.unreduced.size > 0) {
    const rows = prepared
      .filter((p) => p.unreduced)
      .flatMap((p) => [
        [label(p.cfg), 'mmucheck --workers 1', ...unreducedCells(p.unreduced.m)],
        ['', 'rumur, 1 thread', ...unreducedCells(p.unreduced.r)],
      ]);
    console.log('\n== Time of the unreduced runs: one run each (load: 1-minute average at the start) ==\n');
    console.log(table(['config', 'tool', 'wall s', 'cpu s', 'load'], rows));
  }
  if (opts.keep) console.log(`\nmodels and verifiers kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
  process.exitCode = disagreements === 0 ? 0 : 1;
}

try {
  main();
} catch (error) {
  console.error(`symmetry: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
