/** Progress of a long run on stderr: a live line on a terminal, plain lines otherwise. */
import type { Stats } from '../checker/Stats.js';
import type { Io } from './Io.js';

/** How often a throttled progress line is shown at most. */
const PROGRESS_MS = 1000;

/** A progress reporter: `update` is called about once a second, `done` once at the end. */
export interface Progress {
  update(stats: Stats): void;
  done(): void;
}

function line(s: Stats): string {
  const mb = Math.round(process.memoryUsage().rss / 2 ** 20);
  return (
    `distinct ${s.distinct.toLocaleString('en-US')}  generated ${s.generated.toLocaleString('en-US')}  depth ${s.depth}  ` +
    `queue ${s.queue.toLocaleString('en-US')}  ${Math.round(s.statesPerSecond).toLocaleString('en-US')} states/s  ${mb} MB  ${(s.elapsedMs / 1000).toFixed(0)} s`
  );
}

/** Progress to `io.err`, or nothing when `quiet`. */
export function makeProgress(io: Io, quiet: boolean): Progress {
  const lines = progressLines(io, quiet);
  return { update: (stats) => lines.show(line(stats)), done: () => lines.done() };
}

/** Where progress lines go: `show` a line (the live line on a terminal), `done` clears it at the end. */
export interface ProgressLines {
  show(text: string): void;
  done(): void;
}

/** Progress lines of any text to `io.err` (a live line on a terminal, `progress:` lines otherwise), or nothing when `quiet`. */
export function progressLines(io: Io, quiet: boolean): ProgressLines {
  if (quiet) return { show: () => {}, done: () => {} };
  let shown = false;
  return {
    show(text) {
      shown = true;
      if (io.stderrIsTty) io.err(`\r\u001b[K${text}`);
      else io.err(`progress: ${text}\n`);
    },
    done() {
      if (shown && io.stderrIsTty) io.err('\r\u001b[K');
    },
  };
}

/**
 * Progress of a run that reports in steps of its own (history's cells, simulate's walks): at most
 * one line a second, rendered by `render`; `also`, when given, is called with each progress shown.
 */
export function throttledProgress<P>(
  io: Io,
  quiet: boolean,
  render: (progress: P) => string,
  also?: (progress: P) => void,
): { update(progress: P): void; done(): void } {
  const lines = progressLines(io, quiet);
  let last = Date.now();
  return {
    update(progress) {
      if (Date.now() - last < PROGRESS_MS) return;
      last = Date.now();
      lines.show(render(progress));
      also?.(progress);
    },
    done: () => lines.done(),
  };
}
