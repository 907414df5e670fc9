/** Progress of a history on stderr: cells done and left, at most once a second. */
import type { Io } from '../Io.js';
import { progressLines } from '../progress.js';
import { count } from '../render/plural.js';
import type { HistoryProgress } from './runHistory.js';

const PROGRESS_MS = 1000;

/** `47 of 165 cells done, 118 left (3 of 15 rows), 12,345 states` */
export function historyProgressLine(p: HistoryProgress): string {
  return `${p.cellsDone} of ${p.cells} cells done, ${p.cells - p.cellsDone} left (${p.rowsDone} of ${p.rows} rows), ${count(p.states, 'state')}`;
}

/** A progress reporter for `runHistory`'s `onProgress`, and `done` to clear a live line at the end. */
export function historyProgress(io: Io, quiet: boolean): { update(p: HistoryProgress): void; done(): void } {
  const lines = progressLines(io, quiet);
  let last = Date.now();
  return {
    update(p) {
      if (Date.now() - last < PROGRESS_MS) return;
      last = Date.now();
      lines.show(historyProgressLine(p));
    },
    done: () => lines.done(),
  };
}
