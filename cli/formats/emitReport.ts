/**
 * The report formats of `mmucheck check` and where a report goes: stdout, or the file named by
 * `--out`. Flags that only make sense with one format are refused with the others, before the run.
 */
import { InputError } from '../../model/InputError.js';
import type { Io } from '../Io.js';
import type { CheckRun } from '../runCheck.js';
import { palette } from '../render/colour.js';
import { jsonReport } from '../render/jsonReport.js';
import { textReport } from '../render/textReport.js';
import { terminalWidth } from '../render/terminalWidth.js';
import { dotStateGraph } from './dotStateGraph.js';
import { dotTrace } from './dotTrace.js';
import { htmlReport } from './htmlReport.js';
import { kernelRunView } from '../report/kernelRunView.js';
import { itfTrace } from './itfTrace.js';
import { sarifLog } from './sarifLog.js';
import { requireWritableOut, writeReportFile } from './reportFile.js';

/** Every report format, the default first. */
export const REPORT_FORMATS = ['text', 'json', 'itf', 'sarif', 'dot', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The flags that choose a report and where it goes. */
export interface ReportFlags {
  readonly format: ReportFormat;
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
  if (flags.columns && flags.format !== 'text')
    throw new InputError(`applies to --format text only, not ${flags.format}`, undefined, '--columns');
  if (flags.graph && flags.format !== 'dot')
    throw new InputError(`applies to --format dot only, not ${flags.format}`, undefined, '--graph');
  if (flags.out !== undefined) requireWritableOut(flags.out);
}

/** The report of `run` in the chosen format, as text. */
export function formatReport(run: CheckRun, flags: ReportFlags, io: Io): string {
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  switch (flags.format) {
    case 'json':
      return json(jsonReport(run));
    case 'itf':
      return json(itfTrace(kernelRunView(run)));
    case 'sarif':
      return json(sarifLog(kernelRunView(run)));
    case 'dot':
      return flags.graph ? dotStateGraph(kernelRunView(run)) : dotTrace(kernelRunView(run));
    case 'html':
      return htmlReport(kernelRunView(run));
    case 'text': {
      const colour = flags.color !== false && flags.out === undefined && io.stdoutIsTty && !process.env['NO_COLOR'];
      return textReport(run, palette(colour), { columns: flags.columns === true, width: terminalWidth(io) });
    }
  }
}

/** Writes the report of `run` to stdout, or to the `--out` file (a failure there is an OutputError: exit 5). */
export function emitReport(io: Io, run: CheckRun, flags: ReportFlags): void {
  const text = formatReport(run, flags, io);
  if (flags.out === undefined) return io.out(text);
  writeReportFile(flags.out, text);
}
