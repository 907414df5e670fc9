/** The report of `mmucheck replay` for a trace saved from a model file: what was replayed, the verdict at its last state, the steps. */
import { escapeText as t } from '../../model/safeText.js';
import type { Palette } from '../render/colour.js';
import type { ReplayedModelTrace } from './replayModelFileTrace.js';
import { stepList } from '../render/stepList.js';
import { replayOpening } from '../render/replayOpening.js';

/** The replayed trace as text, in the layout of a model file's check report. */
export function modelReplayReport(file: string, r: ReplayedModelTrace, p: Palette): string {
  const [primary] = r.violations;
  const n = r.steps.length;
  const { name, description } = r.loaded;
  const header = [`model      ${t(name)}${description ? `: ${t(description)}` : ''}`, `file       ${t(r.loaded.file)}`];
  const lines = replayOpening(file, n, header, r.violations, p, r.lasso);
  const failure = primary?.message;
  if (n > 0)
    lines.push(
      '',
      ...stepList(
        {
          steps: r.steps,
          ...(r.lasso === undefined ? {} : { cycleStart: r.lasso.cycleStart }),
          ...(failure === undefined ? {} : { failure }),
          references: [],
          threads: [],
        },
        p,
      ),
    );
  return lines.join('\n') + '\n';
}
