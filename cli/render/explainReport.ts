/** The whole `mmucheck explain` report: what was checked, then the narrated violation or what was proven. */
import type { CheckOptions } from '../../checker/CheckOptions.js';
import type { RunView } from '../report/RunView.js';
import { traceViewOfRun } from '../report/traceViewOfRun.js';
import type { Palette } from './colour.js';
import { narrateViolation, paragraph } from './narrateViolation.js';
import { provenSummary } from './provenSummary.js';
import { escapeText } from '../../model/safeText.js';

/** The explain report of a scenario's `run`, checked with `options`. */
export function explainReport(run: RunView, options: CheckOptions, p: Palette): string {
  const o = run.outcome;
  const body =
    o.kind === 'violation'
      ? narrateViolation(traceViewOfRun(run), o.violations, p)
      : o.kind === 'modelError'
        ? [
            p.bad('MODEL ERROR'),
            ...paragraph(`The model itself failed, so nothing is proven or refuted: ${o.message}.`, '  '),
          ]
        : provenSummary(run, options, p);
  const tail =
    o.kind === 'violation'
      ? `see it as a trace: ${run.command.replace(/^mmucheck explain/, 'mmucheck check')} (add --columns, or --format html --out trace.html)`
      : run.command;
  return [...run.header, '', ...body, '', `reproduce  ${escapeText(tail)}`].join('\n') + '\n';
}
