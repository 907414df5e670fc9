/** Progress of a history on stderr: cells done and left, at most once a second. */
import type { Io } from '../Io.js';
import { throttledProgress } from '../progress.js';
import { count } from '../render/plural.js';
import type { HistoryProgress } from './runHistory.js';

/** `47 of 165 cells done, 118 left (3 of 15 rows), 12,345 states` */
export function historyProgressLine(p: HistoryProgress): string {
  return `${p.cellsDone} of ${p.cells} cells done, ${p.cells - p.cellsDone} left (${p.rowsDone} of ${p.rows} rows), ${count(p.states, 'state')}`;
}

/** A progress reporter for `runHistory`'s `onProgress`, and `done` to clear a live line at the end. */
export function historyProgress(io: Io, quiet: boolean): { update(p: HistoryProgress): void; done(): void } {
  return throttledProgress(io, quiet, historyProgressLine);
}
