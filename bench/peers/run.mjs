#!/usr/bin/env node
/**
 * The peer benchmark: mmucheck against Rumur (the Murphi twin) and SPIN (the Promela twin) on the
 * same configurations. First the agreement check (every covered scenario: same verdict, same
 * distinct states or the same shortest counterexample), then the scaled runs with time, states/s
 * and peak memory per tool and mmucheck's ratio to each. Exit 0 when everything agrees (or the
 * peers are not installed: skipped), 1 on a disagreement, 2 on bad usage.
 */
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeTwins } from './gen.mjs';
import { VARIANTS, scenarioJson, variantConfig } from './twins/variants.mjs';
import { GNU_TIME } from './lib/measure.mjs';
import {
  buildRumur,
  buildSpin,
  detectTools,
  machine,
  runMmucheck,
  runRumur,
  runSpin,
  writeScenario,
} from './lib/tools.mjs';
import { REASONS, compare, int, mib, ratio, secs, table, verdictText } from './lib/report.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `usage: node bench/peers/run.mjs [options]   (or: npm run bench:peers -- [options])
  --readers LIST            readers of the scaled runs (default 1,2,3,4; 5 takes minutes)
  --listeners N             listeners of the scaled runs (default 1)
  --scenario NAME           the scaled scenario (default seed; one of ${Object.keys(VARIANTS).join(', ')})
  --agreement-listeners L   listener counts of the agreement check (default 1,2)
  --agreement-readers L     reader counts of the agreement check, for the scenarios that have
                            readers (default: each scenario's own)
  --no-agreement            skip the agreement check
  --no-scaling              skip the scaled runs
  --rumur-threads LIST      Rumur verifier threads, 0 = Rumur's default (one per CPU) (default 0,1)
  --spin-modes LIST         dfs (no POR), dfs-por, bfs (no POR) (default dfs,dfs-por,bfs)
  --mmucheck-arg ARG        extra argument for mmucheck check, repeatable (e.g. --mmucheck-arg=--workers=2)
  --tools LIST              which checkers run: mmucheck, rumur, spin (default all three), and
                            rumur-symmetry (Rumur on the twin whose readers are a scalarset)
  --symmetry                add rumur-symmetry to the tools; it is compared with mmucheck's
                            symmetry-reduced search (mmucheck check --no-liveness)
  --timeout S               kill a run after S seconds (default 900)
  --keep DIR                write models and verifiers to DIR and keep them (default: a temporary directory)`;

const list = (s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const ints = (s, what) =>
  list(s).map((x) => {
    const n = Number(x);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${what}: not a count: ${x}`);
    return n;
  });

