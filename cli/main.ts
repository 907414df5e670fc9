#!/usr/bin/env node
/**
 * The `mmucheck` executable. The program runs on a worker thread (programThread.ts) so that this
 * thread can take SIGINT/SIGTERM during a search of any length: the first signal asks the run to
 * stop, and it ends as incomplete (exit 3) with its partial statistics; a second one exits at once.
 */
import { runOnProgramThread } from './programThread.js';

const stop = new Int32Array(new SharedArrayBuffer(4));
let signals = 0;
const onSignal = () => {
  if (++signals > 1) process.exit(130);
  Atomics.store(stop, 0, 1);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await runOnProgramThread({
  args: process.argv.slice(2),
  stop,
  stdoutIsTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
});
