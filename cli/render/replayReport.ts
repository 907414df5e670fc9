/** The report of `mmucheck replay`: the saved trace as replayed on the model, and whether it ends in a violation. */
import type { ReplayedTrace } from '../formats/replaySavedTrace.js';
import type { Palette } from './colour.js';
import { describeScenario } from './describeScenario.js';
import { traceLines, type TextLayout } from './textReport.js';
import { finishedAt } from './finishedAt.js';
import type { TraceView } from './TraceView.js';
import { ruleVersionsOf } from './propertyGlossary.js';
import { replayOpening } from './replayOpening.js';

/** The replayed trace as text: what was replayed, the verdict at its last state, the steps. */
export function replayReport(file: string, r: ReplayedTrace, layout: TextLayout, p: Palette): string {
  const [primary] = r.violations;
  const view: TraceView = {
    steps: r.steps,
    ...(r.lasso === undefined ? {} : { cycleStart: r.lasso.cycleStart }),
    ...(primary ? { failure: primary.message, property: primary.propertyId } : {}),
    ruleVersions: ruleVersionsOf(r.model.scenario),
    cpus: true,
    references: r.references,
    threads: r.model.spec.threads.map((t) => ({ name: t.name, ...(t.cpu === undefined ? {} : { cpu: t.cpu }) })),
    finishedAt: finishedAt(r.model, r.trace),
  };
  const n = r.steps.length;
  const lines = replayOpening(file, n, describeScenario(r.model), r.violations, p, r.lasso);
  if (n > 0) lines.push('', ...traceLines(view, layout, p));
  return lines.join('\n') + '\n';
}
