/**
 * `mmucheck explain [scenario]`: the verdict in kernel terms — a narrated counterexample, or what
 * was proven; for a model file, in the model's own terms.
 */
import type { Command } from 'commander';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { resolveOptions } from '../../checker/resolveOptions.js';
import { applyOverrides, overrideFlags, type ScenarioOverrides } from '../applyOverrides.js';
import { runCheck } from '../runCheck.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { guardSearch } from '../guardSearch.js';
import { palette } from '../render/colour.js';
import { explainReport } from '../render/explainReport.js';
import { makeProgress } from '../progress.js';
import { addBoundOptions, addScenarioOptions, boundFlags, searchOptions, type BoundFlags } from '../searchOptions.js';
import { exitCodeOf } from './checkCommand.js';
import type { Io } from '../Io.js';
import { isModelFile, runModelFile } from '../runUserModel.js';

interface ExplainFlags extends ScenarioOverrides, BoundFlags {
  readonly quiet?: boolean;
  readonly color: boolean;
}

/** Adds the `explain` command; it takes the same scenario overrides and bounds as `check`, and exits like it. */
export function addExplainCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const command = program
    .command('explain')
    .description('explain a scenario in kernel terms: why a property fails, step by step, or what was proven')
    .argument('[scenario]', 'a bundled scenario name, a path to a scenario file, or a model file', 'seed');
  addBoundOptions(addScenarioOptions(command))
    .option('--quiet', 'no progress on stderr')
    .option('--no-color', 'no colour even on a terminal')
    .action(async (scenarioArg: string, flags: ExplainFlags) => {
      if (isModelFile(scenarioArg)) return setExit(await runModelFile(scenarioArg, flags, io, 'explain'));
      const scenario = applyOverrides(loadScenario(scenarioArg), flags);
      const reproduce = ['mmucheck explain', scenarioArg, ...overrideFlags(flags), ...boundFlags(flags)].join(' ');
      const progress = makeProgress(io, flags.quiet === true);
      const colours = palette(flags.color && io.stdoutIsTty && !process.env['NO_COLOR']);
      const model = buildKernelModel(scenario);
      const skeleton = { scenario, model, command: reproduce, steps: [], references: [] };
      const options = searchOptions(flags, io, progress);
      const guarded = guardSearch(io, options, undefined, (reason, stats) =>
        explainReport(
          { ...skeleton, outcome: { kind: 'incomplete', reason, stats } },
          resolveOptions(options),
          colours,
        ),
      );
      const run = runCheck(scenario, guarded.options, reproduce, model);
      guarded.done();
      progress.done();
      io.out(explainReport(run, resolveOptions(options), colours));
      setExit(exitCodeOf(run));
    });
}
