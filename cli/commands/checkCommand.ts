/** `mmucheck check [scenario]`: check a bundled scenario or a scenario file, print the verdict and a shortest counterexample. */
import type { Command } from 'commander';
import { requireThreadsWithinMax } from '../defaults.js';
import { addBoundOptions, addScenarioOptions } from '../searchOptions.js';
import { REPORT_FORMATS } from '../formats/formatReport.js';
import { checkpointEveryOption, choiceOption, collect, durationOption, intOption } from '../parseOptions.js';
import type { Io } from '../Io.js';
import { sourceOf } from '../run/sourceOf.js';
import { runSource } from '../run/run.js';
import { InputError } from '../../model/InputError.js';
import { isModelFile } from '../userModel/loadModelFile.js';
import { checkpointedSource, type CheckpointFlags } from '../checkpoint/checkpointedSource.js';
import { clusterSource, type ClusterFlags } from '../distributed/clusterSource.js';

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
  addRunOptions(addBoundOptions(addScenarioOptions(command)))
    .option(
      '--exact',
      'store every state in full instead of its fingerprint: no collision risk, more memory, one worker',
    )
    .option(
      '--continue',
      'search on after the first violation: report every violated property, each with its own shortest counterexample',
    )
    .option('--checkpoint <dir>', 'write checkpoints of the run to this directory, for `mmucheck resume DIR`')
    .option(
      '--cluster <url>',
      'search distributed over a Redis store (redis://host:port, several host:port for a Redis Cluster, rediss:// for TLS) with `mmucheck worker URL` processes; this process coordinates',
    )
    .option(
      '--lease <duration>',
      'with --cluster: a task a worker took is taken over by another after this long unfinished (default: 30s)',
      durationOption,
    )
    .action(async (scenarioArg: string, flags: CheckpointFlags & ClusterFlags) => {
      requireThreadsWithinMax('--workers', flags.workers, 'results are the same for any number of workers');
      if (flags.checkpointEvery !== undefined && flags.checkpoint === undefined)
        throw new InputError('needs --checkpoint DIR (where the checkpoints go)', undefined, '--checkpoint-every');
      if (flags.checkpoint !== undefined && flags.continue === true)
        throw new InputError(
          'cannot be combined with --continue, which runs one search after another',
          undefined,
          '--checkpoint',
        );
      if (flags.checkpoint !== undefined && isModelFile(scenarioArg))
        throw new InputError(
          'works with scenarios (bundled or files) only; a model file is not checkpointed',
          undefined,
          '--checkpoint',
        );
      if (flags.lease !== undefined && flags.cluster === undefined)
        throw new InputError('needs --cluster URL (the run whose tasks are leased)', undefined, '--lease');
      if (flags.cluster !== undefined) {
        if (isModelFile(scenarioArg))
          throw new InputError(
            'works with scenarios (bundled or files) only; a model file is checked on one machine',
            undefined,
            '--cluster',
          );
        setExit(await runSource(await clusterSource(scenarioArg, flags, io), flags, io, 'check'));
        return;
      }
      const source =
        flags.checkpoint === undefined
          ? await sourceOf(scenarioArg, flags, io, 'check')
          : checkpointedSource(scenarioArg, flags, io);
      setExit(await runSource(source, flags, io, 'check'));
    });
}

/**
 * Adds the options `check` and `resume` share besides the bounds: the report's format and files,
 * the workers, --expected, --checkpoint-every, --quiet and --no-color.
 */
export function addRunOptions(command: Command): Command {
  return command
    .option('--format <format>', REPORT_FORMATS.join(', '), choiceOption(REPORT_FORMATS), 'text')
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option(
      '--report <format=file>',
      'also write the report in this format to this file (repeatable: --report sarif=out.sarif --report html=trace.html)',
      collect,
    )
    .option(
      '--coverage',
      'statement coverage: how many transitions executed each statement, and which never ran (text and json reports)',
    )
    .option('--columns', 'text: one column per thread')
    .option('--graph', 'dot: the whole state graph (at most 2,000 states) instead of the counterexample')
    .option(
      '--workers <n>',
      'worker threads (default: one per CPU, after a first search of up to 50,000 states on one); results do not depend on it',
      intOption(1, 256),
    )
    .option('--expected', "exit by the scenario file's expected verdict: 0 when the run matches it, 1 when it does not")
    .option(
      '--checkpoint-every <duration>',
      'with --checkpoint (and on resume): a checkpoint at the first level boundary after this long: 30s, 10m, 1h; 0 at every level (default: 10m)',
      checkpointEveryOption,
    )
    .option('--quiet', 'no progress on stderr')
    .option('--no-color', 'no colour even on a terminal');
}