function options() {
  const { values } = parseArgs({
    options: {
      readers: { type: 'string', default: '1,2,3,4' },
      listeners: { type: 'string', default: '1' },
      scenario: { type: 'string', default: 'seed' },
      'agreement-listeners': { type: 'string', default: '1,2' },
      'agreement-readers': { type: 'string' },
      'no-agreement': { type: 'boolean', default: false },
      'no-scaling': { type: 'boolean', default: false },
      'rumur-threads': { type: 'string', default: '0,1' },
      'spin-modes': { type: 'string', default: 'dfs,dfs-por,bfs' },
      'mmucheck-arg': { type: 'string', multiple: true, default: [] },
      tools: { type: 'string', default: 'mmucheck,rumur,spin' },
      symmetry: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '900' },
      keep: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const modes = list(values['spin-modes']);
  for (const m of modes) if (!['dfs', 'dfs-por', 'bfs'].includes(m)) throw new Error(`--spin-modes: unknown mode ${m}`);
  variantConfig(values.scenario);
  const use = list(values.tools);
  if (values.symmetry && !use.includes('rumur-symmetry')) use.push('rumur-symmetry');
  for (const t of use)
    if (!['mmucheck', 'rumur', 'spin', 'rumur-symmetry'].includes(t)) throw new Error(`--tools: unknown checker ${t}`);
  return {
    use: new Set(use),
    help: values.help,
    readers: ints(values.readers, '--readers'),
    listeners: ints(values.listeners, '--listeners')[0] ?? 1,
    scenario: values.scenario,
    agreementListeners: ints(values['agreement-listeners'], '--agreement-listeners'),
    agreementReaders:
      values['agreement-readers'] === undefined
        ? [undefined]
        : ints(values['agreement-readers'], '--agreement-readers'),
    agreement: !values['no-agreement'],
    scaling: !values['no-scaling'],
    rumurThreads: ints(values['rumur-threads'], '--rumur-threads'),
    spinModes: modes,
    mmucheckArgs: values['mmucheck-arg'],
    timeoutS: Number(values.timeout) || 900,
    keep: values.keep,
  };
}

const SPIN_LABEL = { dfs: 'spin DFS, no POR', 'dfs-por': 'spin DFS, POR', bfs: 'spin BFS, no POR' };

/** A Rumur run's label: its verifier threads, and `symmetry` for the scalarset twin. */
function rumurLabel(t, ctx, symmetric) {
  const threads = t === 0 ? `${ctx.machine.cpus} threads (default)` : `${t} thread${t > 1 ? 's' : ''}`;
  return `rumur${symmetric ? ' symmetry' : ''} ${threads}`;
}

/** mmucheck's arguments for its symmetry-reduced search: safety only, where reduction applies. */
const reducedArgs = (args) => (args.includes('--no-liveness') ? args : [...args, '--no-liveness']);

/**
 * Every run of one configuration: mmucheck first (its count sizes SPIN's hash table), then the peers;
 * with rumur-symmetry, mmucheck's symmetry-reduced search and Rumur on the scalarset twin last.
 * A run's `ref` is the index of the mmucheck run it is compared with.
 */
function runConfig(cfg, ctx, { rumurThreads, spinModes, timed }) {
  const opt = timed ? {} : { rumur: '-O1', spin: '-O1' }; // untimed runs: compile faster
  const dir = join(ctx.work, `${cfg.name}-r${cfg.readers}-l${cfg.listeners}`);
  mkdirSync(dir, { recursive: true });
  const twins = writeTwins(cfg, dir);
  const bundled = cfg.listeners === VARIANTS[cfg.name].listeners;
  const scenario = bundled ? cfg.name : writeScenario(dir, scenarioJson(cfg));
  const progress = (what) => process.stderr.write(`peers: ${cfg.name} r${cfg.readers} l${cfg.listeners}: ${what}\n`);
  const mmucheckArgs = [...(bundled ? ['--readers', String(cfg.readers)] : []), ...ctx.mmucheckArgs];
  if (ctx.tools.mmucheck) progress('mmucheck');
  const runs = [
    ctx.tools.mmucheck
      ? runMmucheck(ROOT, scenario, mmucheckArgs, { timeoutS: ctx.timeoutS })
      : { tool: 'mmucheck', verdict: 'skipped' },
  ];
  const expected = runs[0].states ?? 2 ** 25; // sizes SPIN's hash table
  const builds = [];
  if (ctx.tools.rumur) {
    for (const t of rumurThreads) {
      const label = rumurLabel(t, ctx, false);
      progress(label);
      const built = buildRumur(twins.murphi, t, opt.rumur);
      builds.push(`${label} ${secs(built.buildS)} s`);
      runs.push(runRumur(built.bin, { timeoutS: ctx.timeoutS, label }));
    }
  }
  if (ctx.tools.spin) {
    const hashBits = Math.min(30, Math.max(18, Math.ceil(Math.log2(expected * 2))));
    for (const mode of spinModes) {
      const sdir = join(dir, `spin-${mode}`);
      mkdirSync(sdir, { recursive: true });
      progress(SPIN_LABEL[mode]);
      const built = buildSpin(twins.promela, sdir, mode, opt.spin);
      builds.push(`${SPIN_LABEL[mode]} ${secs(built.buildS)} s`);
      runs.push(runSpin(built, sdir, { timeoutS: ctx.timeoutS, label: SPIN_LABEL[mode], hashBits }));
    }
  }
  if (ctx.tools.rumurSymmetry) {
    const ref = runs.length;
    if (ctx.tools.mmucheck) progress('mmucheck, symmetry reduction');
    runs.push(
      ctx.tools.mmucheck
        ? runMmucheck(ROOT, scenario, reducedArgs(mmucheckArgs), {
            timeoutS: ctx.timeoutS,
            label: 'mmucheck symmetry',
          })
        : { tool: 'mmucheck symmetry', verdict: 'skipped' },
    );
    runs[ref].isRef = true;
    const symTwin = writeTwins({ ...cfg, symmetry: true }, dir).murphi;
    for (const t of rumurThreads) {
      const label = rumurLabel(t, ctx, true);
      progress(label);
      const built = buildRumur(symTwin, t, opt.rumur);
      builds.push(`${label} ${secs(built.buildS)} s`);
      runs.push({ ...runRumur(built.bin, { timeoutS: ctx.timeoutS, label }), ref });
    }
  }
  return { runs, builds, scenario: bundled ? `${cfg.name} --readers ${cfg.readers}` : `${scenario}` };
}

/**
 * Compares every peer run with its mmucheck run (the first run, or the symmetry-reduced one, `ref`);
 * collects the reasons to print and counts disagreements.
 */
function judge(runs, reasons) {
  let disagreements = 0;
  const marks = runs.map((p, i) => {
    if (i === 0 || p.isRef) return '';
    const { agree, reason } = compare(runs[p.ref ?? 0], p);
    if (reason) reasons.add(reason);
    if (agree === false) disagreements++;
    return agree === undefined ? '?' : agree ? (reason ? `yes (${reason})` : 'yes') : 'NO';
  });
  return { marks, disagreements };
}

function agreement(ctx, reasons) {
  console.log('\n== Agreement: every covered scenario, each tool on the same configuration ==');
  console.log('(Rumur single-threaded and SPIN in BFS mode, so that their first counterexample is a shortest one)\n');
  const rows = [];
  let disagreements = 0;
  for (const listeners of ctx.agreementListeners) {
    for (const name of Object.keys(VARIANTS)) {
      // the scenarios without readers keep none
      const counts = VARIANTS[name].readers > 0 ? ctx.agreementReaders : [undefined];
      for (const readers of counts) {
        const cfg = variantConfig(name, { listeners, readers });
        const { runs } = runConfig(cfg, ctx, { rumurThreads: [1], spinModes: ['bfs'], timed: false });
        const { marks, disagreements: d } = judge(runs, reasons);
        disagreements += d;
        runs.forEach((r, i) =>
          rows.push([
            i === 0 ? `${name} r${cfg.readers} l${listeners}` : '',
            r.tool,
            verdictText(r),
            int(r.states),
            int(r.generated),
            marks[i],
          ]),
        );
      }
    }
  }
  console.log(table(['configuration', 'tool', 'verdict', 'distinct', 'generated', 'agrees'], rows));
  return disagreements;
}

function scaling(ctx, reasons, opts) {
  console.log(
    `\n== Scaling: ${opts.scenario} with ${opts.readers.join(', ')} readers, ${opts.listeners} listener(s) ==`,
  );
  console.log(
    '(seconds: wall clock of the checking process; cpu: user + system; RSS: peak resident set; ratio: mmucheck ÷ peer, by wall-clock states/s)\n',
  );
  const rows = [];
  const buildLines = [];
  let disagreements = 0;
  for (const readers of opts.readers) {
    const cfg = variantConfig(opts.scenario, { readers, listeners: opts.listeners });
    const { runs, builds } = runConfig(cfg, ctx, {
      rumurThreads: opts.rumurThreads,
      spinModes: opts.spinModes,
      timed: true,
    });
    const { marks, disagreements: d } = judge(runs, reasons);
    disagreements += d;
    const refOf = (r) => runs[r.ref ?? 0];
    const rate = (r) => (r.states && r.wallS ? r.states / r.wallS : undefined);
    runs.forEach((r, i) =>
      rows.push([
        i === 0 ? `r${readers} l${opts.listeners}` : '',
        r.tool,
        r.verdict === 'ok' ? int(r.states) : verdictText(r),
        secs(r.wallS),
        secs(r.cpuS),
        int(rate(r)),
        int(r.states && r.cpuS ? r.states / r.cpuS : undefined),
        mib(r.rssKB),
        i === 0 || r.isRef ? '' : ratio(rate(refOf(r)), rate(r)),
        i === 0 || r.isRef ? '' : ratio(refOf(r).rssKB, r.rssKB),
        marks[i],
      ]),
    );
    buildLines.push(`r${readers}: ${builds.join('; ')}`);
  }
  console.log(
    table(
      [
        'config',
        'tool',
        'states',
        'seconds',
        'cpu s',
        'states/s',
        'states/cpu-s',
        'RSS MiB',
        'speed ratio',
        'memory ratio',
        'same count',
      ],
      rows,
    ),
  );
  console.log(`\nbuild times (model → C → binary, not included above):\n  ${buildLines.join('\n  ')}`);
  return disagreements;
}

function printSkipped(tools) {
  console.log('peer benchmark skipped: it needs Rumur, SPIN and a C compiler.');
  console.log(
    `  rumur: ${tools.rumur ?? 'not installed'}\n  spin: ${tools.spin ?? 'not installed'}\n  cc: ${tools.cc ?? 'not installed'}`,
  );
  console.log('install them with: apt-get update && apt-get install -y rumur spin gcc time');
}

function main() {
  const opts = options();
  if (opts.help) return void console.log(USAGE);
  const found = detectTools();
  if (!found.cc || (!found.rumur && !found.spin)) return void printSkipped(found);
  const tools = {
    ...found,
    mmucheck: opts.use.has('mmucheck'),
    rumur: opts.use.has('rumur') ? found.rumur : undefined,
    rumurSymmetry: opts.use.has('rumur-symmetry') ? found.rumur : undefined,
    spin: opts.use.has('spin') ? found.spin : undefined,
  };
  if (!existsSync(join(ROOT, 'dist/cli/main.js')))
    throw new Error('dist/cli/main.js is missing: run npm run build first (npm run bench:peers does)');
  const work = opts.keep ? resolve(opts.keep) : mkdtempSync(join(tmpdir(), 'mmucheck-peers-'));
  const m = machine();
  console.log('Peer benchmark: mmucheck vs Rumur (Murphi twin) vs SPIN (Promela twin)');
  console.log(
    `machine: ${m.cpus} CPUs (${m.model}), ${m.memGiB.toFixed(1)} GiB; load average at start ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `tools: node ${tools.node}; ${tools.rumur ?? tools.rumurSymmetry ?? 'rumur: skipped'}; ${tools.spin ?? 'spin: skipped'}; ${tools.cc.split('\n')[0]}`,
  );
  if (!GNU_TIME)
    console.log(
      'note: /usr/bin/time is missing, so CPU time and peak memory are not measured (apt-get install -y time)',
    );
  const ctx = {
    work,
    tools,
    machine: m,
    timeoutS: opts.timeoutS,
    mmucheckArgs: opts.mmucheckArgs,
    agreementListeners: opts.agreementListeners,
    agreementReaders: opts.agreementReaders,
  };
  const reasons = new Set();
  let disagreements = 0;
  if (opts.agreement) disagreements += agreement(ctx, reasons);
  if (opts.scaling) disagreements += scaling(ctx, reasons, opts);
  console.log(
    `\nload average at end ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  if (reasons.size > 0) {
    console.log('\nWhere counts differ, and why:');
    for (const r of reasons) console.log(`  - ${r}: ${REASONS[r]}`);
  }
  if (!tools.mmucheck) console.log('\nmmucheck did not run (--tools): nothing was compared.');
  else
    console.log(
      disagreements === 0
        ? '\nAll runs agree with mmucheck.'
        : `\n${disagreements} run(s) DISAGREE with mmucheck (see above).`,
    );
  if (opts.keep) console.log(`models and verifiers kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
  process.exitCode = disagreements === 0 ? 0 : 1;
}

try {
  main();
} catch (error) {
  console.error(`peers: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
