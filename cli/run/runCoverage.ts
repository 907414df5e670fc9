/**
 * `check --coverage` in a run: which models it can count, and the run's view with the coverage
 * table of its tally (the counting is the checker's, StatementCoverage.ts; the table and its
 * rendering are coverageReport.ts's).
 */
import type { Outcome } from '../../checker/Outcome.js';
import { statementsOf, type CoverageTally } from '../../checker/StatementCoverage.js';
import { InputError } from '../../model/InputError.js';
import type { Model } from '../../model/Model.js';
import type { Statement } from '../../model/Statement.js';
import { coverageTable } from '../render/coverageReport.js';
import type { RunView } from '../report/RunView.js';
import type { RunSource } from './RunSource.js';

/** Refuses, before the search, a model whose steps coverage cannot name: one without `actionView`. */
export function requireCoverable(model: Model<unknown, unknown>): void {
  if (typeof model.actionView !== 'function')
    throw new InputError(
      'needs a model with actionView(), which names the function and statement of each action; this model has none (a ProgramModel has one)',
      undefined,
      '--coverage',
    );
}

/** The model's statements, or undefined when it lists none (or its list breaks the contract, which the run reports). */
function listedStatements(model: Model<unknown, unknown>): readonly Statement[] | undefined {
  try {
    return statementsOf(model);
  } catch {
    return undefined;
  }
}

/**
 * The view of `source`'s run ended with `outcome`, with the coverage of `tally` when the run counts
 * it; `gathered` is false for the report of a run ended from outside its search, whose counts are
 * never summed.
 */
export function coverageOf(
  source: RunSource,
  tally: CoverageTally | undefined,
  outcome: Outcome<unknown, unknown>,
  gathered = true,
): RunView {
  const view = source.view(outcome);
  if (tally === undefined) return view;
  const table = coverageTable(tally.executed(), listedStatements(source.model), outcome, gathered);
  return { ...view, coverage: table };
}
