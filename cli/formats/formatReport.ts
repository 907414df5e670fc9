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
import { itfOfRun } from './itfTrace.js';
import { sarifLog } from './sarifLog.js';
import { requireWritableOut, writeReportFile } from './reportFile.js';
import { resolve } from 'node:path';
import { expectedOneOf } from '../../model/InputError.js';
import { quoteValue } from '../../model/safeText.js';

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
  /** `--report FORMAT=FILE` (repeatable): more reports of the same run, each to its file. */
  readonly report?: readonly string[];
}

/** One `--report`: a format and the file it goes to. */
export interface ExtraReport {
  readonly format: ReportFormat;
  readonly file: string;
}

/** The `--report` values as formats and files, refusing a bad format and two reports to one file. */
export function extraReports(flags: ReportFlags): ExtraReport[] {
  const seen = new Set(flags.out === undefined ? [] : [resolve(flags.out)]);
  return (flags.report ?? []).map((value) => {
    const at = value.indexOf('=');
    const format = value.slice(0, at);
    const file = value.slice(at + 1);
    if (at < 1 || file === '')
      throw new InputError(`${quoteValue(value)} is not FORMAT=FILE (sarif=out.sarif, say)`, undefined, '--report');
    if (!(REPORT_FORMATS as readonly string[]).includes(format))
      throw new InputError(
        `unknown report format ${quoteValue(format)}; ${expectedOneOf(format, REPORT_FORMATS)}`,
        undefined,
        '--report',
      );
    if (seen.has(resolve(file)))
      throw new InputError(
        `${quoteValue(file)} receives two reports (from --out or another --report)`,
        undefined,
        '--report',
      );
    seen.add(resolve(file));
    return { format: format as ReportFormat, file };
  });
}

/** Refuses flags that do not apply to the chosen format, and an `--out` file the report could not be written to. */
export function requireReportFlags(flags: ReportFlags): void {
  const format = flags.format ?? 'text';
  if (flags.columns && format !== 'text')
    throw new InputError(`applies to --format text only, not ${format}`, undefined, '--columns');
  if (flags.graph && format !== 'dot')
    throw new InputError(`applies to --format dot only, not ${format}`, undefined, '--graph');
  if (flags.out !== undefined) requireWritableOut(flags.out);
  for (const r of extraReports(flags)) requireWritableOut(r.file, '--report');
}

/**
 * The `--report` reports of `run`, each written to its file: plain text without colour or columns,
 * a dot trace (never a state graph), an ITF trace whose model file path is relative to its own file.
 */
export function writeExtraReports(run: RunView, flags: ReportFlags, io: Io): void {
  for (const r of extraReports(flags))
    writeReportFile(r.file, formatReport(run, { format: r.format, out: r.file, color: false }, io), '--report');
}

/** The report of `run` in the chosen format, as text. */
export function formatReport(run: RunView, flags: ReportFlags, io: Io): string {
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  switch (flags.format ?? 'text') {
    case 'json':
      return json(jsonReport(run));
    case 'itf':
      return json(itfOfRun(run, flags.out === undefined ? {} : { out: flags.out }));
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
