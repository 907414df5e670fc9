/**
 * `mmucheck explain [scenario]`: the verdict in kernel terms — a narrated counterexample, or what
 * was proven; for a model file, in the model's own terms.
 */
import type { Command } from 'commander';
import type { Io } from '../Io.js';
import { addBoundOptions, addScenarioOptions } from '../searchOptions.js';
import type { ScenarioFlags } from '../run/kernelSource.js';
import { sourceOf } from '../run/sourceOf.js';
import { runSource } from '../run/run.js';

/** Adds the `explain` command; it takes the same scenario overrides and bounds as `check`, and exits like it. */
export function addExplainCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const command = program
    .command('explain')
    .description('explain a scenario in kernel terms: why a property fails, step by step, or what was proven')
    .argument('[scenario]', 'a bundled scenario name, a path to a scenario file, or a model file', 'seed');
  addBoundOptions(addScenarioOptions(command))
    .option('--quiet', 'no progress on stderr')
    .option('--no-color', 'no colour even on a terminal')
    .action(async (scenarioArg: string, flags: ScenarioFlags) => {
      const source = await sourceOf(scenarioArg, flags, io, 'explain');
      setExit(await runSource(source, flags, io, 'explain'));
    });
}
