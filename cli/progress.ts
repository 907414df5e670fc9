/** Progress of a long run on stderr: a live line on a terminal, plain lines otherwise. */
import type { Stats } from '../checker/Stats.js';
import type { Io } from './Io.js';

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
  if (quiet) return { update: () => {}, done: () => {} };
  let shown = false;
  return {
    update(stats) {
      shown = true;
      if (io.stderrIsTty) io.err(`\r\u001b[K${line(stats)}`);
      else io.err(`progress: ${line(stats)}\n`);
    },
    done() {
      if (shown && io.stderrIsTty) io.err('\r\u001b[K');
    },
  };
}
