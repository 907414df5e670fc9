/** `mmucheck check [scenario]`: check a bundled scenario or a scenario file, print the verdict and a shortest counterexample. */
import type { Command } from 'commander';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { applyOverrides, overrideFlags, type ScenarioOverrides } from '../applyOverrides.js';
import { matchesExpectation, runCheckWithWorkers } from '../runCheck.js';
import { InputError } from '../../model/InputError.js';
import { AUTO_SEQUENTIAL, defaultWorkers, maxWorkers } from '../defaults.js';
import { addBoundOptions, addScenarioOptions, boundFlags, searchOptions, type BoundFlags } from '../searchOptions.js';
import {
  emitReport,
  formatReport,
  REPORT_FORMATS,
  requireReportFlags,
  type ReportFlags,
} from '../formats/emitReport.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { guardSearch } from '../guardSearch.js';
import { makeProgress } from '../progress.js';
import { EXIT } from '../exitCodes.js';
import { choiceOption, intOption } from '../parseOptions.js';
import type { Io } from '../Io.js';
import type { CheckRun } from '../runCheck.js';
import { isModelFile, runModelFile } from '../runUserModel.js';

interface CheckFlags extends ScenarioOverrides, BoundFlags, ReportFlags {
  readonly workers?: number;
  readonly expected?: boolean;
  readonly quiet?: boolean;
}

/** The exit code of a finished run. */
export function exitCodeOf(run: CheckRun): number {
  return { ok: EXIT.ok, violation: EXIT.violation, incomplete: EXIT.incomplete, modelError: EXIT.modelError }[
    run.outcome.kind
  ];
}

/**
 * With --expected, for CI jobs that keep known bugs as regression scenarios: a violation the file
 * expects passes, an unexpected verdict fails; incomplete runs and model errors keep their codes.
 */
function expectationExitCode(run: CheckRun): number {
  if (run.outcome.kind === 'incomplete' || run.outcome.kind === 'modelError') return exitCodeOf(run);
  return matchesExpectation(run) === true ? EXIT.ok : EXIT.violation;
}

/** Refuses more workers than the machine can use (the results would be the same with fewer). */
function requireWorkers(workers: number | undefined): void {
  const max = maxWorkers();
  if (workers !== undefined && workers > max) {
    throw new InputError(
      `${workers} is more than this machine can use: at most ${max} (4 per CPU); results are the same for any number of workers`,
      undefined,
      '--workers',
    );
  }
}

/** Adds the `check` command; `setExit` receives the exit code. */
export function addCheckCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const command = program
    .command('check')
    .description('check a scenario (bundled name or JSON file; default: seed) and print the verdict')
    .argument(
      '[scenario]',
      'a bundled scenario name, a path to a scenario file, or a model file (.ts, .mts, .js, .mjs)',
      'seed',
    );
  addBoundOptions(addScenarioOptions(command))
    .option('--format <format>', REPORT_FORMATS.join(', '), choiceOption(REPORT_FORMATS), 'text')
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--columns', 'text: one column per thread')
    .option('--graph', 'dot: the whole state graph (at most 2,000 states) instead of the counterexample')
    .option(
      '--workers <n>',
      'worker threads (default: one per CPU, after a first search of up to 50,000 states on one); results do not depend on it',
      intOption(1, 256),
    )
    .option(
      '--exact',
      'store every state in full instead of its fingerprint: no collision risk, more memory, one worker',
    )
    .option('--expected', "exit by the scenario file's expected verdict: 0 when the run matches it, 1 when it does not")
    .option('--quiet', 'no progress on stderr')
    .option('--no-color', 'no colour even on a terminal')
    .action(async (scenarioArg: string, flags: CheckFlags) => {
      requireWorkers(flags.workers);
      if (isModelFile(scenarioArg)) return setExit(await runModelFile(scenarioArg, flags, io));
      requireReportFlags(flags);
      const scenario = applyOverrides(loadScenario(scenarioArg), flags);
      if (flags.expected === true && !scenario.expect) {
        throw new InputError(
          'needs a scenario whose file has an "expect" field, checked without --kernel, --srcu or --property (they change the question)',
          undefined,
          '--expected',
        );
      }
      const reproduce = ['mmucheck check', scenarioArg, ...overrideFlags(flags), ...boundFlags(flags)].join(' ');
      const progress = makeProgress(io, flags.quiet === true);
      const model = buildKernelModel(scenario);
      const skeleton = { scenario, model, command: reproduce, steps: [], references: [] };
      const guarded = guardSearch(io, searchOptions(flags, io, progress), flags.out, (reason, stats) =>
        formatReport({ ...skeleton, outcome: { kind: 'incomplete', reason, stats } }, { ...flags, graph: false }, io),
      );
      // Without --workers, a scenario whose space ends within AUTO_SEQUENTIAL states runs on this thread alone.
      const workers = flags.workers ?? defaultWorkers();
      const run = await runCheckWithWorkers(
        scenario,
        guarded.options,
        reproduce,
        workers,
        flags.workers === undefined ? AUTO_SEQUENTIAL : 0,
        model,
      );
      guarded.done();
      progress.done();
      emitReport(io, run, flags);
      setExit(flags.expected === true ? expectationExitCode(run) : exitCodeOf(run));
    });
}
