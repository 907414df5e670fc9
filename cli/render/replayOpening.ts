/** The opening every replay report shares: what was replayed, the header of its model, and the verdict at its last state. */
import type { Violation } from '../../checker/Outcome.js';
import { escapeText as t } from '../../model/safeText.js';
import type { Palette } from './colour.js';
import { lassoShape, loopState } from './loopMarks.js';
import { loopFairnessLine, type LoopFairness } from '../formats/loopFairness.js';

/** What a replayed lasso adds: where its loop begins, and whether the loop is weakly fair. */
export interface ReplayedLasso {
  readonly cycleStart: number;
  readonly fairness: LoopFairness | undefined;
}

/** The lines that say the trace is a lasso whose loop closes, and whether the loop is weakly fair. */
function lassoLines(lasso: ReplayedLasso | undefined, n: number): string[] {
  if (lasso === undefined) return [];
  return [
    `lasso      ${lassoShape(lasso.cycleStart, n)}: the last state is ${loopState(lasso.cycleStart)} again, so the loop repeats forever`,
    ...(lasso.fairness === undefined ? [] : [`fairness   ${loopFairnessLine(lasso.fairness)}`]),
  ];
}

/** The lines before the steps: `header` says what the trace was replayed on (a scenario, a model file). */
export function replayOpening(
  file: string,
  stepCount: number,
  header: readonly string[],
  violations: readonly Violation[],
  p: Palette,
  lasso?: ReplayedLasso,
): string[] {
  const [primary, ...others] = violations;
  const n = stepCount;
  return [
    `replay     ${t(file)}: ${n} step${n === 1 ? '' : 's'}, each enabled in the model and each state matching`,
    ...lassoLines(lasso, n),
    ...header,
    '',
    primary
      ? p.bad(
          `${lasso === undefined ? 'ENDS IN A VIOLATION' : 'LOOPS FOREVER IN A VIOLATION'}  ${t(primary.propertyId)}: ${t(primary.propertyName)}`,
        ) +
        (others.length
          ? `\n          also violated at the same step: ${others.map((v) => t(v.propertyId)).join(', ')}`
          : '')
      : lasso === undefined
        ? p.good('ENDS WITHOUT A VIOLATION: no checked property is violated at its last state')
        : p.good('LOOPS FOREVER WITHOUT A VIOLATION: no checked property is violated along the run'),
  ];
}
