/** How a history cell reads: short column labels for the text table, and each verdict in a word. */
import type { IncompleteReason } from '../../checker/Outcome.js';
import { INCOMPLETE_REASONS } from '../render/incompleteReasons.js';
import type { CellVerdict, History } from './runHistory.js';

/** Short column labels for the text table (the legend maps them back to property ids). */
const SHORT: Readonly<Record<string, string>> = {
  'no-code-after-unload': 'unload',
  'no-callback-on-freed': 'cb-freed',
  'no-use-after-free': 'uaf',
  'barrier-waits-for-queued': 'barrier',
  'grace-period': 'gp',
  'no-bug-on': 'bug-on',
  'no-null-deref': 'null',
  'list-integrity': 'list',
  'release-before-pages-freed': 'pages',
  'no-stale-mapping': 'stale',
  'no-leak': 'leak',
  'no-deadlock': 'deadlock',
  'release-at-most-once': 'release-1x',
  'callbacks-run': 'cb-run',
  'waits-return': 'waits',
  'threads-finish': 'finish',
  'mm-freed': 'mm-freed',
};

/** The text table's label of property `id`. */
export function shortLabel(id: string): string {
  return SHORT[id] ?? id;
}

/** A cell in a few characters: `ok`, `✗ 16` (violated, 16 steps), `n/a`, `?` (incomplete), `error`. */
export function cellText(v: CellVerdict): string {
  switch (v.kind) {
    case 'pass':
      return 'ok';
    case 'violated':
      return `✗ ${v.length}`;
    case 'not-applicable':
      return 'n/a';
    case 'incomplete':
      return '?';
    case 'model-error':
      return 'error';
  }
}

/** The rows of a note, or `all rows` when it is every row of a table of several. */
function rowsOrAll<T extends { rows: string[] }>(h: History, notes: Iterable<T>): T[] {
  const all = h.rows.length;
  return [...notes].map((x) => (x.rows.length === all && all > 1 ? { ...x, rows: ['all rows'] } : x));
}

/** Every distinct reason a property is not applicable, with the rows it applies to. */
export function notApplicableNotes(h: History): { property: string; reason: string; rows: string[] }[] {
  const notes = new Map<string, { property: string; reason: string; rows: string[] }>();
  for (const row of h.rows) {
    for (const c of row.cells) {
      if (c.verdict.kind !== 'not-applicable') continue;
      const key = `${c.property}\u0000${c.verdict.reason}`;
      const note = notes.get(key) ?? { property: c.property, reason: c.verdict.reason, rows: [] };
      note.rows.push(rowName(row));
      notes.set(key, note);
    }
  }
  return rowsOrAll(h, notes.values());
}

/** Why cells are incomplete (a bound, an interrupt), each with the rows that have such cells. */
export function incompleteNotes(h: History): { reason: string; rows: string[] }[] {
  const notes = new Map<IncompleteReason, { reason: string; rows: string[] }>();
  for (const row of h.rows) {
    const reasons = new Set(row.cells.flatMap((c) => (c.verdict.kind === 'incomplete' ? [c.verdict.reason] : [])));
    for (const reason of reasons) {
      const note = notes.get(reason) ?? { reason: INCOMPLETE_REASONS[reason], rows: [] };
      note.rows.push(rowName(row));
      notes.set(reason, note);
    }
  }
  return rowsOrAll(h, notes.values());
}

/** The cells that ended in an error, one note per row and message (the cells of one run share it), in table order. */
export function errorNotes(h: History): { row: string; properties: string[]; message: string }[] {
  return h.rows.flatMap((row) => {
    const byMessage = new Map<string, string[]>();
    for (const c of row.cells)
      if (c.verdict.kind === 'model-error')
        byMessage.set(c.verdict.message, [...(byMessage.get(c.verdict.message) ?? []), c.property]);
    return [...byMessage].map(([message, properties]) => ({ row: rowName(row), properties, message }));
  });
}

/** A row's name: `v3.17 tree`. */
export function rowName(row: { readonly kernel: string; readonly srcu: string }): string {
  return `${row.kernel} ${row.srcu}`;
}

/** The cells that are not a pass or n/a, in table order: what a reader would want to re-run. */
export function notableCells(h: History) {
  return h.rows.flatMap((row) =>
    row.cells
      .filter((c) => c.verdict.kind !== 'pass' && c.verdict.kind !== 'not-applicable')
      .map((c) => ({ row, cell: c })),
  );
}
