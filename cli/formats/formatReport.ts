/**
 * The report formats of `mmucheck check`, the same for a kernel scenario and a model file. Flags
 * that only make sense with one format are refused with the others, before the run.
 */
import { InputError } from '../../model/InputError.js';
import type { Io } from '../Io.js';
import { palette } from '../render/colour.js';
import { jsonReport } from '../render/jsonReport.js';
import { textReport } from '../render/textReport.js';
import { terminalWidth } from '../render/terminalWidth.js';
import { dotStateGraph } from './dotStateGraph.js';
import { dotTrace } from './dotTrace.js';
import { htmlReport } from './htmlReport.js';
import type { RunView } from '../report/RunView.js';
import { itfTrace } from './itfTrace.js';
import { sarifLog } from './sarifLog.js';
import { requireWritableOut } from './reportFile.js';

/** Every report format, the default first. */
export const REPORT_FORMATS = ['text', 'json', 'itf', 'sarif', 'dot', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The flags that choose a report and where it goes. */
export interface ReportFlags {
  /** Text when not given (`explain` has no formats). */
  readonly format?: ReportFormat;
  /** Write the report to this file instead of stdout. */
  readonly out?: string;
  /** Text only: one column per thread. */
  readonly columns?: boolean;
  /** Dot only: the whole state graph instead of the counterexample. */
  readonly graph?: boolean;
  /** False with --no-color. */
  readonly color?: boolean;
}

/** Refuses flags that do not apply to the chosen format, and an `--out` file the report could not be written to. */
export function requireReportFlags(flags: ReportFlags): void {
  const format = flags.format ?? 'text';
  if (flags.columns && format !== 'text')
    throw new InputError(`applies to --format text only, not ${format}`, undefined, '--columns');
  if (flags.graph && format !== 'dot')
    throw new InputError(`applies to --format dot only, not ${format}`, undefined, '--graph');
  if (flags.out !== undefined) requireWritableOut(flags.out);
}

/** The report of `run` in the chosen format, as text. */
export function formatReport(run: RunView, flags: ReportFlags, io: Io): string {
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  switch (flags.format ?? 'text') {
    case 'json':
      return json(jsonReport(run));
    case 'itf':
      return json(itfTrace(run, flags.out === undefined ? {} : { out: flags.out }));
    case 'sarif':
      return json(sarifLog(run));
    case 'dot':
      // A model that broke its contract is not explored again for the graph: the trace to the error is drawn.
      return flags.graph === true && run.outcome.kind !== 'modelError' ? dotStateGraph(run) : dotTrace(run);
    case 'html':
      return htmlReport(run);
    case 'text': {
      const colour = flags.color !== false && flags.out === undefined && io.stdoutIsTty && !process.env['NO_COLOR'];
      return textReport(run, palette(colour), { columns: flags.columns === true, width: terminalWidth(io) });
    }
  }
}
