/**
 * `mmucheck simulate [scenario]`: random walks of a scenario or a model file, for state spaces too
 * large to search. A walk that violates a property is reported as `check` reports a violation (its
 * trace shortened where a bounded search can); a run that finds none proves nothing (exit 3).
 */
import type { Command } from 'commander';
import { MAX_STATES_LIMIT } from '../../checker/resolveOptions.js';
import { requireThreadsWithinMax } from '../defaults.js';
import { REPORT_FORMATS } from '../formats/formatReport.js';
import type { Io } from '../Io.js';
import { choiceOption, durationOption, intOption, sizeOption } from '../parseOptions.js';
import { sourceOf } from '../run/sourceOf.js';
import { addScenarioOptions } from '../searchOptions.js';
import {
  DEFAULT_DEPTH,
  DEFAULT_SEED,
  DEFAULT_SHORTEN_STATES,
  DEFAULT_WALKS,
  runSimulate,
  type SimulateFlags,
} from '../simulate/runSimulate.js';

/** The most walks one run may ask for. */
const MAX_WALKS = 1_000_000_000;

/** Adds the `simulate` command; `setExit` receives the exit code. */
export function addSimulateCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const command = program
    .command('simulate')
    .description(
      'random walks of a scenario or model file, for spaces too large to search: finds violations, proves nothing',
    )
    .argument(
      '[scenario]',
      'a bundled scenario name, a path to a scenario file, or a model file (.ts, .mts, .js, .mjs)',
      'seed',
    );
  addScenarioOptions(command)
    .option(
      '--walks <n>',
      `how many walks (default ${DEFAULT_WALKS.toLocaleString('en-US')}; with --timeout and no --walks, until the timeout)`,
      intOption(1, MAX_WALKS),
    )
    .option('--depth <n>', `the most steps a walk takes (default ${DEFAULT_DEPTH})`, intOption(1, 1_000_000))
    .option(
      '--seed <n>',
      `the seed of the walks (default ${DEFAULT_SEED}): the same seed gives the same walks and report`,
      intOption(0, 2 ** 32 - 1),
    )
    .option('--swarm', "weigh each walk's steps by random thread priorities, drawn afresh for every walk")
    .option(
      '--shorten-states <n>',
      `state bound of each breadth-first search that shortens a counterexample (default ${DEFAULT_SHORTEN_STATES.toLocaleString('en-US')}; 0: keep the walk's trace)`,
      intOption(0, MAX_STATES_LIMIT),
    )
    .option(
      '--jobs <n>',
      'batches of walks run at once, each on one thread (default: one per CPU); the report is the same for any number',
      intOption(1, 256),
    )
    .option('--timeout <duration>', 'stop (incomplete) after this long: 30s, 5m, 500ms', durationOption)
    .option(
      '--max-memory <size>',
      'stop (incomplete) when the process uses this much memory: 512M, 8G (default: 3/4 of RAM)',
      sizeOption,
    )
    .option('--format <format>', REPORT_FORMATS.join(', '), choiceOption(REPORT_FORMATS), 'text')
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--columns', 'text: one column per thread')
    .option('--quiet', 'no progress on stderr')
    .option('--no-color', 'no colour even on a terminal')
    .action(async (scenarioArg: string, flags: SimulateFlags) => {
      requireThreadsWithinMax('--jobs', flags.jobs, 'the walks and the report are the same for any number of jobs');
      const source = await sourceOf(scenarioArg, flags, io, 'check');
      setExit(await runSimulate(source, scenarioArg, flags, io));
    });
}
