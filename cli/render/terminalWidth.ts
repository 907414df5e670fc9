/** The width of the terminal a text report is shown on, for the column view. */
import type { Io } from '../Io.js';
import { DEFAULT_WIDTH } from './textReport.js';

/**
 * The terminal's columns when stdout is a terminal: from the stream when this thread owns it, else
 * from `COLUMNS` (a program thread's stdout is a pipe to the main thread and has no size); else 120.
 */
export function terminalWidth(io: Io): number {
  if (!io.stdoutIsTty) return DEFAULT_WIDTH;
  const columns = process.stdout.columns || Number(process.env['COLUMNS']);
  return Number.isInteger(columns) && columns >= 40 ? columns : DEFAULT_WIDTH;
}
