/**
 * The worker side of `runOnProgramThread`: runs the program on the arguments it was started with,
 * sends its output and exit code to the main thread, and asks a running search to stop once the
 * main thread has raised the shared stop flag.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createProgram } from './createProgram.js';
import type { Io } from './Io.js';
import type { FromProgram, ProgramStart } from './programThread.js';
import { stopReasonOf } from './guardMessages.js';

const start = workerData as ProgramStart;
const send = (m: FromProgram) => parentPort!.postMessage(m);
const io: Io = {
  out: (text) => send({ type: 'out', text }),
  err: (text) => send({ type: 'err', text }),
  stdoutIsTty: start.stdoutIsTty,
  stderrIsTty: start.stderrIsTty,
  stopRequested: () => stopReasonOf(Atomics.load(start.stop, 0)),
  guard: {
    arm: (limits) => send({ type: 'arm', limits }),
    fallback: (fallback) => send({ type: 'fallback', fallback }),
    disarm: () => send({ type: 'disarm' }),
  },
};
send({ type: 'exit', code: await createProgram(io).run(start.args) });
