/**
 * Statement coverage as reports show it (`check --coverage`): the run's counts grouped by function
 * in the model's statement order, the statements never executed, and what the counts cover (the
 * whole reachable space, or only what a run that stopped early explored). One table, rendered as
 * text lines and as the JSON report's `coverage` and `coverageSummary`.
 */
import type { Outcome } from '../../checker/Outcome.js';
import type { StatementCount } from '../../checker/StatementCoverage.js';
import type { Statement } from '../../model/Statement.js';
import { escapeText as t } from '../../model/safeText.js';
import type { Palette } from './colour.js';
import { count } from './plural.js';

/**
 * What the counts cover: `complete`, every reachable state was expanded; `explored`, the run
 * stopped early (a bound, a violation, a model error) and only what it explored is counted;
 * `not-gathered`, the run was ended from outside its search before its counts were summed.
 */
export type CoverageScope = 'complete' | 'explored' | 'not-gathered';

/** One function's statements with their counts (0: never executed), in the model's order. */
export interface FunctionCoverage {
  readonly fn: string;
  readonly statements: readonly { readonly code: string; readonly count: number }[];
}

/** A run's statement coverage, ready to render. */
export interface CoverageTable {
  readonly scope: CoverageScope;
  readonly functions: readonly FunctionCoverage[];
  /** Statements executed at least once. */
  readonly executed: number;
  /** Statements the model lists; undefined when it lists none, so those never executed are unknown. */
  readonly total: number | undefined;
  /** Transitions counted: the sum of the counts. */
  readonly transitions: number;
}

const byText = (a: Statement, b: Statement) =>
  a.fn < b.fn ? -1 : a.fn > b.fn ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

/**
 * The table of `executed` over the model's `statements` (undefined: the model lists none): every
 * listed statement in its order, then any executed statement the list lacks, by function and text,
 * so the table is the same whatever order the search threads' counts were summed in.
 */
export function coverageTable(
  executed: readonly StatementCount[],
  statements: readonly Statement[] | undefined,
  outcome: Outcome<unknown, unknown>,
  gathered = true,
): CoverageTable {
  const counts = new Map(executed.map((c) => [`${c.fn}\u0000${c.code}`, c.count]));
  const listed = statements ?? [];
  const known = new Set(listed.map((s) => `${s.fn}\u0000${s.code}`));
  const extra = executed.filter((c) => !known.has(`${c.fn}\u0000${c.code}`)).sort(byText);
  const functions = new Map<string, { code: string; count: number }[]>();
  for (const s of [...listed, ...extra]) {
    const rows = functions.get(s.fn) ?? [];
    rows.push({ code: s.code, count: counts.get(`${s.fn}\u0000${s.code}`) ?? 0 });
    functions.set(s.fn, rows);
  }
  return {
    scope: !gathered ? 'not-gathered' : outcome.kind === 'ok' ? 'complete' : 'explored',
    functions: [...functions].map(([fn, rows]) => ({ fn, statements: rows })),
    executed: executed.filter((c) => c.count > 0).length,
    total: statements === undefined ? undefined : listed.length + extra.length,
    transitions: executed.reduce((n, c) => n + c.count, 0),
  };
}

/** What the counts cover, in words. */
function scopeNote(table: CoverageTable, outcome: Outcome<unknown, unknown>): string {
  if (table.scope === 'complete') return 'every reachable state was expanded';
  const stop =
    outcome.kind === 'violation'
      ? 'the search stopped at the violation'
      : outcome.kind === 'modelError'
        ? 'the search stopped at the model error'
        : 'the run is incomplete';
  return `${stop}: these counts are of the states explored, and a statement never executed here may run in the rest`;
}

/** The text report's section. */
export function coverageLines(table: CoverageTable, outcome: Outcome<unknown, unknown>, p: Palette): string[] {
  if (table.scope === 'not-gathered')
    return [
      'Statement coverage: not gathered (the run was ended from outside its search before its counts were summed)',
    ];
  const of = table.total === undefined ? '' : ` of ${table.total.toLocaleString('en-US')}`;
  const lines = [
    `Statement coverage: ${table.executed.toLocaleString('en-US')}${of} statements executed, by ${count(table.transitions, 'transition')}`,
    `  (${scopeNote(table, outcome)})`,
  ];
  const width = Math.max(
    11,
    ...table.functions.flatMap((f) => f.statements.map((s) => s.count.toLocaleString('en-US').length)),
  );
  lines.push(`  ${'transitions'.padStart(width)}  function / statement`);
  for (const f of table.functions) {
    const run = f.statements.filter((s) => s.count > 0);
    if (run.length === 0) continue;
    lines.push(`  ${''.padStart(width)}  ${t(f.fn)}`);
    for (const s of run) lines.push(`  ${s.count.toLocaleString('en-US').padStart(width)}    ${t(s.code)}`);
  }
  lines.push('', ...unreachedLines(table, p));
  return lines;
}

/** The statements never executed, per function, or why they cannot be listed. */
function unreachedLines(table: CoverageTable, p: Palette): string[] {
  if (table.total === undefined)
    return [
      p.warn(
        'Never executed: unknown. The model does not list its statements (it has no statements()), so only those executed are shown; this is not full coverage.',
      ),
    ];
  const missed = table.functions
    .map((f) => ({
      fn: f.fn,
      never: f.statements.filter((s) => s.count === 0),
      entered: f.statements.some((s) => s.count > 0),
    }))
    .filter((f) => f.never.length > 0);
  const n = missed.reduce((sum, f) => sum + f.never.length, 0);
  if (n === 0) return [p.good('Never executed: none; every statement of the model ran')];
  const lines = [p.warn(`Never executed: ${count(n, 'statement')} in ${count(missed.length, 'function')}`)];
  for (const f of missed) {
    lines.push(`  ${t(f.fn)}${f.entered ? '' : ' (no statement of it ran)'}`);
    for (const s of f.never) lines.push(`      ${t(s.code)}`);
  }
  return lines;
}

/** The JSON report's `coverage` (one entry per statement, 0 for one never executed) and `coverageSummary`. */
export function coverageJson(table: CoverageTable) {
  return {
    coverage:
      table.scope === 'not-gathered'
        ? null
        : table.functions.flatMap((f) => f.statements.map((s) => ({ fn: f.fn, code: s.code, count: s.count }))),
    coverageSummary: {
      scope: table.scope,
      executed: table.scope === 'not-gathered' ? null : table.executed,
      statements: table.scope === 'not-gathered' ? null : (table.total ?? null),
      unreachedListed: table.scope !== 'not-gathered' && table.total !== undefined,
      transitions: table.scope === 'not-gathered' ? null : table.transitions,
    },
  };
}
