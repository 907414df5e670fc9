#!/usr/bin/env node
/** The `mmucheck` executable: runs the program on the process's arguments; SIGINT/SIGTERM end a run as incomplete. */
import { createProgram } from './createProgram.js';
import { processIo } from './Io.js';

let interrupted = false;
const stop = () => {
  if (interrupted) process.exit(130);
  interrupted = true;
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const { run } = createProgram(processIo(() => interrupted));
process.exitCode = await run(process.argv.slice(2));
