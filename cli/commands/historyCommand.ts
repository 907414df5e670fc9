/** `mmucheck history [scenario]`: the scenario checked against every kernel version the model knows, as a table. */
import { LIVENESS_PROPERTY_IDS } from '../../model/kernel/PropertyId.js';
import type { Command } from 'commander';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { SRCU_IMPLEMENTATIONS, type SrcuImpl } from '../../model/kernel/Scenario.js';
import { LIMITS } from '../../model/kernel/parseScenario.js';
import { applyOverrides, overrideFlags, pickOverrides } from '../applyOverrides.js';
import { addPooledOptions, openPool, pooledBounds, type PooledFlags } from '../pooledRuns.js';
import { runHistory, type History } from '../history/runHistory.js';
import { historyJson, historyMarkdown, historyText } from '../history/renderHistory.js';
import { historyProgress } from '../history/historyProgress.js';
import { EXIT } from '../exitCodes.js';
import { choiceOption, collect, intOption } from '../parseOptions.js';
import type { Io } from '../Io.js';
import { requireScenarioArgument } from '../userModel/loadModelFile.js';

interface HistoryFlags extends PooledFlags {
  readonly srcu?: SrcuImpl[];
  readonly readers?: number;
  readonly reclaimers?: number;
  readonly property?: string[];
  readonly perProperty?: boolean;
}

/** 0 when every cell is decided (violations are findings, not failures), 3 if a run was cut short, 4 on a model error. */
export function historyExitCode(h: History): number {
  const kinds = new Set(h.rows.flatMap((r) => r.cells.map((c) => c.verdict.kind)));
  return kinds.has('model-error') ? EXIT.modelError : kinds.has('incomplete') ? EXIT.incomplete : EXIT.ok;
}

/** Collects repeated `--srcu` values, each one of the implementations. */
function srcuList(value: string, previous: SrcuImpl[] = []): SrcuImpl[] {
  return [...previous, choiceOption(SRCU_IMPLEMENTATIONS)(value)];
}

/** Adds the `history` command; `setExit` receives the exit code. */
export function addHistoryCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const command = program
    .command('history')
    .description('check a scenario against every kernel version (and SRCU implementation) and print the table')
    .argument('[scenario]', 'a bundled scenario name or a path to a scenario file', 'seed')
    .option(
      '--srcu <impl>',
      `SRCU implementation of every row, ${SRCU_IMPLEMENTATIONS.join('|')} (repeatable; default: the ones each version ran with)`,
      srcuList,
    )
    .option('--readers <n>', 'number of invalidate readers', intOption(0, LIMITS.threadsPerGroup))
    .option('--reclaimers <n>', 'number of page reclaimers', intOption(0, LIMITS.threadsPerGroup))
    .option(
      '--property <id>',
      "the columns: check only this property (repeatable); default: the scenario's list without its liveness properties",
      collect,
    )
    .option('--per-property', 'one run per cell instead of shared runs (slower; same table)');
  addPooledOptions(command, 'runs').action(async (scenarioArg: string, flags: HistoryFlags) => {
    requireScenarioArgument(scenarioArg, 'history');
    const overrides = pickOverrides(flags, ['readers', 'reclaimers', 'property']);
    const loaded = applyOverrides(loadScenario(scenarioArg), overrides);
    // The table is the kernel's bug history of safety: liveness columns only when asked for by name.
    const scenario = flags.property?.length
      ? loaded
      : { ...loaded, properties: loaded.properties.filter((id) => !LIVENESS_PROPERTY_IDS.has(id)) };
    const bounds = pooledBounds(flags);
    const pool = openPool(io, flags);
    const progress = historyProgress(io, flags.quiet === true);
    let history: History;
    try {
      history = await runHistory(scenario, {
        scenarioArg,
        flags: [...overrideFlags({ ...overrides, property: [] }), ...bounds.flags],
        ...(flags.srcu ? { srcus: [...new Set(flags.srcu)] } : {}),
        perProperty: flags.perProperty === true,
        pool,
        bounds: bounds.bounds,
        onProgress: (p) => progress.update(p),
      });
    } finally {
      await pool.close();
      progress.done();
    }
    if (flags.format === 'json') io.out(JSON.stringify(historyJson(history), null, 2) + '\n');
    else io.out(flags.format === 'markdown' ? historyMarkdown(history) : historyText(history));
    setExit(historyExitCode(history));
  });
}
