/** The report of `mmucheck replay`: the saved trace as replayed on the model, and whether it ends in a violation. */
import type { ReplayedTrace } from '../formats/replaySavedTrace.js';
import type { Palette } from './colour.js';
import { describeScenario } from './describeScenario.js';
import { traceLines, type TextLayout } from './textReport.js';
import { finishedAt } from './finishedAt.js';
import type { TraceView } from './TraceView.js';
import { ruleVersionsOf } from './propertyGlossary.js';

/** The replayed trace as text: what was replayed, the verdict at its last state, the steps. */
export function replayReport(file: string, r: ReplayedTrace, layout: TextLayout, p: Palette): string {
  const [primary, ...others] = r.violations;
  const view: TraceView = {
    steps: r.steps,
    ...(primary ? { failure: primary.message, property: primary.propertyId } : {}),
    ruleVersions: ruleVersionsOf(r.model.scenario),
    cpus: true,
    references: r.references,
    threads: r.model.spec.threads.map((t) => ({ name: t.name, ...(t.cpu === undefined ? {} : { cpu: t.cpu }) })),
    finishedAt: finishedAt(r.model, r.trace),
  };
  const n = r.steps.length;
  const lines = [
    `replay     ${file}: ${n} step${n === 1 ? '' : 's'}, each enabled in the model and each state matching`,
    ...describeScenario(r.model),
    '',
    primary
      ? p.bad(`ENDS IN A VIOLATION  ${primary.propertyId}: ${primary.propertyName}`) +
        (others.length
          ? `\n          also violated at the same step: ${others.map((v) => v.propertyId).join(', ')}`
          : '')
      : p.good('ENDS WITHOUT A VIOLATION: no checked property is violated at its last state'),
  ];
  if (n > 0) lines.push('', ...traceLines(view, layout, p));
  return lines.join('\n') + '\n';
}
