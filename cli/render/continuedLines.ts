/**
 * The text report's verdict for a run of `check --continue` that found violations: a summary with
 * one line per violated property, then each property's violation with its counterexample, in the
 * order found. Properties violated at one state share a counterexample, printed once.
 */
import { escapeText as t } from '../../model/safeText.js';
import type { ContinuedView, RunView, ViolationEntry } from '../report/RunView.js';
import type { Palette } from './colour.js';
import { INCOMPLETE_REASONS } from './incompleteReasons.js';
import { count, properties } from './plural.js';

/** The lines of one entry's violation with its trace (textReport's violationLines, for a view). */
export type EntryLines = (view: RunView) => string[];

/** How long an entry's counterexample is, in the summary. */
function lengthText(e: ViolationEntry): string {
  return e.violation.noWitness === true ? 'no witness' : count(e.view.steps.length, 'step');
}

/** The summary: the properties found violated, and whether the search for more was cut short. */
function summaryLines(c: ContinuedView, p: Palette): string[] {
  const width = Math.max(...c.entries.map((e) => t(e.violation.propertyId).length));
  const lines = [
    p.bad(
      `VIOLATED  ${properties(c.entries.length)} (--continue: every violation, each with its own shortest counterexample)`,
    ),
    ...c.entries.map((e, i) => {
      const shared = c.entries.findIndex((f) => f.counterexample === e.counterexample);
      const same = shared < i ? ` (the counterexample of ${shared + 1})` : '';
      return `  ${String(i + 1).padStart(2)}  ${t(e.violation.propertyId).padEnd(width)}  ${lengthText(e)}${same}`;
    }),
  ];
  if (c.incomplete !== undefined)
    lines.push(
      p.warn(
        `INCOMPLETE: ${INCOMPLETE_REASONS[c.incomplete]} while searching for more; the properties not listed are not proven`,
      ),
    );
  return lines;
}

/** The continued run's verdict: the summary, then every entry. */
export function continuedLines(c: ContinuedView, p: Palette, entryLines: EntryLines): string[] {
  const lines = summaryLines(c, p);
  c.entries.forEach((e, i) => {
    const id = t(e.violation.propertyId);
    lines.push('', p.bad(`── ${i + 1} of ${c.entries.length}: ${id} ──`), '');
    const shared = c.entries.findIndex((f) => f.counterexample === e.counterexample);
    if (shared < i)
      lines.push(
        p.bad(`VIOLATED  ${id}: ${t(e.violation.propertyName)}`),
        `          at the last step of the counterexample of ${shared + 1} (${t(c.entries[shared]!.violation.propertyId)}): ${t(e.violation.message)}`,
      );
    else lines.push(...entryLines(e.view));
  });
  return lines;
}

/** The statistics line of the runs together. */
export function continuedStatsLine(c: ContinuedView): string {
  return `continue   ${count(c.runs, 'search', 'searches')}, ${count(c.distinctInAllRuns, 'distinct state')} in all, ${(c.elapsedMsInAllRuns / 1000).toFixed(2)} s; the line above is the last search's`;
}
