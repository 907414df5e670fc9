/** `mmucheck resume DIR`: continue the run whose checkpoint is in DIR, and report it as `check` would have. */
import type { Command } from 'commander';
import { requireThreadsWithinMax } from '../defaults.js';
import { addBoundOptions, addScenarioOptions } from '../searchOptions.js';
import type { Io } from '../Io.js';
import { runSource } from '../run/run.js';
import { resumedSource, type CheckpointFlags } from '../checkpoint/checkpointedSource.js';
import { addRunOptions } from './checkCommand.js';
import { resumedClusterSource } from '../distributed/clusterSource.js';

/** Adds the `resume` command; `setExit` receives the exit code. */
export function addResumeCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const command = program
    .command('resume')
    .description(
      'continue a run from its checkpoint (written by check --checkpoint DIR): the counts, verdict and counterexample of a run never stopped',
    )
    .argument('<dir>', 'the checkpoint directory, or the redis://… store of a distributed run');
  // The scenario options are accepted only to refuse a change of the run's state space by name.
  addRunOptions(addBoundOptions(addScenarioOptions(command))).action(async (dir: string, flags: CheckpointFlags) => {
    requireThreadsWithinMax('--workers', flags.workers, 'results are the same for any number of workers');
    const resumed = /^rediss?:\/\//.test(dir)
      ? await resumedClusterSource(dir, flags, io)
      : resumedSource(dir, flags, io);
    setExit(await runSource(resumed.source, resumed.flags, io, 'check'));
  });
}
