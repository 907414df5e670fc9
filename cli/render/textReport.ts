/** The human-readable report of a run: header, verdict, the shortest trace with its changes, why, statistics. */
import type { CheckRun } from '../runCheck.js';
import { matchesExpectation } from '../runCheck.js';
import type { RenderedStep } from '../../checker/renderSteps.js';
import type { Stats } from '../../checker/CheckOptions.js';
import { describeScenario } from './describeScenario.js';
import type { Palette } from './colour.js';

const REASONS: Record<string, string> = {
  maxStates: 'the --max-states bound was reached',
  maxDepth: 'the --max-depth bound was reached with states left to expand',
  timeout: 'the --timeout ran out',
  memory: 'the memory bound was reached',
  interrupted: 'the run was interrupted',
};

function value(v: unknown): string {
  return v === null || v === undefined ? '—' : String(v);
}

/** One trace step: number, thread, CPU, function, statement, and the fields it changed. */
function stepLines(s: RenderedStep, width: number, failing: string | undefined, p: Palette): string[] {
  const marker = failing !== undefined ? p.bad('>') : ' ';
  const head = `${marker}${String(s.step).padStart(4)}  ${s.thread.padEnd(width)}  ${s.cpu === undefined ? '    ' : `cpu${s.cpu}`}  ${p.bold(s.fn)}`;
  const indent = ' '.repeat(width + 17);
  const lines = [head, `${indent}${s.code}`];
  for (const c of s.changes) lines.push(p.dim(`${indent}${c.field}: ${value(c.from)} → ${value(c.to)}`));
  if (failing !== undefined) lines.push(p.bad(`${indent}✗ ${failing}`));
  return lines;
}

/** The statistics line. */
export function statsLine(stats: Stats): string {
  const seconds = (stats.elapsedMs / 1000).toFixed(2);
  const rate = Math.round(stats.statesPerSecond).toLocaleString('en-US');
  return (
    `${stats.distinct.toLocaleString('en-US')} distinct states, ${stats.generated.toLocaleString('en-US')} generated, ` +
    `depth ${stats.depth}, ${seconds} s (${rate} states/s), fingerprint collision probability ${stats.collisionProbability.toExponential(1)}`
  );
}

function traceLines(run: CheckRun, failing: string | undefined, p: Palette): string[] {
  const width = Math.max(6, ...run.steps.map((s) => s.thread.length));
  return run.steps.flatMap((s, i) => stepLines(s, width, i === run.steps.length - 1 ? failing : undefined, p));
}

function verdictLines(run: CheckRun, p: Palette): string[] {
  const o = run.outcome;
  switch (o.kind) {
    case 'ok':
      return [p.good(`ALL PROPERTIES HOLD on every reachable state (${run.scenario.properties.length} properties)`)];
    case 'incomplete':
      return [p.warn(`INCOMPLETE: ${REASONS[o.reason] ?? o.reason} before a verdict; nothing is proven`)];
    case 'modelError':
      return [p.bad(`MODEL ERROR: ${o.message}`), ...(run.steps.length ? ['', 'Trace to the state that raised it:', ...traceLines(run, o.message, p)] : [])];
    case 'violation': {
      const [primary, ...others] = o.violations;
      const lines = [p.bad(`VIOLATED  ${primary!.propertyId}: ${primary!.propertyName}`)];
      if (others.length) lines.push(`          also violated at the same step: ${others.map((v) => v.propertyId).join(', ')}`);
      lines.push('', `Shortest counterexample: ${run.steps.length} step${run.steps.length === 1 ? '' : 's'}`);
      lines.push(...traceLines(run, primary!.message, p));
      lines.push('', `Why: ${primary!.message}.`);
      for (const r of run.references) lines.push(`  step ${r.step}: ${r.note}`);
      return lines;
    }
  }
}

/** The whole text report. */
export function textReport(run: CheckRun, p: Palette): string {
  const lines = [...describeScenario(run.model), '', ...verdictLines(run, p), '', statsLine(run.outcome.stats)];
  const matches = matchesExpectation(run);
  const expect = run.scenario.expect;
  if (expect && matches !== undefined) {
    const what = expect.verdict === 'ok' ? 'all properties hold' : `${expect.property} violated`;
    lines.push(`expected   ${what}: ${matches ? p.good('as expected') : p.bad('NOT as expected')}`);
  }
  lines.push(`reproduce  ${run.command}`);
  return lines.join('\n') + '\n';
}
