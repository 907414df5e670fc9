/** `mmucheck check [scenario]`: check a bundled scenario or a scenario file, print the verdict and a shortest counterexample. */
import { Command, Option } from 'commander';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { KERNEL_VERSIONS, SRCU_IMPLEMENTATIONS } from '../../model/kernel/Scenario.js';
import { LIMITS } from '../../model/kernel/parseScenario.js';
import { MAX_STATES_LIMIT } from '../../checker/resolveOptions.js';
import { applyOverrides, overrideFlags, type ScenarioOverrides } from '../applyOverrides.js';
import { runCheckWithWorkers } from '../runCheck.js';
import { defaultMaxMemoryBytes, defaultWorkers } from '../defaults.js';
import { emitReport, REPORT_FORMATS, requireReportFlags, type ReportFlags } from '../formats/emitReport.js';
import { makeProgress } from '../progress.js';
import { EXIT } from '../exitCodes.js';
import { choiceOption, collect, durationOption, intOption, sizeOption } from '../parseOptions.js';
import type { Io } from '../Io.js';
import type { CheckRun } from '../runCheck.js';
import { isModelFile, runModelFile } from '../runUserModel.js';

interface CheckFlags extends ScenarioOverrides, ReportFlags {
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeout?: number;
  readonly workers?: number;
  readonly maxMemory?: number;
  readonly exact?: boolean;
  readonly quiet?: boolean;
}

/** The exit code of a finished run. */
export function exitCodeOf(run: CheckRun): number {
  return { ok: EXIT.ok, violation: EXIT.violation, incomplete: EXIT.incomplete, modelError: EXIT.modelError }[run.outcome.kind];
}

function boundFlags(f: CheckFlags): string[] {
  return [
    ...(f.maxStates === undefined ? [] : [`--max-states ${f.maxStates}`]),
    ...(f.maxDepth === undefined ? [] : [`--max-depth ${f.maxDepth}`]),
    ...(f.timeout === undefined ? [] : [`--timeout ${f.timeout}ms`]),
    ...(f.exact === true ? ['--exact'] : []),
  ];
}

/** Adds the `check` command; `setExit` receives the exit code. */
export function addCheckCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('check a scenario (bundled name or JSON file; default: seed) and print the verdict')
    .argument('[scenario]', 'a bundled scenario name, a path to a scenario file, or a model file (.ts, .mts, .js, .mjs)', 'seed')
    .addOption(new Option('--kernel <version>', 'kernel version of every versioned function').choices(KERNEL_VERSIONS))
    .addOption(new Option('--srcu <impl>', 'SRCU implementation').choices(SRCU_IMPLEMENTATIONS))
    .option('--readers <n>', 'number of invalidate readers', intOption(0, LIMITS.threadsPerGroup))
    .option('--reclaimers <n>', 'number of page reclaimers', intOption(0, LIMITS.threadsPerGroup))
    .option('--property <id>', 'check only this property (repeatable)', collect)
    .option('--max-states <n>', 'stop (incomplete) after this many distinct states', intOption(1, MAX_STATES_LIMIT))
    .option('--max-depth <n>', 'do not expand states deeper than this (incomplete if any were left)', intOption(0, 1_000_000))
    .option('--timeout <duration>', 'stop (incomplete) after this long: 30s, 5m, 500ms', durationOption)
    .option('--format <format>', REPORT_FORMATS.join(', '), choiceOption(REPORT_FORMATS), 'text')
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--columns', 'text: one column per thread')
    .option('--graph', 'dot: the whole state graph (at most 2,000 states) instead of the counterexample')
    .option('--workers <n>', 'worker threads (default: one per CPU); results do not depend on it', intOption(1, 256))
    .option('--max-memory <size>', 'stop (incomplete) when the process uses this much memory: 512M, 8G (default: 3/4 of RAM)', sizeOption)
    .option('--exact', 'store every state in full instead of its fingerprint: no collision risk, more memory, one worker')
    .option('--quiet', 'no progress on stderr')
    .option('--no-color', 'no colour even on a terminal')
    .action(async (scenarioArg: string, flags: CheckFlags) => {
      if (isModelFile(scenarioArg)) return setExit(await runModelFile(scenarioArg, flags, io));
      requireReportFlags(flags);
      const scenario = applyOverrides(loadScenario(scenarioArg), flags);
      const command = ['mmucheck check', scenarioArg, ...overrideFlags(flags), ...boundFlags(flags)].join(' ');
      const progress = makeProgress(io, flags.quiet === true);
      const run = await runCheckWithWorkers(
        scenario,
        {
          ...(flags.maxStates === undefined ? {} : { maxStates: flags.maxStates }),
          ...(flags.maxDepth === undefined ? {} : { maxDepth: flags.maxDepth }),
          ...(flags.timeout === undefined ? {} : { timeoutMs: flags.timeout }),
          maxMemoryBytes: flags.maxMemory ?? defaultMaxMemoryBytes(),
          ...(flags.exact === true ? { exact: true } : {}),
          onProgress: (s) => progress.update(s),
          ...(io.interrupted ? { shouldStop: io.interrupted } : {}),
        },
        command,
        flags.workers ?? defaultWorkers(),
      );
      progress.done();
      emitReport(io, run, flags);
      setExit(exitCodeOf(run));
    });
}
