/** The opening every replay report shares: what was replayed, the header of its model, and the verdict at its last state. */
import type { Violation } from '../../checker/Outcome.js';
import { escapeText as t } from '../../model/safeText.js';
import type { Palette } from './colour.js';

/** The lines before the steps: `header` says what the trace was replayed on (a scenario, a model file). */
export function replayOpening(
  file: string,
  stepCount: number,
  header: readonly string[],
  violations: readonly Violation[],
  p: Palette,
): string[] {
  const [primary, ...others] = violations;
  const n = stepCount;
  return [
    `replay     ${t(file)}: ${n} step${n === 1 ? '' : 's'}, each enabled in the model and each state matching`,
    ...header,
    '',
    primary
      ? p.bad(`ENDS IN A VIOLATION  ${t(primary.propertyId)}: ${t(primary.propertyName)}`) +
        (others.length
          ? `\n          also violated at the same step: ${others.map((v) => t(v.propertyId)).join(', ')}`
          : '')
      : p.good('ENDS WITHOUT A VIOLATION: no checked property is violated at its last state'),
  ];
}
