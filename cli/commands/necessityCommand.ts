/** `mmucheck necessity [scenario]`: every statement of the scenario's versioned kernel functions and drivers, mutated and checked. */
import type { Command } from 'commander';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { SRCU_IMPLEMENTATIONS, KERNEL_VERSIONS } from '../../model/kernel/Scenario.js';
import { LIMITS } from '../../model/kernel/parseScenario.js';
import { applyOverrides, overrideFlags, pickOverrides, type ScenarioOverrides } from '../applyOverrides.js';
import { addPooledOptions, openPool, pooledBounds, type PooledFlags } from '../pooledRuns.js';
import { runNecessity, type Necessity } from '../necessity/runNecessity.js';
import { necessityJson, necessityMarkdown, necessityText, tally } from '../necessity/renderNecessity.js';
import { EXIT } from '../exitCodes.js';
import { collect, intOption } from '../parseOptions.js';
import { progressLines } from '../progress.js';
import type { Io } from '../Io.js';
import { requireScenarioArgument } from '../userModel/loadModelFile.js';

interface NecessityFlags extends ScenarioOverrides, PooledFlags {
  readonly function?: string;
}

/** 0 when every row is decided (what breaks is a finding, not a failure), 3 if a run was cut short, 4 on a model error. */
export function necessityExitCode(n: Necessity): number {
  const t = tally(n);
  if (t['model-error'] > 0 || n.baseline.kind === 'model-error') return EXIT.modelError;
  return t.incomplete > 0 || n.baseline.kind === 'incomplete' ? EXIT.incomplete : EXIT.ok;
}

const PROGRESS_MS = 1000;

/** Adds the `necessity` command; `setExit` receives the exit code. */
export function addNecessityCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const command = program
    .command('necessity')
    .description(
      "delete each statement of the scenario's versioned kernel functions and drivers (and move each release), check every mutant, and say what breaks",
    )
    .argument('[scenario]', 'a bundled scenario name or a path to a scenario file', 'seed')
    .option('--kernel <version>', `kernel version of every versioned function, ${KERNEL_VERSIONS.join('|')}`)
    .option('--srcu <impl>', `SRCU implementation, ${SRCU_IMPLEMENTATIONS.join('|')}`)
    .option('--readers <n>', 'number of invalidate readers', intOption(0, LIMITS.threadsPerGroup))
    .option('--reclaimers <n>', 'number of page reclaimers', intOption(0, LIMITS.threadsPerGroup))
    .option('--property <id>', 'check only this property (repeatable)', collect)
    .option('--function <name>', 'only the statements of this C function');
  addPooledOptions(command, 'mutants').action(async (scenarioArg: string, flags: NecessityFlags) => {
    requireScenarioArgument(scenarioArg, 'necessity');
    const overrides = pickOverrides(flags, ['kernel', 'srcu', 'readers', 'reclaimers', 'property']);
    const scenario = applyOverrides(loadScenario(scenarioArg), overrides);
    const bounds = pooledBounds(flags);
    const pool = openPool(io, flags);
    const lines = progressLines(io, flags.quiet === true);
    let last = Date.now();
    let necessity: Necessity;
    try {
      necessity = await runNecessity(scenario, {
        scenarioArg,
        flags: [...overrideFlags(overrides), ...bounds.flags],
        ...(flags.function === undefined ? {} : { only: flags.function }),
        pool,
        bounds: bounds.bounds,
        onProgress: (done, total) => {
          if (Date.now() - last < PROGRESS_MS) return;
          last = Date.now();
          lines.show(`${done} of ${total} runs done, ${total - done} left (the scenario as written and each mutant)`);
        },
      });
    } finally {
      await pool.close();
      lines.done();
    }
    if (flags.format === 'json') io.out(JSON.stringify(necessityJson(necessity), null, 2) + '\n');
    else io.out(flags.format === 'markdown' ? necessityMarkdown(necessity) : necessityText(necessity));
    setExit(necessityExitCode(necessity));
  });
}
