/** `mmucheck explain [scenario]`: the verdict in kernel terms — a narrated counterexample, or what was proven. */
import { Option, type Command } from 'commander';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { KERNEL_VERSIONS, SRCU_IMPLEMENTATIONS } from '../../model/kernel/Scenario.js';
import { LIMITS } from '../../model/kernel/parseScenario.js';
import { MAX_STATES_LIMIT, resolveOptions } from '../../checker/resolveOptions.js';
import type { CheckOptions } from '../../checker/CheckOptions.js';
import { applyOverrides, overrideFlags, type ScenarioOverrides } from '../applyOverrides.js';
import { runCheck } from '../runCheck.js';
import { palette } from '../render/colour.js';
import { explainReport } from '../render/explainReport.js';
import { makeProgress } from '../progress.js';
import { collect, durationOption, intOption } from '../parseOptions.js';
import { exitCodeOf } from './checkCommand.js';
import type { Io } from '../Io.js';

interface ExplainFlags extends ScenarioOverrides {
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeout?: number;
  readonly quiet?: boolean;
  readonly color: boolean;
}

function bounds(f: ExplainFlags): { options: Partial<CheckOptions>; flags: string[] } {
  return {
    options: {
      ...(f.maxStates === undefined ? {} : { maxStates: f.maxStates }),
      ...(f.maxDepth === undefined ? {} : { maxDepth: f.maxDepth }),
      ...(f.timeout === undefined ? {} : { timeoutMs: f.timeout }),
    },
    flags: [
      ...(f.maxStates === undefined ? [] : [`--max-states ${f.maxStates}`]),
      ...(f.maxDepth === undefined ? [] : [`--max-depth ${f.maxDepth}`]),
      ...(f.timeout === undefined ? [] : [`--timeout ${f.timeout}ms`]),
    ],
  };
}

/** Adds the `explain` command; it takes the same scenario overrides and bounds as `check`, and exits like it. */
export function addExplainCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('explain')
    .description('explain a scenario in kernel terms: why a property fails, step by step, or what was proven')
    .argument('[scenario]', 'a bundled scenario name or a path to a scenario file', 'seed')
    .addOption(new Option('--kernel <version>', 'kernel version of every versioned function').choices(KERNEL_VERSIONS))
    .addOption(new Option('--srcu <impl>', 'SRCU implementation').choices(SRCU_IMPLEMENTATIONS))
    .option('--readers <n>', 'number of invalidate readers', intOption(0, LIMITS.threadsPerGroup))
    .option('--reclaimers <n>', 'number of page reclaimers', intOption(0, LIMITS.threadsPerGroup))
    .option('--property <id>', 'check only this property (repeatable)', collect)
    .option('--max-states <n>', 'stop (incomplete) after this many distinct states', intOption(1, MAX_STATES_LIMIT))
    .option('--max-depth <n>', 'do not expand states deeper than this (incomplete if any were left)', intOption(0, 1_000_000))
    .option('--timeout <duration>', 'stop (incomplete) after this long: 30s, 5m, 500ms', durationOption)
    .option('--quiet', 'no progress on stderr')
    .option('--no-color', 'no colour even on a terminal')
    .action((scenarioArg: string, flags: ExplainFlags) => {
      const scenario = applyOverrides(loadScenario(scenarioArg), flags);
      const b = bounds(flags);
      const command = ['mmucheck explain', scenarioArg, ...overrideFlags(flags), ...b.flags].join(' ');
      const progress = makeProgress(io, flags.quiet === true);
      const run = runCheck(scenario, { ...b.options, onProgress: (s) => progress.update(s), ...(io.interrupted ? { shouldStop: io.interrupted } : {}) }, command);
      progress.done();
      io.out(explainReport(run, resolveOptions(b.options), palette(flags.color && io.stdoutIsTty && !process.env['NO_COLOR'])));
      setExit(exitCodeOf(run));
    });
}
