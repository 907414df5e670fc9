/** The report of `mmucheck replay` for a trace saved from a model file: what was replayed, the verdict at its last state, the steps. */
import { escapeText as t } from '../../model/safeText.js';
import type { Palette } from '../render/colour.js';
import type { ReplayedModelTrace } from './replayModelFileTrace.js';
import { stepList } from '../render/stepList.js';

/** The replayed trace as text, in the layout of a model file's check report. */
export function modelReplayReport(file: string, r: ReplayedModelTrace, p: Palette): string {
  const [primary, ...others] = r.violations;
  const n = r.steps.length;
  const { name, description } = r.loaded;
  const lines = [
    `replay     ${t(file)}: ${n} step${n === 1 ? '' : 's'}, each enabled in the model and each state matching`,
    `model      ${t(name)}${description ? `: ${t(description)}` : ''}`,
    `file       ${t(r.loaded.file)}`,
    '',
    primary
      ? p.bad(`ENDS IN A VIOLATION  ${t(primary.propertyId)}: ${t(primary.propertyName)}`) +
        (others.length
          ? `\n          also violated at the same step: ${others.map((v) => t(v.propertyId)).join(', ')}`
          : '')
      : p.good('ENDS WITHOUT A VIOLATION: no checked property is violated at its last state'),
  ];
  const failure = primary?.message;
  if (n > 0)
    lines.push(
      '',
      ...stepList({ steps: r.steps, ...(failure === undefined ? {} : { failure }), references: [], threads: [] }, p),
    );
  return lines.join('\n') + '\n';
}
