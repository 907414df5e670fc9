/**
 * Runs a scenario against every row of its history table and decides every cell. The checker stops
 * at the first violating state, so a row takes one run with every applicable property, then runs
 * again without the properties found violated, until a run ends without a violation
 * (checker/rerunWithoutViolated.ts, which says why each length is the shortest): each cell is what
 * its re-run command (`--property`) prints. `perProperty` runs each cell on its own.
 *
 * Every run is a job of the check pool. The rows go on at once, each sending its next run when its
 * last one has ended, so the pool keeps as many runs going as it has places; the table is put
 * together in row order once every row has ended, so it does not depend on how many ran at once.
 */
import type { KernelPropertyId } from '../../model/kernel/PropertyId.js';
import type { CheckJobOptions } from '../../checker/pool/CheckJob.js';
import type { CheckPool } from '../../checker/pool/CheckPool.js';
import type { CheckSummary } from '../../checker/pool/CheckSummary.js';
import { rerunWithoutViolated } from '../../checker/rerunWithoutViolated.js';
import type { IncompleteReason } from '../../checker/Outcome.js';
import type { ModelSource } from '../../model/ModelSource.js';
import { kernelModelSource } from '../../properties/kernelModelSource.js';
import { inapplicableProperties } from '../../model/kernel/inapplicableProperties.js';
import type { Scenario } from '../../model/kernel/Scenario.js';
import { historyRows, type HistoryRowSpec } from './historyRows.js';
import type { SrcuImpl } from '../../model/kernel/Scenario.js';
import { PROPERTY_IDS } from '../../properties/catalog.js';

/** What one cell says about one property on one row. */
export type CellVerdict =
  | { readonly kind: 'pass' }
  | { readonly kind: 'violated'; readonly length: number; readonly message: string }
  | { readonly kind: 'not-applicable'; readonly reason: string }
  | { readonly kind: 'incomplete'; readonly reason: IncompleteReason }
  | { readonly kind: 'model-error'; readonly message: string };

/** One cell, with the command that re-runs it on its own. */
export interface HistoryCell {
  readonly property: string;
  readonly verdict: CellVerdict;
  readonly command: string;
}

/** One row: its version and SRCU, its cells in column order, and the work it took. */
export interface HistoryRow extends HistoryRowSpec {
  readonly cells: readonly HistoryCell[];
  /** Distinct states explored, summed over the row's runs. */
  readonly states: number;
  readonly runs: number;
  /** Time the row's searches took, summed (time spent waiting for a place in the pool is not counted). */
  readonly elapsedMs: number;
}

/** A whole history table. */
export interface History {
  readonly scenario: Scenario;
  /** The properties, one column each, in catalog order. */
  readonly properties: readonly string[];
  readonly perProperty: boolean;
  readonly rows: readonly HistoryRow[];
  readonly elapsedMs: number;
}

/** How to run a history. */
export interface HistoryOptions {
  /** How the scenario was named on the command line (a bundled name or a path). */
  readonly scenarioArg: string;
  /** Flags that re-create the scenario's overrides (`--readers 2`), for the re-run commands. */
  readonly flags: readonly string[];
  readonly srcus?: readonly SrcuImpl[];
  readonly perProperty?: boolean;
  /** Where the runs run (and what stops them: the pool's `shouldStop`). */
  readonly pool: Pick<CheckPool, 'run'>;
  /** Bounds of each run. */
  readonly bounds?: CheckJobOptions;
  /** Called after each run, with the cells decided so far. */
  readonly onProgress?: (progress: HistoryProgress) => void;
  /**
   * How a row's scenario becomes the source of the model its runs check (default:
   * `kernelModelSource`). Not reachable from the command line: tests give models that fail.
   */
  readonly modelSource?: (scenario: Scenario) => ModelSource;
}

/** How far a history has got, after each run. */
export interface HistoryProgress {
  readonly cellsDone: number;
  readonly cells: number;
  readonly rowsDone: number;
  readonly rows: number;
  /** Distinct states explored so far, summed over the runs. */
  readonly states: number;
}

/** What the rows of one history share while they run: the cells of every row and the tally. */
interface HistoryRun {
  readonly options: HistoryOptions;
  readonly columns: number;
  /** Each row's decided cells, in row order. */
  readonly decided: readonly Decided[];
  states: number;
}

