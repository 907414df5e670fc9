/**
 * Runs a scenario against every row of its history table and decides every cell. The checker stops
 * at the first violating state, so a row takes one run with every applicable property, then runs
 * again without the properties found violated, until a run ends without a violation. A property
 * found violated at depth L in a run has no fault-free path shorter than L in that run, and the
 * properties not checked record no faults, so its own run (`--property`) finds the same shortest
 * length L: each cell is what its re-run command prints. `perProperty` runs each cell on its own.
 */
import type { KernelPropertyId } from '../../model/kernel/PropertyId.js';
import { check } from '../../checker/check.js';
import type { CheckOptions } from '../../checker/CheckOptions.js';
import type { IncompleteReason } from '../../checker/Outcome.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
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
  /** Bounds and callbacks of each run. */
  readonly check?: Partial<CheckOptions>;
  /** Called after each row. */
  readonly onRow?: (row: HistoryRow, index: number, total: number) => void;
}

type Decided = Map<string, CellVerdict>;

/** Checks `properties` on `scenario` once and records what the run decides. */
function runOnce(
  scenario: Scenario,
  properties: readonly KernelPropertyId[],
  options: HistoryOptions,
  decided: Decided,
): number {
  const outcome = check(buildKernelModel({ ...scenario, properties }), options.check);
  const set = (ids: readonly string[], v: CellVerdict) => ids.forEach((id) => decided.set(id, v));
  if (outcome.kind === 'ok') set(properties, { kind: 'pass' });
  else if (outcome.kind === 'incomplete') set(properties, { kind: 'incomplete', reason: outcome.reason });
  else if (outcome.kind === 'modelError') set(properties, { kind: 'model-error', message: outcome.message });
  else
    for (const v of outcome.violations)
      decided.set(v.propertyId, { kind: 'violated', length: outcome.trace.steps.length, message: v.message });
  // Every run decides at least one property (a violation names the ones it violates), so rows end.
  if (!properties.some((id) => decided.has(id)))
    throw new Error(`a run of ${scenario.name} decided none of ${properties.join(', ')}`);
  return outcome.stats.distinct;
}

function runRow(base: Scenario, spec: HistoryRowSpec, options: HistoryOptions): HistoryRow {
  const started = Date.now();
  const scenario: Scenario = { ...base, kernel: spec.kernel, functions: {}, srcu: spec.srcu };
  const decided: Decided = new Map();
  for (const [id, reason] of inapplicableProperties(scenario))
    if (base.properties.includes(id)) decided.set(id, { kind: 'not-applicable', reason });
  let states = 0;
  let runs = 0;
  const open = () => base.properties.filter((id) => !decided.has(id));
  const single = options.perProperty ? open().map((id) => [id]) : undefined;
  const nextBatch = (): readonly KernelPropertyId[] => (single ? (single.shift() ?? []) : open());
  for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
    states += runOnce(scenario, batch, options, decided);
    runs++;
  }
  const flags = [`--kernel ${spec.kernel}`, `--srcu ${spec.srcu}`, ...options.flags];
  const cells = base.properties.map((property) => ({
    property,
    verdict: decided.get(property)!,
    command: ['mmucheck check', options.scenarioArg, ...flags, `--property ${property}`].join(' '),
  }));
  return { ...spec, cells, states, runs, elapsedMs: Date.now() - started };
}

/** The history table of `scenario`: one row per version (and SRCU), one cell per property. */
export function runHistory(checked: Scenario, options: HistoryOptions): History {
  const started = Date.now();
  const columns = PROPERTY_IDS.filter((id) => checked.properties.includes(id));
  const scenario: Scenario = { ...checked, properties: columns };
  const specs = historyRows(scenario, options.srcus);
  const rows: HistoryRow[] = [];
  for (const spec of specs) {
    const row = runRow(scenario, spec, options);
    rows.push(row);
    options.onRow?.(row, rows.length - 1, specs.length);
  }
  return {
    scenario,
    properties: columns,
    perProperty: options.perProperty === true,
    rows,
    elapsedMs: Date.now() - started,
  };
}
