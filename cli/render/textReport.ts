/** The human-readable report of a run: header, verdict, the shortest trace with its changes, why, statistics. */
import type { CheckRun } from '../runCheck.js';
import { matchesExpectation } from '../runCheck.js';
import type { Stats } from '../../checker/Stats.js';
import { describeScenario } from './describeScenario.js';
import type { Palette } from './colour.js';
import { stepList, whyLines } from './stepList.js';
import { stepColumns } from './stepColumns.js';
import { traceViewOf } from './traceViewOf.js';
import type { TraceView } from './TraceView.js';
import { raisingStepLines } from './raisingStep.js';
import { INCOMPLETE_REASONS as REASONS } from './incompleteReasons.js';
import { escapeText } from '../../model/safeText.js';
import { count, properties } from './plural.js';

/** How the trace is laid out: a list of steps (default) or one column per thread within `width` characters. */
export interface TextLayout {
  readonly columns?: boolean;
  readonly width?: number;
}

/** The default width of the column view when the terminal's is unknown. */
export const DEFAULT_WIDTH = 120;

/** The statistics line. */
export function statsLine(stats: Stats): string {
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

/** The trace in the layout asked for, then why it fails. */
export function traceLines(view: TraceView, layout: TextLayout, p: Palette): string[] {
  const steps = layout.columns ? stepColumns(view, layout.width ?? DEFAULT_WIDTH, p) : stepList(view, p);
  return [...steps, ...whyLines(view)];
}

function verdictLines(run: CheckRun, layout: TextLayout, p: Palette): string[] {
  const o = run.outcome;
  switch (o.kind) {
    case 'ok':
      return [p.good(`ALL PROPERTIES HOLD on every reachable state (${properties(run.scenario.properties.length)})`)];
    case 'incomplete':
      return [p.warn(`INCOMPLETE: ${REASONS[o.reason] ?? o.reason} before a verdict; nothing is proven`)];
    case 'modelError':
      return [
        p.bad(`MODEL ERROR: ${escapeText(o.message)}`),
        ...raisingStepLines(run.model, o, p),
        ...(run.steps.length
          ? ['', 'Trace to the state that raised it:', ...traceLines(traceViewOf(run), layout, p)]
          : []),
      ];
    case 'violation': {
      const [primary, ...others] = o.violations;
      const lines = [p.bad(`VIOLATED  ${primary!.propertyId}: ${primary!.propertyName}`)];
      if (others.length)
        lines.push(`          also violated at the same step: ${others.map((v) => v.propertyId).join(', ')}`);
      lines.push('', `Shortest counterexample: ${count(run.steps.length, 'step')}`);
      lines.push(...traceLines(traceViewOf(run), layout, p));
      return lines;
    }
  }
}

/** The whole text report. */
export function textReport(run: CheckRun, p: Palette, layout: TextLayout = {}): string {
  const lines = [...describeScenario(run.model), '', ...verdictLines(run, layout, p), '', statsLine(run.outcome.stats)];
  const matches = matchesExpectation(run);
  const expect = run.scenario.expect;
  if (expect && matches !== undefined) {
    const what = expect.verdict === 'ok' ? 'all properties hold' : `${expect.property} violated`;
    lines.push(`expected   ${what}: ${matches ? p.good('as expected') : p.bad('NOT as expected')}`);
  }
  lines.push(`reproduce  ${escapeText(run.command)}`);
  return lines.join('\n') + '\n';
}