type Decided = Map<string, CellVerdict>;

function reportProgress(run: HistoryRun): void {
  run.options.onProgress?.({
    cellsDone: run.decided.reduce((sum, d) => sum + d.size, 0),
    cells: run.decided.length * run.columns,
    rowsDone: run.decided.filter((d) => d.size === run.columns).length,
    rows: run.decided.length,
    states: run.states,
  });
}

/** Checks `properties` on `scenario` once and records what the run decides; returns how the run ended. */
async function runOnce(
  scenario: Scenario,
  properties: readonly string[],
  options: HistoryOptions,
  decided: Decided,
): Promise<CheckSummary> {
  const source = (options.modelSource ?? kernelModelSource)({
    ...scenario,
    properties: properties as KernelPropertyId[],
  });
  const outcome = await options.pool.run({ source, options: options.bounds ?? {} });
  const set = (ids: readonly string[], v: CellVerdict) => ids.forEach((id) => decided.set(id, v));
  if (outcome.kind === 'ok') set(properties, { kind: 'pass' });
  else if (outcome.kind === 'incomplete') set(properties, { kind: 'incomplete', reason: outcome.reason });
  else if (outcome.kind === 'modelError') set(properties, { kind: 'model-error', message: outcome.message });
  else {
    for (const v of outcome.violations)
      decided.set(v.propertyId, { kind: 'violated', length: outcome.length, message: v.message });
    // `sometimes` without a witness: a complete search, on which the rest held (rerunWithoutViolated).
    if (outcome.violations.every((v) => v.noWitness === true))
      set(
        properties.filter((id) => !decided.has(id)),
        { kind: 'pass' },
      );
  }
  return outcome;
}

async function runRow(base: Scenario, spec: HistoryRowSpec, run: HistoryRun, decided: Decided): Promise<HistoryRow> {
  const { options } = run;
  const scenario: Scenario = { ...base, kernel: spec.kernel, functions: {}, srcu: spec.srcu };
  let states = 0;
  let runs = 0;
  let elapsedMs = 0;
  const runBatch = async (batch: readonly string[]): Promise<CheckSummary> => {
    const done = await runOnce(scenario, batch, options, decided);
    states += done.stats.distinct;
    elapsedMs += done.stats.elapsedMs;
    runs++;
    run.states += done.stats.distinct;
    reportProgress(run);
    return done;
  };
  const open = base.properties.filter((id) => !decided.has(id));
  if (options.perProperty) for (const id of open) await runBatch([id]);
  else await rerunWithoutViolated(open, runBatch);
  const flags = [`--kernel ${spec.kernel}`, `--srcu ${spec.srcu}`, ...options.flags];
  const cells = base.properties.map((property) => ({
    property,
    verdict: decided.get(property)!,
    command: ['mmucheck check', options.scenarioArg, ...flags, `--property ${property}`].join(' '),
  }));
  return { ...spec, cells, states, runs, elapsedMs: Math.round(elapsedMs) };
}

/** The history table of `scenario`: one row per version (and SRCU), one cell per property. */
export async function runHistory(checked: Scenario, options: HistoryOptions): Promise<History> {
  const started = Date.now();
  const columns = PROPERTY_IDS.filter((id) => checked.properties.includes(id));
  const scenario: Scenario = { ...checked, properties: columns };
  const specs = historyRows(scenario, options.srcus);
  // The cells no run can decide first, so that progress counts them from the start.
  const decided = specs.map((spec): Decided => {
    const inapplicable = inapplicableProperties({ ...scenario, kernel: spec.kernel, functions: {}, srcu: spec.srcu });
    return new Map(
      [...inapplicable]
        .filter(([id]) => columns.includes(id))
        .map(([id, reason]) => [id, { kind: 'not-applicable', reason }]),
    );
  });
  const run: HistoryRun = { options, columns: columns.length, decided, states: 0 };
  const rows = await Promise.all(specs.map((spec, i) => runRow(scenario, spec, run, decided[i]!)));
  return {
    scenario,
    properties: columns,
    perProperty: options.perProperty === true,
    rows,
    elapsedMs: Date.now() - started,
  };
}
