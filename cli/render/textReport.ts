/**
 * The human-readable report of a run, a kernel scenario's or a model file's: what was checked (the
 * view's header), the verdict, the shortest trace with its changes and why, the witnesses of an ok
 * run, the statistics, the expected verdict (a scenario file's) and the command that reproduces it.
 */
import type { Stats } from '../../checker/Stats.js';
import type { ModelErrorOutcome, Violation } from '../../checker/Outcome.js';
import type { Palette } from './colour.js';
import { stepList, whyLines } from './stepList.js';
import { stepColumns } from './stepColumns.js';
import type { TraceView } from './TraceView.js';
import { raisingStepLines } from './raisingStep.js';
import { INCOMPLETE_REASONS as REASONS } from './incompleteReasons.js';
import { escapeText as t } from '../../model/safeText.js';
import { count, properties } from './plural.js';
import { checkedIds, counterexampleName, type RunView } from '../report/RunView.js';
import { traceViewOfRun } from '../report/traceViewOfRun.js';
import { continuedLines, continuedStatsLine } from './continuedLines.js';
import { coverageLines } from './coverageReport.js';
import { lassoShape } from './loopMarks.js';

/** How the trace is laid out: a list of steps (default) or one column per thread within `width` characters. */
export interface TextLayout {
  readonly columns?: boolean;
  readonly width?: number;
}

/** The default width of the column view when the terminal's is unknown. */
export const DEFAULT_WIDTH = 120;

/** The statistics line. */
function statsLine(stats: Stats): string {
  const seconds = (stats.elapsedMs / 1000).toFixed(2);
  const rate = Math.round(stats.statesPerSecond).toLocaleString('en-US');
  return (
    `${count(stats.distinct, 'distinct state')}, ${stats.generated.toLocaleString('en-US')} generated, ` +
    `depth ${stats.depth}, ${seconds} s (${rate} states/s), ` +
    (stats.exact === true
      ? 'exact: every state stored in full, no fingerprint collision possible (one worker)'
      : `fingerprint collision probability ${stats.collisionProbability.toExponential(1)}`)
  );
}

/** What the run reduced by, when it did: the counts above are of states up to renaming those threads. */
export function reductionLines(stats: Stats): string[] {
  if (stats.symmetry === undefined) return [];
  return [
    `symmetry   one state stored per orbit of the interchangeable ${stats.symmetry.map(t).join('; ')}: distinct states are counted up to renaming them (--no-symmetry counts every one)`,
  ];
}

/** The trace in the layout asked for, then why it fails. */
export function traceLines(view: TraceView, layout: TextLayout, p: Palette): string[] {
  const steps = layout.columns ? stepColumns(view, layout.width ?? DEFAULT_WIDTH, p) : stepList(view, p);
  return [...steps, ...whyLines(view)];
}

function okLines(run: RunView, p: Palette): string[] {
  const lines = [p.good(`ALL PROPERTIES HOLD on every reachable state (${properties(checkedIds(run).length)})`)];
  for (const w of run.witnesses) {
    lines.push('', `Witness of ${t(w.propertyId)}: ${t(w.propertyName)} (shortest: ${count(w.steps.length, 'step')})`);
    lines.push(...stepList({ steps: w.steps, references: [], threads: run.threads }, p));
  }
  return lines;
}

function modelErrorLines(run: RunView, o: ModelErrorOutcome<unknown, unknown>, layout: TextLayout, p: Palette) {
  return [
    p.bad(`MODEL ERROR: ${t(o.message)}`),
    ...raisingStepLines(run.viewer, o, p),
    ...(run.steps.length
      ? ['', 'Trace to the state that raised it:', ...traceLines(traceViewOfRun(run), layout, p)]
      : []),
  ];
}

function violationLines(run: RunView, violations: readonly Violation[], layout: TextLayout, p: Palette): string[] {
  const [primary, ...others] = violations;
  const ids = others.map((v) => t(v.propertyId)).join(', ');
  const lines = [p.bad(`VIOLATED  ${t(primary!.propertyId)}: ${t(primary!.propertyName)}`)];
  // A `sometimes` property that no reachable state satisfies fails over the whole space: no trace shows it.
  if (primary!.noWitness) {
    if (others.length) lines.push(`          no witness either: ${ids}`);
    return [
      ...lines,
      '',
      `Why: ${t(primary!.message)}.`,
      'The model never reaches such a state: its other properties may hold only because nothing happens.',
    ];
  }
  if (others.length) lines.push(`          also violated at the same step: ${ids}`);
  const name = counterexampleName(run);
  const cycleStart = run.trace?.cycleStart;
  const loops = run.steps.length === 1 ? 'loops' : 'loop';
  const shape = cycleStart === undefined ? '' : ` that ${loops} forever (${lassoShape(cycleStart, run.steps.length)})`;
  lines.push('', `${name[0]!.toUpperCase()}${name.slice(1)}: ${count(run.steps.length, 'step')}${shape}`);
  lines.push(...traceLines(traceViewOfRun(run), layout, p));
  return lines;
}

function verdictLines(run: RunView, layout: TextLayout, p: Palette): string[] {
  const o = run.outcome;
  switch (o.kind) {
    case 'ok':
      return okLines(run, p);
    case 'incomplete':
      return [p.warn(`INCOMPLETE: ${REASONS[o.reason] ?? o.reason} before a verdict; nothing is proven`)];
    case 'modelError':
      return modelErrorLines(run, o, layout, p);
    case 'violation': {
      const entry = (view: RunView) => {
        const v = view.outcome;
        return v.kind === 'violation' ? violationLines(view, v.violations, layout, p) : [];
      };
      return run.continued ? continuedLines(run.continued, p, entry) : violationLines(run, o.violations, layout, p);
    }
  }
}

/** The line that says whether the run matched the scenario file's expected verdict, when it was decided. */
function expectationLines(run: RunView, p: Palette): string[] {
  const e = run.expectation;
  if (e === undefined || e.matches === undefined) return [];
  const what = e.expect.verdict === 'ok' ? 'all properties hold' : `${e.expect.property} violated`;
  return [`expected   ${what}: ${e.matches ? p.good('as expected') : p.bad('NOT as expected')}`];
}

/** The whole text report. */
export function textReport(run: RunView, p: Palette, layout: TextLayout = {}): string {
  const lines = [
    ...run.header,
    ...(run.simulation?.lines ?? []),
    '',
    ...verdictLines(run, layout, p),
    '',
    ...(run.coverage === undefined ? [] : [...coverageLines(run.coverage, run.outcome, p), '']),
    run.simulation?.stats ?? statsLine(run.outcome.stats),
    ...(run.continued ? [continuedStatsLine(run.continued)] : []),
    ...(run.simulation ? [] : reductionLines(run.outcome.stats)),
    ...expectationLines(run, p),
    `reproduce  ${t(run.command)}`,
  ];
  return lines.join('\n') + '\n';
}
