#!/usr/bin/env node
/**
 * The `mmucheck` executable. The program runs on a worker thread (programThread.ts) so that this
 * thread stays free to enforce the interrupt, the timeout and the memory bound (RunGuard.ts): the
 * first SIGINT/SIGTERM asks the run to stop, and it ends as incomplete (exit 3) with its partial
 * statistics; a second one, or a program that does not stop in time, ends it at once with the
 * statistics of its last progress report (still exit 3).
 */
import { guardWords } from './guardMessages.js';
import { runOnProgramThread } from './programThread.js';

const stop = guardWords();
const thread = runOnProgramThread({
  args: process.argv.slice(2),
  stop,
  stdoutIsTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
});
const onSignal = () => thread.guard.signal();
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.exitCode = await thread.exitCode;
